import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { t } from "~/i18n";
import { accessibilityViolations, useBrowserApp } from "../support/browser";

const session = useBrowserApp();

describe("the holiday calendar in the browser", { timeout: 120_000 }, () => {
  it("a day removed by mistake comes back with one click, with its name", async () => {
    const before = await prisma.holidayDate.findUniqueOrThrow({ where: { date: "2026-10-01" } });
    const page = await session.signIn("admin");
    await page.goto("/admin/calendar?year=2026");
    await page.getByRole("button", { name: t("admin.calendar.removeDay", { date: "2026-10-01" }) }).click();
    const done = page.getByRole("form", { name: t("admin.calendar.undoRemove", { date: "2026-10-01" }) });
    await done.waitFor();
    expect(await done.textContent()).toContain(`已删除 2026-10-01（放假 ${before.name}）`);
    expect(await prisma.holidayDate.count({ where: { date: "2026-10-01" } })).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    await done.getByRole("button", { name: t("admin.calendar.undo") }).click();
    await page.getByRole("status").filter({ hasText: "已保存" }).waitFor();
    expect(await prisma.holidayDate.findUniqueOrThrow({ where: { date: "2026-10-01" } })).toMatchObject({
      type: before.type,
      name: before.name,
      scheduleYear: before.scheduleYear,
    });
    await page.context().close();
  });

  it("the policies table heads its time limits as limits, not as extension days", async () => {
    const page = await session.signIn("admin");
    await page.goto("/admin/policies");
    const headers = await page.getByRole("columnheader").allTextContents();
    expect(headers).toContain(t("admin.policies.amount"));
    expect(headers).not.toContain("延期天数");
    await page.context().close();
  });
});
