import { describe, expect, it } from "vitest";
import { localDateOf } from "~/domain/local-time";
import { rankingKeyOf } from "~/domain/unit-figures";
import { t, tKey } from "~/i18n";
import { rankingLabel } from "~/models/statistics/figure-entries";
import { PHONE, accessibilityViolations, screenshot, useBrowserApp } from "../support/browser";

const session = useBrowserApp({}, { demoData: true });

/** A leader ranks the handling units over the demo data's quarter, by another rate, on a desk and on a phone. */
describe("the units' ranking in the browser", { timeout: 120_000 }, () => {
  it("a leader opens the ranking from the report, picks the quarter and another rate, and reads the table and the chart", async () => {
    const leader = await session.signIn("leader");
    await leader.setViewportSize({ width: 1366, height: 900 });
    await leader.goto("/reports/annual/2026");
    await leader.getByRole("heading", { name: t("report.section.ranking") }).waitFor();
    await leader.getByRole("link", { name: t("ranking.title") }).click();
    await leader.waitForURL(/\/reports\/units$/);
    const quarter = rankingKeyOf(localDateOf(new Date()), "quarter");
    await leader.getByRole("link", { name: `${tKey("ranking.granularity", "quarter")} ${quarter}` }).click();
    await leader.getByRole("heading", { level: 1, name: t("ranking.periodTitle", { period: rankingLabel(quarter) }) }).waitFor();
    await leader.getByLabel(t("ranking.by")).selectOption({ label: t("ranking.rate.returned") });
    await leader.getByRole("button", { name: t("ranking.show") }).click();
    await leader.waitForURL(/by=returned/);
    await leader
      .getByRole("figure")
      .filter({ hasText: t("ranking.chartTitle", { rate: t("ranking.rate.returned") }) })
      .waitFor();
    const table = leader.getByRole("table");
    expect(await table.getByRole("columnheader", { name: t("ranking.rate.signedInTime") }).count()).toBe(1);
    // The demo's two townships with accounts worked this quarter: each is a row with its counts.
    expect(await table.getByRole("row").filter({ hasText: "古南街道" }).count()).toBe(1);
    expect(await leader.getByRole("link", { name: t("ranking.download") }).getAttribute("href")).toBe(
      `/reports/units/xlsx?period=${quarter}&by=returned`,
    );
    expect(await accessibilityViolations(leader)).toEqual([]);
    await screenshot(leader, "ranking-desktop");

    // A period typed wrong is refused with the reason, in Chinese.
    const refused = await leader.goto("/reports/units?period=2026-13");
    expect(refused?.status()).toBe(400);
    expect(await leader.textContent("body")).toContain(t("ranking.badPeriod"));
    await leader.context().close();

    const phone = await session.signIn("leader", { phone: true });
    await phone.goto(`/reports/units?period=${quarter}`);
    await phone.getByRole("table").waitFor();
    // The table scrolls inside its box; the page itself stays as wide as the phone.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.viewport.width);
    expect(await accessibilityViolations(phone)).toEqual([]);
  });
});
