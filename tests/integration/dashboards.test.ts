import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { CASE_FOR_API, fullCaseOf } from "~/models/transfers-in/api-case-views.server";
import { getCaseForViewer } from "~/models/case/view.server";
import { listCases } from "~/models/case/lists.server";
import { registerCase } from "~/models/case/service.server";
import { dispatcherDashboard, leaderDashboard, operatorDashboard, townshipDashboard } from "~/models/case/dashboards.server";
import { assignedCase, at, intakeFields, setUpWorld } from "../support/fixtures";

let world: Awaited<ReturnType<typeof setUpWorld>>;
const noJobs = { scheduleJobs: false };

beforeAll(async () => {
  world = await setUpWorld();
});

describe("the role dashboards", () => {
  it("count what is due soon (past the policy's warning instant) and what is overdue, each in the viewer's scope", async () => {
    // Friday 27 Nov 2026, 10:00. Complaints are due 15 working days after receipt, warned 2 working days before.
    const now = at("2026-11-27 10:00");
    const overdue = await assignedCase(world, "2026-11-02 09:00"); // due Mon 23 Nov: overdue
    const dueSoon = await assignedCase(world, "2026-11-09 09:00"); // due Mon 30 Nov 23:59:59, warned Thu 26 Nov 23:59:59
    const later = await assignedCase(world, "2026-11-20 09:00"); // due 11 Dec: neither
    // Acceptance due Fri 27 Nov 23:59:59 (one working day), warned half-way, in the night.
    const waiting = await registerCase(world.operator, await intakeFields({ receivedAt: at("2026-11-26 09:00") }), {
      now: at("2026-11-26 09:00"),
      ...noJobs,
    });

    const dispatcher = await dispatcherDashboard(world.dispatcher, now);
    expect(dispatcher.overdueCases.map((c) => c.caseNo)).toContain(overdue.caseNo);
    expect(dispatcher.dueSoonCases.map((c) => c.caseNo)).toEqual(expect.arrayContaining([dueSoon.caseNo, waiting.caseNo]));
    expect(dispatcher.dueSoonCases.map((c) => c.caseNo)).not.toContain(overdue.caseNo);
    expect(dispatcher.dueSoonCases.map((c) => c.caseNo)).not.toContain(later.caseNo);
    expect(dispatcher).toMatchObject({ toAccept: 1, toReview: 0, overdueCount: 1, dueSoonCount: 2 });

    const gunan = await townshipDashboard(world.gunan, now);
    expect(gunan).toMatchObject({ inHand: 3, overdueCount: 1, dueSoonCount: 1 });
    const wenlong = await townshipDashboard(world.wenlong, now);
    expect(wenlong).toMatchObject({ inHand: 0, overdueCount: 0, dueSoonCount: 0 });
  });

  it("say 'due soon' as the list, the case page and the API do: one rule, the policy's warning instant", async () => {
    // The case: due Monday 23:59:59, seen on Friday 10:00 (48 hours before due would still be green).
    const now = at("2026-11-27 10:00");
    const dueMonday = await assignedCase(world, "2026-11-09 09:00");
    const seenBy = async (when: Date) => {
      const list = await listCases(world.dispatcher, { sort: "received_desc", page: 1, q: dueMonday.caseNo }, when);
      const page = await getCaseForViewer(world.dispatcher, dueMonday.caseNo, when);
      const record = await prisma.case.findUniqueOrThrow({ where: { caseNo: dueMonday.caseNo }, include: CASE_FOR_API });
      const onBoard = await dispatcherDashboard(world.dispatcher, when);
      return {
        list: list.cases.find((c) => c.caseNo === dueMonday.caseNo)?.marker,
        page: page.milestones.find((m) => m.milestone === "conclude")?.marker,
        api: fullCaseOf(record, when).dueSoon,
        dashboard: onBoard.dueSoonCases.some((c) => c.caseNo === dueMonday.caseNo),
      };
    };
    expect(await seenBy(now)).toEqual({ list: "yellow", page: "yellow", api: true, dashboard: true });
    expect(await seenBy(at("2026-11-26 23:59:58"))).toEqual({ list: "green", page: "green", api: false, dashboard: false });
    const afterDue = await seenBy(at("2026-12-01 00:00:01"));
    expect(afterDue).toMatchObject({ list: "red", page: "red", api: false, dashboard: false });
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
