import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { registerCase, changeCase } from "~/models/cases.server";
import { useBrowserApp } from "../support/browser";
import { at, intakeFields, townshipId } from "../support/fixtures";

const session = useBrowserApp();

/** An overdue case assigned to 古南街道, made through the case service as the demo accounts. */
async function overdueCase() {
  const user = (username: string) => prisma.user.findUniqueOrThrow({ where: { username } });
  const [operator, dispatcher] = await Promise.all([user("operator"), user("dispatcher")]);
  const actor = (u: typeof operator) => ({ id: u.id, role: u.role as "operator" | "dispatcher", townshipId: u.townshipId });
  const options = { now: at("2026-03-02 09:00"), scheduleJobs: false };
  const created = await registerCase(actor(operator), await intakeFields({ receivedAt: at("2026-03-02 09:00") }), options);
  let { version } = await changeCase(actor(dispatcher), created.caseNo, created.version, { action: "accept" }, options);
  ({ version } = await changeCase(
    actor(dispatcher),
    created.caseNo,
    version,
    { action: "assign", assigneeId: await townshipId("古南街道") },
    options,
  ));
  return created.caseNo;
}

describe("supervision in the browser", { timeout: 120_000 }, () => {
  it("a leader finds an overdue case on the board and instructs; the township acknowledges; the leader is told", async () => {
    const caseNo = await overdueCase();
    const leader = await session.signIn("leader");
    await leader.goto("/supervision");
    await leader.locator(`[data-case-no="${caseNo}"] a`).click();
    await leader.waitForURL(`**/cases/${caseNo}`);
    await leader.locator("form[data-action=instruct] textarea[name=text]").fill("请三日内办结并书面报告。");
    await leader.locator("form[data-action=instruct] button[type=submit]").click();
    await leader.locator("[data-done=instruct]").waitFor();
    expect(await leader.locator("[data-section=instructions]").textContent()).toContain("待签收");

    const township = await session.signIn("township");
    expect(Number(await township.locator("a[href='/notifications']").getAttribute("data-unread"))).toBeGreaterThan(0);
    await township.goto("/notifications");
    expect(await township.locator("main").textContent()).toContain("请三日内办结并书面报告。");
    await township.goto(`/cases/${caseNo}`);
    await township.locator("form[data-action=acknowledge] button[type=submit]").click();
    await township.locator("[data-done=acknowledge]").waitFor();
    expect(await township.locator("[data-section=instructions]").textContent()).toContain("已签收");

    await leader.goto("/notifications");
    expect(await leader.locator("main").textContent()).toContain(`已签收 ${caseNo} 的督办意见`);
  });
});
