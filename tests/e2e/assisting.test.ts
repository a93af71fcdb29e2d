import { describe, expect, it } from "vitest";
import { t, tKey } from "~/i18n";
import { assignedCase } from "../support/fixtures";
import { accessibilityViolations, accountActor, screenshot, takeAction, useBrowserApp } from "../support/browser";

const session = useBrowserApp();

/** The desk asks 文龙 to assist 古南; 文龙 submits its part on a phone; 古南 quotes it in its result. */
describe("assisting units in the browser", { timeout: 120_000 }, () => {
  it("an assisting unit submits its part from its inbox on a phone, and the lead unit quotes it in its result", async () => {
    const operator = await accountActor("operator");
    const dispatcher = await accountActor("dispatcher");
    const created = await assignedCase({ operator, dispatcher }, new Date(Date.now() - 3_600_000), {
      subject: "浏览器协办测试厂",
    });

    const desk = await session.signIn("dispatcher");
    await desk.goto(`/cases/${created.caseNo}`);
    const request = desk.getByRole("form", { name: tKey("action", "requestAssistance"), exact: true });
    await request.getByLabel("文龙街道", { exact: true }).check();
    await takeAction(desk, "requestAssistance", { [t("assisting.instruction")]: "请核查排污口是否位于文龙街道一侧" });
    await desk.getByRole("region", { name: t("assisting.title") }).waitFor();
    await desk.context().close();

    const helper = await session.signIn("wenlong", { phone: true });
    await helper.goto("/inbox");
    const card = helper.getByRole("row").filter({ hasText: created.caseNo });
    // The card shows its own part's deadline, not the lead's.
    expect(await card.getByRole("cell").last().getAttribute("data-label")).toBe(t("assisting.partDue"));
    await screenshot(helper, "inbox-assisting-phone");
    await helper.getByRole("link", { name: created.caseNo }).tap();
    await helper.waitForURL(`**/cases/${created.caseNo}`);
    // Its only step is its part: the lead unit's steps are not offered.
    expect(await helper.getByRole("form", { name: tKey("action", "submit"), exact: true }).count()).toBe(0);
    expect(await accessibilityViolations(helper)).toEqual([]);
    await takeAction(helper, "submitPart", { [t("assisting.partText")]: "排污口位于文龙街道一侧，已拍照取证。" });
    await helper.context().close();

    const lead = await session.signIn("gunan");
    await lead.goto(`/cases/${created.caseNo}`);
    const result = lead.getByRole("form", { name: tKey("action", "submit"), exact: true });
    await result.getByRole("button", { name: t("assisting.quoteButton", { unit: "文龙街道" }) }).click();
    const text = result.getByLabel(tKey("step.text", "submit"), { exact: true });
    expect(await text.inputValue()).toBe(
      t("assisting.quote", { unit: "文龙街道", text: "排污口位于文龙街道一侧，已拍照取证。" }),
    );
    await text.press("End");
    await text.pressSequentially("已责令封堵。");
    await result.getByRole("button", { name: tKey("action", "submit"), exact: true }).click();
    await lead
      .getByRole("status")
      .filter({ hasText: t("case.done", { action: tKey("action", "submit") }) })
      .waitFor();
    const shown = lead.getByRole("region", { name: t("assisting.title") });
    expect(await shown.textContent()).toContain("排污口位于文龙街道一侧，已拍照取证。");
    expect(await accessibilityViolations(lead)).toEqual([]);
  });
});
