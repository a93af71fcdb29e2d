import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import {
  fireDeadlineStep,
  requeueAllDeadlines,
  scheduleCaseDeadlines,
  stepJobId,
  sweepDueSteps,
} from "~/models/deadline-jobs.server";
import { registerCase } from "~/models/cases.server";
import { changeCalendar } from "~/models/calendar.server";
import { deadlineQueue } from "~/redis.server";
import { startWorkers } from "../../workers/index";
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
    const steps = await prisma.deadlineStep.findMany({ where: { caseId: created.id }, orderBy: { dueAt: "asc" } });
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
    const job = await deadlineQueue().getJob(
      stepJobId({ caseId: created.id, round: 1, milestone: "conclude", step: "overdue" }, milestone.dueAt),
    );
    expect(job?.data).toEqual({ caseId: created.id, round: 1, milestone: "conclude", step: "overdue" });
    const ids = (await deadlineQueue().getJobs(["delayed", "waiting", "completed", "active", "prioritized"]))
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

  it("re-enqueues every future step from the database after the queue was emptied", async () => {
    await deadlineQueue().obliterate({ force: true });
    const queued = await requeueAllDeadlines(new Date());
    expect(queued).toBeGreaterThan(0);
    const delayed = await deadlineQueue().getDelayedCount();
    expect(delayed).toBeGreaterThan(0);
  });
});
