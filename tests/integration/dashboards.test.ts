import { beforeAll, describe, expect, it } from "vitest";
import { registerCase } from "~/models/cases.server";
import { dispatcherDashboard, leaderDashboard, operatorDashboard, townshipDashboard } from "~/models/dashboards.server";
import { assignedCase, at, intakeFields, setUpWorld } from "../support/fixtures";

let world: Awaited<ReturnType<typeof setUpWorld>>;
const noJobs = { scheduleJobs: false };

beforeAll(async () => {
  world = await setUpWorld();
});

describe("the role dashboards", () => {
  it("count what is due within two working days and what is overdue, each in the viewer's scope", async () => {
    // Thursday 26 Nov 2026, 10:00. Complaints are due 15 working days after receipt.
    const now = at("2026-11-26 10:00");
    const overdue = await assignedCase(world, "2026-11-02 09:00"); // due Mon 23 Nov: overdue
    const dueSoon = await assignedCase(world, "2026-11-09 09:00"); // due Mon 30 Nov: within two working days
    await assignedCase(world, "2026-11-20 09:00"); // due 11 Dec: neither
    const waiting = await registerCase(world.operator, await intakeFields({ receivedAt: at("2026-11-26 09:00") }), {
      now,
      ...noJobs,
    });

    const dispatcher = await dispatcherDashboard(world.dispatcher, now);
    expect(dispatcher.overdueCases.map((c) => c.caseNo)).toContain(overdue.caseNo);
    expect(dispatcher.dueSoonCases.map((c) => c.caseNo)).toEqual(expect.arrayContaining([dueSoon.caseNo, waiting.caseNo]));
    expect(dispatcher.dueSoonCases.map((c) => c.caseNo)).not.toContain(overdue.caseNo);
    expect(dispatcher).toMatchObject({ toAccept: 1, toReview: 0, overdueCount: 1, dueSoonCount: 2 });

    const gunan = await townshipDashboard(world.gunan, now);
    expect(gunan).toMatchObject({ inHand: 3, overdueCount: 1, dueSoonCount: 1 });
    const wenlong = await townshipDashboard(world.wenlong, now);
    expect(wenlong).toMatchObject({ inHand: 0, overdueCount: 0, dueSoonCount: 0 });
  });

  it("shows the operator today's intake and the callers who called before", async () => {
    const now = at("2027-03-02 15:00");
    const fields = (phone: string, receivedAt: string) =>
      intakeFields({ complainantPhone: phone, complainantName: "王强", receivedAt: at(receivedAt) });
    await registerCase(world.operator, await fields("13911112222", "2027-01-05 10:00"), { now, ...noJobs });
    await registerCase(world.operator, await fields("13911112222", "2027-03-02 09:00"), { now, ...noJobs });
    await registerCase(world.operator, await fields("13933334444", "2027-03-02 11:00"), { now, ...noJobs });
    const operator = await operatorDashboard(world.operator, now);
    expect(operator.total).toBe(2);
    expect(operator.mine).toHaveLength(2);
    expect(operator.repeatCallers).toEqual([expect.objectContaining({ phone: "13911112222", name: "王强", count: 2 })]);
  });

  it("gives the leader the year so far against the same days of last year", async () => {
    const now = at("2030-06-15 12:00");
    await assignedCase(world, "2029-03-01 09:00");
    await assignedCase(world, "2029-09-01 09:00"); // after 15 June: not in last year's same period
    await assignedCase(world, "2030-02-01 09:00");
    await assignedCase(world, "2030-03-01 09:00");
    const leader = await leaderDashboard(now);
    expect(leader.year).toBe(2030);
    expect(leader.thisYear.received).toBe(2);
    expect(leader.lastYearToDate.received).toBe(1);
    expect(leader.lastYear.received).toBe(2);
    expect(leader.thisYear.byMonth.map((m) => m.key)).toHaveLength(6);
    expect(leader.overdueTotal).toBeGreaterThan(0);
  });
});
