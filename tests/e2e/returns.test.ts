import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { t, tKey } from "~/i18n";
import { assignedCase, townshipId } from "../support/fixtures";
import { accessibilityViolations, accountActor, screenshot, takeAction, useBrowserApp } from "../support/browser";

const session = useBrowserApp();

/** A township returns a case on a phone; the desk finds it in its queue and decides it (docs/domain.md). */
describe("returns in the browser", { timeout: 120_000 }, () => {
  it("the township returns a case with its ground and a suggestion; the desk decides it from its queue; the township reads the decision", async () => {
    const operator = await accountActor("operator");
    const dispatcher = await accountActor("dispatcher");
    const created = await assignedCase({ operator, dispatcher }, new Date(Date.now() - 3_600_000), {
      subject: "浏览器退单测试厂",
    });

    const staff = await session.signIn("gunan", { phone: true });
    await staff.goto(`/cases/${created.caseNo}`);
    const form = staff.getByRole("form", { name: tKey("action", "return"), exact: true });
    // Refused without a ground: the message beside the field, the text kept.
    await form.getByLabel(tKey("step.reason", "return"), { exact: true }).fill("现场核实，被投诉点位于文龙街道辖区。");
    await form.getByRole("button", { name: tKey("action", "return"), exact: true }).click();
    await form
      .getByRole("alert")
      .filter({ hasText: t("error.required") })
      .first()
      .waitFor();
    expect(await form.getByLabel(tKey("step.reason", "return"), { exact: true }).inputValue()).toBe(
      "现场核实，被投诉点位于文龙街道辖区。",
    );
    expect(await accessibilityViolations(staff)).toEqual([]);
    await form.getByLabel(t("returns.ground")).selectOption({ label: tKey("returnGround", "notOurArea") });
    await form.getByLabel(t("returns.suggested")).selectOption({ label: "文龙街道" });
    await form.getByRole("button", { name: tKey("action", "return"), exact: true }).click();
    // The case leaves the township's sight: its inbox says where it went.
    await staff
      .getByRole("status")
      .filter({ hasText: t("inbox.returned", { caseNo: created.caseNo }) })
      .waitFor();
    await staff.context().close();

    const desk = await session.signIn("dispatcher");
    await desk.setViewportSize({ width: 1366, height: 900 });
    await desk.goto("/dispatch?queue=returned");
    const tab = desk.getByRole("link", { name: new RegExp(t("dispatch.returned")) });
    expect(await tab.getAttribute("aria-current")).toBe("page");
    const row = desk.getByRole("row").filter({ hasText: created.caseNo });
    expect(await row.textContent()).toContain(tKey("returnGround", "notOurArea"));
    expect(await accessibilityViolations(desk)).toEqual([]);
    await screenshot(desk, "dispatch-returns-desktop");
    await row.getByRole("link", { name: t("desk.decide") }).click();
    await desk.waitForURL(/#step-decideReturn$/);
    const decision = desk.getByRole("form", { name: tKey("action", "decideReturn"), exact: true });
    // The unit the township suggested is proposed.
    expect(await decision.getByLabel(t("returns.unitChosen")).inputValue()).toBe(String(await townshipId("文龙街道")));
    await decision.getByLabel(tKey("returnDecision", "uphold")).check();
    await takeAction(desk, "decideReturn", { [tKey("step.reason", "decideReturn")]: "经核对门牌，被投诉点属古南街道辖区。" });
    const returns = desk.getByRole("region", { name: t("returns.title") });
    expect(await returns.textContent()).toContain(tKey("returnDecision", "uphold"));
    expect(await accessibilityViolations(desk)).toEqual([]);
    await desk.context().close();

    // Back with the township, which reads why on the case page and in its notifications.
    const back = await session.signIn("gunan", { phone: true });
    await back.goto(`/cases/${created.caseNo}`);
    const shown = back.getByRole("region", { name: t("returns.title") });
    expect(await shown.textContent()).toContain("经核对门牌，被投诉点属古南街道辖区。");
    const record = await prisma.case.findUniqueOrThrow({ where: { caseNo: created.caseNo } });
    expect(record).toMatchObject({ state: "assigned", assignedToId: await townshipId("古南街道") });
    await back.goto("/notifications");
    await back.getByText(created.caseNo, { exact: false }).first().waitFor();
    expect(await accessibilityViolations(back)).toEqual([]);
  });
});
