import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { formatLocalDateTime } from "~/domain/local-time";
import { fireDeadlineStep } from "~/models/deadlines/ladder.server";
import { requeueAllDeadlines, scheduleCaseDeadlines, stepJobId, deadlineJobs } from "~/models/deadlines/queue.server";
import { sweepDueSteps } from "~/models/deadlines/sweep.server";
import { registerCase } from "~/models/case/service.server";
import { changeCalendar } from "~/models/deadlines/calendar.server";
import { queueOf } from "~/models/jobs/queues.server";
import { startWorkers } from "../../workers/index";
import { waitFor } from "../support/wait";
import { act, at, intakeFields, setUpWorld, assignedCase as assignedFixture } from "../support/fixtures";

let world: Awaited<ReturnType<typeof setUpWorld>>;
const noJobs = { scheduleJobs: false };

beforeAll(async () => {
  world = await setUpWorld();
});

const assignedCase = (receivedAt: string) => assignedFixture(world, receivedAt);

const overdueRef = (caseId: number) => ({ caseId, round: 1, milestone: "conclude", step: "overdue" as const });

describe("a ladder step", () => {
  it("does not fire before it is due", async () => {
    const created = await assignedCase("2026-03-02 09:00");
    expect(await fireDeadlineStep(overdueRef(created.id), at("2026-03-23 23:59:59"))).toBe("not-due");
  });

  it("fires once when due: the overdue flag, an audit event, one recorded step, whatever the repeats", async () => {
    const created = await assignedCase("2026-03-02 09:00");
    const when = at("2026-03-24 00:00:01");
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => fireDeadlineStep(overdueRef(created.id), when)));
    expect(outcomes.filter((o) => o === "fired")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "already-fired")).toHaveLength(4);
    expect((await prisma.case.findUniqueOrThrow({ where: { id: created.id } })).overdue).toBe(true);
    expect(await prisma.deadlineStep.count({ where: { caseId: created.id, step: "overdue" } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { caseId: created.id, action: "overdue" } })).toBe(1);
  });

  it("a warning first reached after its due instant is recorded as passed; only the overdue step notifies", async () => {
    const created = await assignedCase("2026-03-02 09:00");
    // The worker was away from before the warning (2026-03-20) until after the due instant.
    await sweepDueSteps(at("2026-03-25 09:00"));
    const steps = await prisma.deadlineStep.findMany({ where: { caseId: created.id }, orderBy: { id: "asc" } });
    expect(steps.map((step) => step.step)).toEqual(["warning", "overdue"]);
    const notices = await prisma.notification.findMany({ where: { caseId: created.id } });
    expect(notices.length).toBeGreaterThan(0);
    expect(new Set(notices.map((notice) => notice.kind))).toEqual(new Set(["overdue"]));
    const warning = await prisma.auditEvent.findFirstOrThrow({ where: { caseId: created.id, action: "warning" } });
    expect(JSON.parse(warning.after!)).toMatchObject({ passed: true });
  });

  it("does not fire, nor notify anyone, for a case concluded before due", async () => {
    const created = await assignedCase("2026-03-02 09:00");
    await act(world.gunan, created.caseNo, { action: "submit", text: "已处理" }, "2026-03-10 10:00");
    await act(world.dispatcher, created.caseNo, { action: "conclude", text: "已答复" }, "2026-03-11 10:00");
    expect(await fireDeadlineStep(overdueRef(created.id), at("2026-04-01 00:00"))).toBe("milestone-closed");
    await sweepDueSteps(at("2026-04-01 00:00"));
    expect(await prisma.deadlineStep.count({ where: { caseId: created.id } })).toBe(0);
    expect(await prisma.notification.count({ where: { caseId: created.id } })).toBe(0);
    expect((await prisma.case.findUniqueOrThrow({ where: { id: created.id } })).overdue).toBe(false);
  });

  it("an extension approved after the overdue step re-arms it for the new due time and clears the flag", async () => {
    const created = await assignedCase("2026-03-02 09:00");
    expect(await fireDeadlineStep(overdueRef(created.id), at("2026-03-24 08:00"))).toBe("fired");
    await act(world.gunan, created.caseNo, { action: "requestExtension", amount: 5, reason: "需要检测" }, "2026-03-24 09:00");
    await act(world.dispatcher, created.caseNo, { action: "approveExtension" }, "2026-03-24 10:00");
    expect((await prisma.case.findUniqueOrThrow({ where: { id: created.id } })).overdue).toBe(false);
    expect(await fireDeadlineStep(overdueRef(created.id), at("2026-03-30 12:00"))).toBe("not-due");
    expect(await fireDeadlineStep(overdueRef(created.id), at("2026-03-31 00:00:01"))).toBe("fired");
  });
});

