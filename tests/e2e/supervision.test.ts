import { describe, expect, it } from "vitest";
import { t, tKey } from "~/i18n";
import { accountActor, takeAction, useBrowserApp } from "../support/browser";
import { assignedCase } from "../support/fixtures";

const session = useBrowserApp();

/** An overdue case assigned to 古南街道, made through the case service as the test accounts. */
async function overdueCase() {
  const world = { operator: await accountActor("operator"), dispatcher: await accountActor("dispatcher") };
  return (await assignedCase(world, "2026-03-02 09:00")).caseNo;
}

describe("supervision in the browser", { timeout: 120_000 }, () => {
  it("a leader finds an overdue case on the board and instructs; the township acknowledges; the leader is told", async () => {
    const caseNo = await overdueCase();
    const leader = await session.signIn("leader");
    await leader.goto("/supervision");
    await leader.getByRole("link", { name: caseNo }).click();
    await leader.waitForURL(`**/cases/${caseNo}`);
    await takeAction(leader, "instruct", { [tKey("step.text", "instruct")]: "请三日内办结并书面报告。" });
    const instructions = (page: typeof leader) =>
      page.getByRole("region", { name: t("field.instruction"), exact: true }).textContent();
    expect(await instructions(leader)).toContain(t("case.notAcknowledged"));

    const township = await session.signIn("gunan");
    const notifications = township.getByRole("banner").getByRole("link", { name: new RegExp(t("nav.notifications")) });
    expect(Number(/\d+/.exec((await notifications.textContent()) ?? "")?.[0])).toBeGreaterThan(0);
    await notifications.click();
    // A client-side navigation: wait for the new page's content, not only its address.
    await township.getByRole("main").getByText("请三日内办结并书面报告。", { exact: false }).first().waitFor();
    await township.goto(`/cases/${caseNo}`);
    await takeAction(township, "acknowledge");
    expect(await instructions(township)).toContain(t("case.acknowledgedAt"));

    await leader.goto("/notifications");
    await leader.getByRole("main").getByText(`已签收 ${caseNo} 的督办意见`, { exact: false }).first().waitFor();
  });
});
