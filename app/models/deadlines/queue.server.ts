import type { Job } from "bullmq";
import { z } from "zod";
import { config } from "~/config.server";
import { prisma } from "~/db.server";
import { LADDER_STEPS, type LadderStep } from "~/domain/deadlines";
import { defineJob, queueOf, queueOrLeave } from "../jobs/queues.server";
import { fireSteps, outcomeOfUnfired, sameStep } from "./ladder.server";
import { sweepDueSteps } from "./sweep.server";

/** The deadline queue: one delayed job per open milestone's next step, and the sweep's schedule (docs/decisions/0004). */

export interface StepRef {
  caseId: number;
  round: number;
  milestone: string;
  step: LadderStep;
}

const stepRefSchema = z.object({
  caseId: z.number().int().positive(),
  round: z.number().int().positive(),
  milestone: z.string().max(20),
  step: z.enum(LADDER_STEPS as [LadderStep, ...LadderStep[]]),
});

/** Steps fire from delayed `step` jobs (a StepRef); the `sweep` job, every minute across all workers, catches up. */
export const deadlineJobs = defineJob<StepRef | Record<string, never>>({
  queue: "deadlines",
  what: "deadline job",
  payload: z.union([stepRefSchema, z.object({}).strict()]),
  jobOptions: () => ({
    attempts: 8,
    backoff: { type: "exponential", delay: 1000 },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  }),
  worker: { concurrency: 8, logFailedJobs: true },
  process: (job) => (job.name === "sweep" ? sweepDueSteps() : processDeadlineJob(job as Job<StepRef>)),
});

export const SWEEP_SCHEDULER_ID = "deadline-sweep";

/** The sweep's schedule, one for all workers (a BullMQ job scheduler); set again whenever the queues are restored. */
export function scheduleSweep() {
  return queueOf(deadlineJobs).upsertJobScheduler(
    SWEEP_SCHEDULER_ID,
    { every: config().SWEEP_INTERVAL_MS },
    { name: "sweep", data: {} },
  );
}

/** Deterministic: the same step at the same instant is one job, however often it is added. */
export function stepJobId(ref: StepRef, at: Date): string {
  return `step-${ref.caseId}-${ref.round}-${ref.milestone}-${ref.step}-${at.getTime()}`;
}

interface PendingStep {
  caseId: number;
  round: number;
  milestone: string;
  nextStep: string | null;
  nextStepAt: Date | null;
}

/** The delayed job of one step, due at its instant. */
function stepJob(ref: StepRef, at: Date, now: Date) {
  return { name: "step", data: ref, opts: { jobId: stepJobId(ref, at), delay: Math.max(0, at.getTime() - now.getTime()) } };
}

/**
 * One job per open milestone: its next step (the ladder's instants are in order). When that step
 * fires, the one after is queued; the sweep covers anything missed in between.
 */
function jobsFor(milestones: PendingStep[], now: Date) {
  return milestones.flatMap((milestone) => {
    if (!milestone.nextStep || !milestone.nextStepAt) return [];
    const ref: StepRef = {
      caseId: milestone.caseId,
      round: milestone.round,
      milestone: milestone.milestone,
      step: milestone.nextStep as LadderStep,
    };
    return [stepJob(ref, milestone.nextStepAt, now)];
  });
}

const PENDING_SELECT = { id: true, caseId: true, round: true, milestone: true, nextStep: true, nextStepAt: true } as const;

/**
 * Queues the next step of the case's open milestones. Called after the transaction that changed them
 * commits; a failure (Redis away) is logged and left to the sweep.
 */
export async function scheduleCaseDeadlines(caseId: number, now = new Date()) {
  await scheduleDeadlinesOf([caseId], now);
}

/** The same for many cases at once (a ledger import), in batches. */
export async function scheduleDeadlinesOf(caseIds: number[], now = new Date(), batchSize = 500) {
  for (let start = 0; start < caseIds.length; start += batchSize) {
    const milestones = await prisma.caseMilestone.findMany({
      where: { caseId: { in: caseIds.slice(start, start + batchSize) }, status: "open" },
      select: PENDING_SELECT,
    });
    if (!(await queueOrLeave(deadlineJobs, jobsFor(milestones, now), SWEEP_CATCHES_UP))) return;
  }
}

const SWEEP_CATCHES_UP = "the sweep will catch up";

/**
 * Re-enqueues the next step of every open milestone (worker start-up, after Redis lost its data), in
 * batches read by id; up to four batches are written to Redis at once.
 */
export async function requeueAllDeadlines(now = new Date(), batchSize = 2000) {
  let lastId = 0;
  let queued = 0;
  const inFlight = new Set<Promise<unknown>>();
  for (;;) {
    const milestones = await prisma.caseMilestone.findMany({
      where: { status: "open", nextStep: { not: null }, id: { gt: lastId } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: PENDING_SELECT,
    });
    if (milestones.length === 0) break;
    lastId = milestones[milestones.length - 1].id;
    const jobs = jobsFor(milestones, now);
    queued += jobs.length;
    if (jobs.length === 0) continue;
    const write = queueOf(deadlineJobs)
      .addBulk(jobs)
      .finally(() => inFlight.delete(write));
    inFlight.add(write);
    if (inFlight.size >= 4) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return queued;
}

/** Queues steps for their instants; a failure is left to the sweep. */
export async function queueSteps(steps: { ref: StepRef; at: Date }[]) {
  const now = new Date();
  await queueOrLeave(
    deadlineJobs,
    steps.map(({ ref, at }) => stepJob(ref, at, now)),
    SWEEP_CATCHES_UP,
  );
}

/**
 * The processor of the deadline queue. A job whose step already fired ends with one read. Otherwise it
 * fires every step due by now (its own among them) in one batch, so that many steps falling due
 * together cost a few transactions, not one each; a step not yet due (a moved deadline) is queued again.
 */
export async function processDeadlineJob(job: Job<StepRef>) {
  const ref = job.data;
  const recorded = await prisma.deadlineStep.findUnique({
    where: { caseId_round_milestone_step: { caseId: ref.caseId, round: ref.round, milestone: ref.milestone, step: ref.step } },
    select: { id: true },
  });
  if (recorded) return "already-fired";
  for (let pass = 0; pass < LADDER_STEPS.length; pass += 1) {
    const fired = await fireSteps(undefined, null, config().DEADLINE_BATCH_SIZE);
    if (fired.some((step) => sameStep(step, ref))) return "fired";
    if (fired.length === 0) break;
  }
  const outcome = await outcomeOfUnfired(ref, new Date());
  if (outcome === "not-due") await scheduleCaseDeadlines(ref.caseId);
  return outcome;
}