describe("the sweep", () => {
  it("fires every due step that has not fired, and only once", async () => {
    const created = await assignedCase("2025-11-03 09:00");
    const first = await sweepDueSteps(at("2025-12-31 12:00"));
    expect(first.fired).toBeGreaterThanOrEqual(3);
    const steps = await prisma.deadlineStep.findMany({ where: { caseId: created.id }, orderBy: { stepAt: "asc" } });
    expect(steps.map((s) => `${s.milestone}:${s.step}`)).toEqual([
      "conclude:warning",
      "conclude:overdue",
      "conclude:supervision",
    ]);
    const again = await sweepDueSteps(at("2025-12-31 12:00"));
    expect(again.fired).toBe(0);
  });
});

describe("a calendar change", () => {
  it("moves an open deadline that counts over the changed day and records the move", async () => {
    const created = await assignedCase("2026-05-11 09:00");
    const before = await prisma.caseMilestone.findFirstOrThrow({ where: { caseId: created.id, milestone: "conclude" } });
    await changeCalendar(
      world.dispatcher.id,
      { upsert: [{ date: "2026-05-20", type: "holiday", name: "测试假日", scheduleYear: 2026 }] },
      at("2026-05-12 09:00"),
    );
    const after = await prisma.caseMilestone.findFirstOrThrow({ where: { caseId: created.id, milestone: "conclude" } });
    expect(after.dueAt.getTime() - before.dueAt.getTime()).toBe(24 * 3600 * 1000);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { caseId: created.id, action: "dueMovedByCalendar" } });
    expect(JSON.parse(event.after!).milestone).toBe("conclude");
    await changeCalendar(world.dispatcher.id, { remove: ["2026-05-20"] }, at("2026-05-12 09:05"));
  });
});

