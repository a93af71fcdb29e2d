import IORedis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { registerCase } from "~/models/case/service.server";
import { deadlineJobs, stepJobId } from "~/models/deadlines/queue.server";
import { queueOf } from "~/models/jobs/queues.server";
import { seedReferenceData } from "~/models/reference/seed.server";
import { closeRedisResources } from "~/redis.server";
import { startWorkers } from "../../workers/index";
import { insertOpenCases, spawnWorker } from "../support/bulk-cases";
import { waitFor } from "../support/wait";
import { onPostgres } from "../support/databases";
import { act, intakeFields, makeActor, townshipId } from "../support/fixtures";
import type { Actor } from "~/domain/roles";
import type { CaseChange } from "~/forms/case-actions";

const FAR = new Date("2099-01-01T00:00:00Z");
const countSteps = (where: object = {}) => prisma.deadlineStep.count({ where });

beforeAll(async () => {
  await seedReferenceData();
  await makeActor("dispatcher");
});

// Generous: these start worker processes on two shared cores.
describe("deadline workers", { timeout: 120_000 }, () => {
  it("a worker killed with SIGKILL in the middle of its due steps: after another starts, each fired exactly once", async () => {
    // Enough steps that the kill lands in the middle, however fast the database fires them.
    const total = onPostgres ? 3000 : 500;
    const past = new Date(Date.now() - 60_000);
    await insertOpenCases(total, () => ({ warningAt: past, dueAt: past, supervisionAt: FAR, nextStep: "overdue" }), {
      year: 2031,
    });
    // One step per transaction, so that the kill lands between some committed and some not, however fast the database.
    const first = spawnWorker({ DEADLINE_BATCH_SIZE: "1" });
    await waitFor(
      () => countSteps({ step: "overdue" }),
      (n) => n >= 20,
      60_000,
      10,
    );
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const firedBeforeKill = await countSteps({ step: "overdue" });
    expect(firedBeforeKill).toBeLessThan(total);
    const second = spawnWorker({ DEADLINE_BATCH_SIZE: "5" });
    try {
      await waitFor(
        () => countSteps({ step: "overdue" }),
        (n) => n >= total,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await countSteps({ step: "overdue" })).toBe(total);
      expect(await prisma.auditEvent.count({ where: { action: "overdue" } })).toBe(total);
      expect(await prisma.case.count({ where: { overdue: true } })).toBe(total);
      const notificationsPerCase = await prisma.notification.groupBy({
        by: ["caseId"],
        where: { kind: "overdue" },
        _count: true,
      });
      expect(notificationsPerCase).toHaveLength(total);
      expect(new Set(notificationsPerCase.map((row) => row._count))).toEqual(new Set([1]));
    } finally {
      second.kill("SIGTERM");
      await new Promise((resolve) => second.once("exit", resolve));
    }
  });

  it("two worker processes and 1,000 steps falling due together: each fires once", async () => {
    const dueAt = new Date(Date.now() + 3000);
    await insertOpenCases(1000, () => ({ warningAt: dueAt, dueAt, supervisionAt: FAR, nextStep: "overdue" }), { year: 2034 });
    const { requeueAllDeadlines } = await import("~/models/deadlines/queue.server");
    await requeueAllDeadlines();
    const workers = [spawnWorker(), spawnWorker()];
    try {
      const inYear = { case: { year: 2034 } };
      await waitFor(
        () => countSteps({ ...inYear, step: "overdue" }),
        (n) => n >= 1000,
      );
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await countSteps({ ...inYear, step: "overdue" })).toBe(1000);
      expect(await prisma.auditEvent.count({ where: { ...inYear, action: "overdue" } })).toBe(1000);
      const perCase = await prisma.deadlineStep.groupBy({ by: ["caseId"], where: { ...inYear, step: "overdue" }, _count: true });
      expect(perCase.every((row) => row._count === 1)).toBe(true);
    } finally {
      for (const worker of workers) worker.kill("SIGTERM");
      await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once("exit", resolve))));
    }
  });

  it("the same job added five times, and two workers running: one effect", async () => {
    const dueAt = new Date(Date.now() + 1500);
    await insertOpenCases(1, () => ({ warningAt: dueAt, dueAt, supervisionAt: FAR, nextStep: "overdue" }), { year: 2032 });
    const record = await prisma.case.findFirstOrThrow({ where: { year: 2032 } });
    const ref = { caseId: record.id, round: 1, milestone: "conclude", step: "overdue" as const };
    const stops = [await startWorkers({ concurrency: 4 }), await startWorkers({ concurrency: 4 })];
    try {
      const delay = dueAt.getTime() - Date.now();
      for (let i = 0; i < 5; i += 1) await queueOf(deadlineJobs).add("step", ref, { jobId: stepJobId(ref, dueAt), delay });
      for (let i = 0; i < 5; i += 1) await queueOf(deadlineJobs).add("step", ref, { jobId: `duplicate-${i}`, delay });
      await waitFor(
        () => countSteps({ caseId: record.id }),
        (n) => n >= 1,
      );
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await countSteps({ caseId: record.id })).toBe(1);
      expect(await prisma.auditEvent.count({ where: { caseId: record.id, action: "overdue" } })).toBe(1);
    } finally {
      for (const stop of stops) await stop();
    }
  });

  it("an extension moves the queued steps; reopening queues a new round with its own steps", async () => {
    const [operator, dispatcher, staff] = await Promise.all([
      makeActor("operator"),
      makeActor("dispatcher"),
      makeActor("township", "古南街道"),
    ]);
    const now = new Date();
    const created = await registerCase(operator, await intakeFields({ receivedAt: now }), { now });
    // Jobs queued as the web app queues them: this test is about what the queue holds.
    const step = (actor: Actor, change: CaseChange) => act(actor, created.caseNo, change, undefined, { scheduleJobs: true });
    await step(dispatcher, { action: "accept" });
    await step(dispatcher, { action: "assign", assigneeId: await townshipId("古南街道") });
    const before = await prisma.caseMilestone.findFirstOrThrow({ where: { caseId: created.id, milestone: "conclude" } });
    await step(staff, { action: "requestExtension", amount: 5, reason: "需要监测" });
    await step(dispatcher, { action: "approveExtension" });
    const after = await prisma.caseMilestone.findFirstOrThrow({ where: { caseId: created.id, milestone: "conclude" } });
    expect(after.dueAt.getTime()).toBeGreaterThan(before.dueAt.getTime());
    const warning = (m: typeof after) => ({
      caseId: created.id,
      round: m.round,
      milestone: "conclude",
      step: "warning" as const,
    });
    expect(after.warningAt.getTime()).toBeGreaterThan(before.warningAt.getTime());
    expect(await queueOf(deadlineJobs).getJob(stepJobId(warning(after), after.warningAt))).toBeDefined();

    await step(staff, { action: "submit", text: "已处理" });
    await step(dispatcher, { action: "conclude", text: "已答复" });
    await step(dispatcher, { action: "reopen", reason: "反弹" });
    const roundTwo = await prisma.caseMilestone.findFirstOrThrow({ where: { caseId: created.id, round: 2 } });
    expect(roundTwo.status).toBe("open");
    const job = await queueOf(deadlineJobs).getJob(stepJobId(warning(roundTwo), roundTwo.warningAt));
    expect(job?.data).toEqual({ caseId: created.id, round: 2, milestone: "conclude", step: "warning" });
  });

  it("Redis emptied (FLUSHDB) with 200 open cases: after the next sweep every due step has fired and every future step is queued again", async () => {
    // Its own Redis database, so that emptying it touches nothing else.
    const redisUrl = "redis://127.0.0.1:6379/9";
    const admin = new IORedis(redisUrl);
    await admin.flushdb();
    const past = new Date(Date.now() - 60_000);
    const future = new Date(Date.now() + 3_600_000);
    await insertOpenCases(
      200,
      (i) =>
        i < 100 ? { warningAt: past, dueAt: future, supervisionAt: FAR } : { warningAt: FAR, dueAt: FAR, supervisionAt: FAR },
      {
        year: 2033,
      },
    );
    const caseIds = (await prisma.case.findMany({ where: { year: 2033 }, select: { id: true } })).map((c) => c.id);
    const worker = spawnWorker({ REDIS_URL: redisUrl, SWEEP_INTERVAL_MS: "2000" });
    try {
      await waitFor(
        () => countSteps({ caseId: { in: caseIds }, step: "warning" }),
        (n) => n >= 100,
      );
      // 50 more steps become due (the database says so; the queue holds them for 2099), then Redis is emptied.
      const nowDue = new Date(Date.now() - 1000);
      await prisma.caseMilestone.updateMany({
        where: { caseId: { in: caseIds.slice(100, 150) } },
        data: { warningAt: nowDue, nextStepAt: nowDue },
      });
      await admin.flushdb();
      await waitFor(
        () => countSteps({ caseId: { in: caseIds }, step: "warning" }),
        (n) => n >= 150,
        30_000,
      );
      // Each milestone's next unfired step is queued again under its own job id: overdue for the first
      // 150 cases (their warnings fired), warning for the last 50.
      const milestones = await prisma.caseMilestone.findMany({ where: { caseId: { in: caseIds } }, orderBy: { caseId: "asc" } });
      const expected = milestones.map((m, index) =>
        index < 150
          ? stepJobId({ caseId: m.caseId, round: 1, milestone: "conclude", step: "overdue" }, m.dueAt)
          : stepJobId({ caseId: m.caseId, round: 1, milestone: "conclude", step: "warning" }, m.warningAt),
      );
      const missing = await waitFor(
        async () => {
          const keys = await admin.keys("*:deadlines:delayed");
          const queued = new Set(keys.length === 0 ? [] : await admin.zrange(keys[0], 0, -1));
          return expected.filter((id) => !queued.has(id)).length;
        },
        (n) => n === 0,
        30_000,
      );
      expect(missing).toBe(0);
      expect(await countSteps({ caseId: { in: caseIds }, step: "warning" })).toBe(150);
    } finally {
      worker.kill("SIGTERM");
      await new Promise((resolve) => worker.once("exit", resolve));
      await admin.flushdb();
      admin.disconnect();
    }
  });
});

afterAll(async () => {
  await closeRedisResources();
});
