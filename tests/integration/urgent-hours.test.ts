import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { formatLocalDateTime } from "~/domain/local-time";
import { registerCase } from "~/models/case/service.server";
import { sweepDueSteps } from "~/models/deadlines/sweep.server";
import { act, at, intakeFields, setUpWorld, townshipId } from "../support/fixtures";

/** Urgent work orders in hours, counted around the clock across the National Day holiday (docs/domain.md). */
let world: Awaited<ReturnType<typeof setUpWorld>>;
beforeAll(async () => {
  world = await setUpWorld();
});

const milestonesOf = async (caseId: number) =>
  Object.fromEntries(
    (await prisma.caseMilestone.findMany({ where: { caseId } })).map((m) => [
      m.milestone,
      { due: formatLocalDateTime(m.dueAt), warning: formatLocalDateTime(m.warningAt), status: m.status },
    ]),
  );

async function urgentCase(receivedAt: string) {
  const created = await registerCase(world.operator, await intakeFields({ receivedAt: at(receivedAt), urgency: "urgent" }), {
    now: at(receivedAt),
    scheduleJobs: false,
  });
  await act(world.dispatcher, created.caseNo, { action: "accept" }, receivedAt);
  await act(world.dispatcher, created.caseNo, { action: "assign", assigneeId: await townshipId("古南街道") }, receivedAt);
  return created;
}

describe("urgent work orders in hours", { timeout: 120_000 }, () => {
  it("reach the site in 2 hours and report first in 24, around the clock on a holiday; acceptance waits for a working day", async () => {
    // Saturday 3 October 2026, in the National Day holiday, at 22:00.
    const created = await urgentCase("2026-10-03 22:00");
    expect(await milestonesOf(created.id)).toMatchObject({
      respond: { due: "2026-10-04 00:00:00", warning: "2026-10-03 23:00:00", status: "open" },
      firstReport: { due: "2026-10-04 22:00:00", warning: "2026-10-04 21:00:00", status: "open" },
      // One working day: the holiday runs to 7 October; Thursday 8 October is the first working day.
      accept: { due: "2026-10-08 23:59:59", status: "met" },
    });
  });

  it("the ladder warns an hour ahead and records the first report overdue at its hour; the unit's note meets it, the desk's does not", async () => {
    const late = await urgentCase("2026-10-03 22:00");
    await sweepDueSteps(at("2026-10-04 21:00"));
    expect(await prisma.deadlineStep.count({ where: { caseId: late.id, milestone: "firstReport", step: "warning" } })).toBe(1);
    await sweepDueSteps(at("2026-10-04 22:00"));
    expect(await prisma.deadlineStep.count({ where: { caseId: late.id, milestone: "firstReport", step: "overdue" } })).toBe(1);
    expect((await prisma.case.findUniqueOrThrow({ where: { id: late.id } })).overdue).toBe(true);

    const reported = await urgentCase("2026-10-03 22:00");
    await act(world.dispatcher, reported.caseNo, { action: "note", text: "已电话联系街道" }, "2026-10-04 08:00");
    expect((await milestonesOf(reported.id)).firstReport.status).toBe("open");
    await act(world.gunan, reported.caseNo, { action: "onSite", text: "已到场" }, "2026-10-03 23:40");
    await act(world.gunan, reported.caseNo, { action: "note", text: "初步查明为夜间偷排" }, "2026-10-04 09:00");
    expect(await milestonesOf(reported.id)).toMatchObject({ respond: { status: "met" }, firstReport: { status: "met" } });
    await sweepDueSteps(at("2026-10-04 22:30"));
    expect(await prisma.deadlineStep.count({ where: { caseId: reported.id, milestone: "firstReport" } })).toBe(0);
    expect((await prisma.case.findUniqueOrThrow({ where: { id: reported.id } })).overdue).toBe(false);
  });

  it("a complaint that is not urgent has no hour milestones", async () => {
    const created = await registerCase(world.operator, await intakeFields({ receivedAt: at("2026-10-03 22:00") }), {
      now: at("2026-10-03 22:00"),
      scheduleJobs: false,
    });
    expect(Object.keys(await milestonesOf(created.id)).sort()).toEqual(["accept", "conclude"]);
  });
});