describe("the queue (real Redis)", () => {
  let stopWorker: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await stopWorker?.();
  });

  it("queues each milestone's next unfired step under a deterministic job id, once however often it is scheduled", async () => {
    const created = await assignedCase("2026-03-02 09:00");
    await fireDeadlineStep({ caseId: created.id, round: 1, milestone: "conclude", step: "warning" }, at("2026-03-21 00:00"));
    await scheduleCaseDeadlines(created.id);
    await scheduleCaseDeadlines(created.id);
    const milestone = await prisma.caseMilestone.findFirstOrThrow({ where: { caseId: created.id, milestone: "conclude" } });
    const job = await queueOf(deadlineJobs).getJob(
      stepJobId({ caseId: created.id, round: 1, milestone: "conclude", step: "overdue" }, milestone.dueAt),
    );
    expect(job?.data).toEqual({ caseId: created.id, round: 1, milestone: "conclude", step: "overdue" });
    const ids = (await queueOf(deadlineJobs).getJobs(["delayed", "waiting", "completed", "active", "prioritized"]))
      .map((j) => j.id)
      .filter((id) => id?.startsWith(`step-${created.id}-`));
    expect(ids).toEqual([job!.id]);
  });

  it("a worker fires a step that falls due a few seconds ahead within two seconds of due, once", async () => {
    stopWorker = await startWorkers({ concurrency: 4 });
    const receivedAt = new Date(Date.now() - 60_000);
    const created = await registerCase(world.operator, await intakeFields({ receivedAt, urgency: "urgent" }), {
      now: receivedAt,
      ...noJobs,
    });
    // Bring the 2-hour response deadline to three seconds from now, as an extension or edit would.
    const dueAt = new Date(Date.now() + 3000);
    await prisma.caseMilestone.update({
      where: { caseId_round_milestone: { caseId: created.id, round: 1, milestone: "respond" } },
      data: { dueAt, warningAt: new Date(Date.now() + 1000), nextStepAt: new Date(Date.now() + 1000) },
    });
    await scheduleCaseDeadlines(created.id);
    await scheduleCaseDeadlines(created.id);
    let step = null;
    for (let i = 0; i < 60 && !step; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      step = await prisma.deadlineStep.findFirst({ where: { caseId: created.id, milestone: "respond", step: "overdue" } });
    }
    expect(step).not.toBeNull();
    expect(step!.firedAt.getTime() - dueAt.getTime()).toBeGreaterThanOrEqual(0);
    expect(step!.firedAt.getTime() - dueAt.getTime()).toBeLessThan(2000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await prisma.deadlineStep.count({ where: { caseId: created.id, milestone: "respond", step: "overdue" } })).toBe(1);
  });

  it("a job whose payload its queue's schema refuses fails for good, unprocessed", async () => {
    // The worker of the test before is still running.
    const job = await queueOf(deadlineJobs).add("step", { caseId: "1; DROP TABLE", round: 1 } as never, { attempts: 5 });
    const failed = await waitFor(
      () => queueOf(deadlineJobs).getJob(job.id!),
      (current) => current?.failedReason !== undefined && current.failedReason !== "",
      10_000,
    );
    expect(failed!.failedReason).toBe("malformed deadline job payload");
    expect(failed!.attemptsMade).toBe(1);
  });

  it("re-enqueues every future step from the database after the queue was emptied", async () => {
    await queueOf(deadlineJobs).obliterate({ force: true });
    const queued = await requeueAllDeadlines(new Date());
    expect(queued).toBeGreaterThan(0);
    const delayed = await queueOf(deadlineJobs).getDelayedCount();
    expect(delayed).toBeGreaterThan(0);
  });
});

