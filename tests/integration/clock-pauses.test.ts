import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { formatLocalDateTime } from "~/domain/local-time";
import { rangePeriod } from "~/domain/statistics";
import { getCaseForViewer } from "~/models/case/view.server";
import { sweepDueSteps } from "~/models/deadlines/sweep.server";
import { ActionNotAllowedError, InputError } from "~/models/errors";
import { caseStatistics } from "~/models/statistics/figures.server";
import { act, assignedCase, setUpWorld } from "../support/fixtures";

/** Clocks that pause by rule: nothing fires while paused, the deadline moves by the days it took (docs/domain.md). */
let world: Awaited<ReturnType<typeof setUpWorld>>;
beforeAll(async () => {
  world = await setUpWorld();
});

const conclusionOf = (caseNo: string) =>
  prisma.caseMilestone.findFirstOrThrow({ where: { case: { caseNo }, milestone: "conclude" } });
const pause = {
  action: "pauseClock",
  ground: "appraisal",
  reason: "委托区监测站采样检测",
  legalBasis: "检测期间不计入办理期限",
} as const;

describe("clocks that pause by rule", { timeout: 120_000 }, () => {
  it("a complaint's conclusion clock paused for testing fires nothing, blocks the conclusion, and moves by the working days the pause took", async () => {
    // Received and assigned Mon 2 March 2026: 15 working days, due Mon 23 March.
    const created = await assignedCase(world, "2026-03-02 09:00");
    expect(formatLocalDateTime((await conclusionOf(created.caseNo)).dueAt)).toBe("2026-03-23 23:59:59");
    await act(world.dispatcher, created.caseNo, pause, "2026-03-03 10:00");
    const paused = await conclusionOf(created.caseNo);
    expect(paused).toMatchObject({ nextStepAt: null, nextStep: "warning" });
    expect((await prisma.case.findUniqueOrThrow({ where: { caseNo: created.caseNo } })).nextDueAt).toBeNull();
    const view = await getCaseForViewer(world.dispatcher, created.caseNo);
    expect(view.allowedActions).toContain("resumeClock");
    expect(view.allowedActions).not.toContain("pauseClock");

    // Long past its old deadline, nothing fired and the case is not overdue.
    await sweepDueSteps(new Date("2026-03-28T00:00:00Z"));
    expect(await prisma.deadlineStep.count({ where: { caseId: created.id, milestone: "conclude" } })).toBe(0);
    expect((await prisma.case.findUniqueOrThrow({ where: { id: created.id } })).overdue).toBe(false);
    await act(world.gunan, created.caseNo, { action: "submit", text: "检测达标" }, "2026-03-27 09:00");
    await expect(
      act(world.dispatcher, created.caseNo, { action: "conclude", text: "已答复" }, "2026-03-27 10:00"),
    ).rejects.toBeInstanceOf(ActionNotAllowedError);

    // Resumed Mon 30 March: 4–6, 9–13, 16–20, 23–27 and 30 March are 19 working days added.
    await act(world.dispatcher, created.caseNo, { action: "resumeClock" }, "2026-03-30 09:00");
    const resumed = await conclusionOf(created.caseNo);
    expect(resumed).toMatchObject({ pausedAt: null, pausedBy: 19 });
    expect(formatLocalDateTime(resumed.dueAt)).toBe("2026-04-20 23:59:59");
    expect(resumed.nextStepAt).toEqual(resumed.warningAt);
    const record = await prisma.case.findUniqueOrThrow({ where: { id: created.id } });
    expect(record.pausedMinutes).toBe((27 * 24 - 1) * 60);
    expect(record.nextDueAt).toEqual(resumed.dueAt);
    const stored = await prisma.clockPause.findFirstOrThrow({ where: { caseId: created.id } });
    expect(stored).toMatchObject({ ground: "appraisal", addedDays: 19, legalBasis: "检测期间不计入办理期限" });

    // Concluded on 31 March: on time, and the paused time is no handling time.
    await act(world.dispatcher, created.caseNo, { action: "conclude", text: "经检测达标，已答复" }, "2026-03-31 10:00");
    const march = await caseStatistics("complaint", rangePeriod("2026-03-31", "2026-03-31"));
    expect(march).toMatchObject({ concluded: 1, onTime: 1, paused: 1 });
    // 29 days and one hour from receipt to conclusion, less 26 days 23 hours paused: 2.1 days.
    expect(march.meanHandlingDays).toBe(2.1);
    expect(march.pausedDays).toBe(27);
  });

  it("a ground the kind does not allow is refused; a milestone in hours never pauses", async () => {
    const created = await assignedCase(world, "2026-03-02 09:00");
    const hearing = act(world.dispatcher, created.caseNo, { ...pause, ground: "hearing" }, "2026-03-03 10:00");
    await expect(hearing).rejects.toBeInstanceOf(InputError);
    await expect(hearing).rejects.toMatchObject({ fieldErrors: { ground: "pauseGroundNotForKind" } });
    expect((await conclusionOf(created.caseNo)).pausedAt).toBeNull();
  });

  it("an extension waits while the clock is paused", async () => {
    const created = await assignedCase(world, "2026-03-02 09:00");
    await act(world.gunan, created.caseNo, { action: "requestExtension", amount: 5, reason: "需要检测" }, "2026-03-03 09:00");
    await act(world.dispatcher, created.caseNo, pause, "2026-03-03 10:00");
    const view = await getCaseForViewer(world.dispatcher, created.caseNo);
    expect(view.allowedActions).not.toContain("approveExtension");
    expect(view.allowedActions).toContain("refuseExtension");
  });
});
