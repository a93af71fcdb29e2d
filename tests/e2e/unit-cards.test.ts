import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { creditCodeFrom } from "~/domain/credit-code";
import { t } from "~/i18n";
import { PHONE, accessibilityViolations, screenshot, useBrowserApp } from "../support/browser";

const session = useBrowserApp();

/** A card as the desk issues it, as the unit's township records its finding, and as the public reads it. */
describe("red and yellow cards in the browser", { timeout: 120_000 }, () => {
  it("the desk issues a yellow card on the unit's page; the township records it not rectified on a phone; the public notice lists it", async () => {
    const township = await prisma.township.findFirstOrThrow({ where: { name: "古南街道" } });
    const unit = await prisma.regulatedUnit.create({
      data: {
        creditCode: creditCodeFrom("91500222", "BC000001"),
        name: "浏览器测试石材有限公司",
        address: "古南街道桥河村3组",
        townshipId: township.id,
        industry: "非金属矿物制品业",
        keyDischarge: true,
      },
    });
    await prisma.creditGrade.create({ data: { unitId: unit.id, year: 2025, grade: "warned", updatedAt: new Date() } });

    const desk = await session.signIn("dispatcher");
    await desk.setViewportSize({ width: 1366, height: 900 });
    await desk.goto(`/enterprises/${unit.id}`);
    await desk.getByText("2025年环保警示").waitFor();
    await desk.locator("summary", { hasText: t("card.issue") }).click();
    const form = desk.getByRole("form", { name: t("card.issue") });
    await form.getByLabel(t("card.colourLabel")).selectOption({ label: t("card.colour.yellow") });
    await form.getByLabel(t("card.rectifyWorkingDays")).fill("10");
    await form.getByLabel(t("card.reason")).fill("颗粒物排放浓度超过排放标准");
    await form.getByLabel(t("card.legalBasis")).fill("《中华人民共和国大气污染防治法》第九十九条");
    // Refused without its evidence: the message beside the field, the rest kept.
    await form.getByRole("button", { name: t("card.issue") }).click();
    await form
      .getByRole("alert")
      .filter({ hasText: t("error.required") })
      .first()
      .waitFor();
    expect(await form.getByLabel(t("card.reason")).inputValue()).toBe("颗粒物排放浓度超过排放标准");
    await form.getByLabel(t("card.evidence")).fill("区监测站监测报告 JC-2026-118");
    await form.getByRole("button", { name: t("card.issue") }).click();
    await desk
      .getByRole("status")
      .filter({ hasText: t("card.done") })
      .waitFor();
    const card = desk.getByRole("listitem").filter({ hasText: "颗粒物排放浓度超过排放标准" });
    await card.getByRole("heading", { name: `${t("card.colour.yellow")} · ${t("card.state.inForce")}` }).waitFor();
    expect(await accessibilityViolations(desk)).toEqual([]);
    await screenshot(desk, "unit-page-desktop");
    await desk.context().close();

    const staff = await session.signIn("gunan", { phone: true });
    await staff.goto(`/enterprises/${unit.id}`);
    await staff.locator("summary", { hasText: t("card.action.recordNotRectified") }).click();
    const finding = staff.getByRole("form", { name: t("card.action.recordNotRectified") });
    await finding.getByLabel(t("card.text.recordNotRectified")).fill("复查时颗粒物仍超标。");
    await finding.getByRole("button", { name: t("card.action.recordNotRectified") }).click();
    await staff
      .getByRole("status")
      .filter({ hasText: t("card.done") })
      .waitFor();
    await staff.getByRole("heading", { name: `${t("card.colour.yellow")} · ${t("card.state.notRectified")}` }).waitFor();
    // Township staff issue no card and lift none.
    expect(await staff.getByRole("form", { name: t("card.issue") }).count()).toBe(0);
    expect(await staff.locator("summary", { hasText: t("card.action.lift") }).count()).toBe(0);
    expect(await accessibilityViolations(staff)).toEqual([]);
    await staff.context().close();

    // Nobody signed in, at a phone's width.
    const publicPage = await session.anonymousPage();
    await publicPage.setViewportSize(PHONE.viewport);
    await publicPage.goto("/notices/cards");
    await publicPage.getByRole("heading", { level: 1, name: t("notices.title") }).waitFor();
    const notice = publicPage.getByRole("listitem").filter({ hasText: unit.name });
    expect(await notice.textContent()).toContain(unit.creditCode);
    expect(await notice.textContent()).toContain(t("card.state.notRectified"));
    expect(await publicPage.getByRole("link", { name: t("notices.download") }).getAttribute("href")).toBe("/notices/cards.xlsx");
    expect(await accessibilityViolations(publicPage)).toEqual([]);
    const width = await publicPage.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(publicPage, "card-notices-phone");
    await publicPage.context().close();
  });
});