describe("the ladder's messages", () => {
  /** The messages people got for the case's `milestone`, by step, and the timeline's 到期时间 of each step. */
  async function toldAbout(caseId: number, milestoneName: string) {
    const notices = await prisma.notification.findMany({ where: { caseId }, orderBy: { id: "asc" } });
    const name = { accept: "受理", conclude: "办结" }[milestoneName]!;
    const events = await prisma.auditEvent.findMany({ where: { caseId, action: { in: ["warning", "overdue", "supervision"] } } });
    return {
      messages: Object.fromEntries(
        ["warning", "overdue", "supervision"].map((step) => [
          step,
          [...new Set(notices.filter((n) => n.kind === step && n.message.includes(`的${name}时限`)).map((n) => n.message))],
        ]),
      ),
      timeline: events
        .map((event) => JSON.parse(event.after!) as { milestone: string; dueAt: string; stepAt: string })
        .filter((after) => after.milestone === milestoneName)
        .map((after) => formatLocalDateTime(new Date(after.dueAt))),
    };
  }

  const expected = (caseNo: string, milestone: string, due: string) => ({
    warning: [`${caseNo} 的${milestone}时限即将到期（${due}），请抓紧办理。`],
    overdue: [`${caseNo} 的${milestone}时限已超期（应于 ${due} 前完成）。`],
    supervision: [`${caseNo} 的${milestone}时限超期未办结（应于 ${due} 前完成），已列入督办。`],
  });

  it("a complaint's name the conclusion's due instant at every step, never the step's own", async () => {
    // Due 2026-03-23 23:59:59; warned 2026-03-19 23:59:59, supervised from 2026-03-26 23:59:59.
    const created = await assignedCase("2026-03-02 09:00");
    for (const when of ["2026-03-20 09:00", "2026-03-24 09:00", "2026-03-27 09:00"]) await sweepDueSteps(at(when));
    const told = await toldAbout(created.id, "conclude");
    expect(told.messages).toEqual(expected(created.caseNo, "办结", "2026-03-23 23:59:59"));
    expect(told.timeline).toEqual(["2026-03-23 23:59:59", "2026-03-23 23:59:59", "2026-03-23 23:59:59"]);
    const steps = await prisma.deadlineStep.findMany({ where: { caseId: created.id }, orderBy: { stepAt: "asc" } });
    expect(steps.map((s) => [s.step, formatLocalDateTime(s.stepAt), formatLocalDateTime(s.dueAt)])).toEqual([
      ["warning", "2026-03-19 23:59:59", "2026-03-23 23:59:59"],
      ["overdue", "2026-03-23 23:59:59", "2026-03-23 23:59:59"],
      ["supervision", "2026-03-26 23:59:59", "2026-03-23 23:59:59"],
    ]);
  });

  it("an extended deadline's steps name the new due instant", async () => {
    const created = await assignedCase("2026-03-02 09:00");
    await act(world.gunan, created.caseNo, { action: "requestExtension", amount: 5, reason: "需要检测" }, "2026-03-16 09:00");
    await act(world.dispatcher, created.caseNo, { action: "approveExtension" }, "2026-03-16 10:00");
    // Five working days on from 23 March: due 2026-03-30 23:59:59.
    for (const when of ["2026-03-27 09:00", "2026-03-31 09:00", "2026-04-03 09:00"]) await sweepDueSteps(at(when));
    const told = await toldAbout(created.id, "conclude");
    expect(told.messages).toEqual(expected(created.caseNo, "办结", "2026-03-30 23:59:59"));
    expect(told.timeline).toEqual(["2026-03-30 23:59:59", "2026-03-30 23:59:59", "2026-03-30 23:59:59"]);
  });

  it("a petition's acceptance clock and a mediation's conclusion clock name their own due instants", async () => {
    const petition = await registerCase(world.operator, await intakeFields({ kind: "petition", channel: "letter" }), {
      now: at("2026-03-02 09:00"),
      ...noJobs,
    });
    // Fifteen calendar days from receipt: Tuesday 17 March.
    for (const when of ["2026-03-16 09:00", "2026-03-18 09:00", "2026-03-25 09:00"]) await sweepDueSteps(at(when));
    const petitionTold = await toldAbout(petition.id, "accept");
    expect(petitionTold.messages).toEqual(expected(petition.caseNo, "受理", "2026-03-17 23:59:59"));

    const mediation = await registerCase(world.operator, await intakeFields({ kind: "mediation", channel: "visit" }), {
      now: at("2026-03-02 09:00"),
      mediation: {
        parties: [
          { role: "applicant", type: "person", name: "申请人甲", phone: "13700001111", address: "古南街道滨河路2号" },
          { role: "respondent", type: "unit", name: "测试石材厂", phone: "023-48600000", address: "古南街道工业园3号" },
        ],
        claim: "赔偿",
      },
      ...noJobs,
    });
    await act(world.dispatcher, mediation.caseNo, { action: "accept" }, "2026-03-02 10:00");
    const conclude = await prisma.caseMilestone.findFirstOrThrow({ where: { caseId: mediation.id, milestone: "conclude" } });
    const due = formatLocalDateTime(conclude.dueAt);
    // Thirty calendar days from acceptance: Wednesday 1 April.
    expect(due).toBe("2026-04-01 23:59:59");
    for (const when of ["2026-03-31 09:00", "2026-04-02 09:00", "2026-04-08 09:00"]) await sweepDueSteps(at(when));
    const mediationTold = await toldAbout(mediation.id, "conclude");
    expect(mediationTold.messages).toEqual(expected(mediation.caseNo, "办结", due));
  });
});
