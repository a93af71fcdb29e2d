import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import type { Actor, Role } from "~/domain/roles";
import { t } from "~/i18n";
import { registerCase } from "~/models/cases.server";
import { takeAction, useBrowserApp, usernameOf } from "../support/browser";
import { act, at, intakeFields, townshipId } from "../support/fixtures";

const session = useBrowserApp();

/** An overdue case assigned to 古南街道, made through the case service as the test accounts. */
async function overdueCase() {
  const actor = async (account: "operator" | "dispatcher"): Promise<Actor> => {
    const user = await prisma.user.findUniqueOrThrow({ where: { username: usernameOf(account) } });
    return { id: user.id, role: user.role as Role, townshipId: user.townshipId };
  };
  const [operator, dispatcher] = await Promise.all([actor("operator"), actor("dispatcher")]);
  const options = { now: at("2026-03-02 09:00"), scheduleJobs: false };
  const created = await registerCase(operator, await intakeFields({ receivedAt: at("2026-03-02 09:00") }), options);
  await act(dispatcher, created.caseNo, { action: "accept" }, "2026-03-02 09:00");
  await act(dispatcher, created.caseNo, { action: "assign", assigneeId: await townshipId("古南街道") }, "2026-03-02 09:00");
  return created.caseNo;
}

describe("supervision in the browser", { timeout: 120_000 }, () => {
  it("a leader finds an overdue case on the board and instructs; the township acknowledges; the leader is told", async () => {
    const caseNo = await overdueCase();
    const leader = await session.signIn("leader");
    await leader.goto("/supervision");
    await leader.getByRole("link", { name: caseNo }).click();
    await leader.waitForURL(`**/cases/${caseNo}`);
    await takeAction(leader, "instruct", { [t("field.instruction")]: "请三日内办结并书面报告。" });
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
