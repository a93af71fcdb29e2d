import type { Job } from "bullmq";
import { prisma, type Transaction } from "~/db.server";
import { LADDER_STEPS, type LadderStep } from "~/domain/deadlines";
import { logger } from "~/logger.server";
import { deadlineQueue } from "~/redis.server";
import { recordAuditEvent } from "./audit.server";
import { afterNotificationCommit, notifyUsers, recipientsOfStep, stepMessage } from "./notifications.server";
import { requeuePendingWebhooks } from "./webhooks.server";

/**
 * Deadline enforcement. The database holds the truth (each milestone's ladder instants, and which
 * steps fired under a unique key); BullMQ delayed jobs are only the means to act on time, and the
 * sweep fires whatever the queue missed (docs/decisions/0004).
 */
export interface StepRef {
  caseId: number;
  round: number;
  milestone: string;
  step: LadderStep;
}

const STEP_COLUMN = { warning: "warningAt", overdue: "dueAt", supervision: "supervisionAt" } as const;

/**
 * After a milestone's instants moved (an extension, a calendar change), steps that fired for the old
 * instants and now lie in the future are armed again, so that they fire once more at the new time.
 */
export async function rearmMovedSteps(
  tx: Transaction,
  milestone: { caseId: number; round: number; milestone: string },
  instants: Record<LadderStep, Date>,
  now: Date,
) {
  const future = LADDER_STEPS.filter((step) => instants[step].getTime() > now.getTime());
  await tx.deadlineStep.deleteMany({
    where: { caseId: milestone.caseId, round: milestone.round, milestone: milestone.milestone, step: { in: future } },
  });
}

/** Deterministic: the same step at the same instant is one job, however often it is added. */
export function stepJobId(ref: StepRef, at: Date): string {
  return `step-${ref.caseId}-${ref.round}-${ref.milestone}-${ref.step}-${at.getTime()}`;
}

type OpenMilestone = { caseId: number; round: number; milestone: string; warningAt: Date; dueAt: Date; supervisionAt: Date };

/**
 * One job per open milestone: its next unfired step (the ladder's instants are in order). When that
 * step fires, the processor queues the one after; the sweep covers anything missed in between.
 */
function jobsFor(milestones: OpenMilestone[], fired: Set<string>, now: Date) {
  return milestones.flatMap((milestone) => {
    const step = LADDER_STEPS.find((s) => !fired.has(`${milestone.caseId}:${milestone.round}:${milestone.milestone}:${s}`));
    if (!step) return [];
    const ref: StepRef = { caseId: milestone.caseId, round: milestone.round, milestone: milestone.milestone, step };
    const at = milestone[STEP_COLUMN[step]];
    return [{ name: "step", data: ref, opts: { jobId: stepJobId(ref, at), delay: Math.max(0, at.getTime() - now.getTime()) } }];
  });
}

async function firedKeys(caseIds: number[]) {
  const rows = await prisma.deadlineStep.findMany({
    where: { caseId: { in: caseIds } },
    select: { caseId: true, round: true, milestone: true, step: true },
  });
  return new Set(rows.map((row) => `${row.caseId}:${row.round}:${row.milestone}:${row.step}`));
}

/**
 * Queues the steps of the case's open milestones that have not fired. Called after the transaction
 * that changed them commits; a failure (Redis away) is logged and left to the sweep.
 */
export async function scheduleCaseDeadlines(caseId: number, now = new Date()) {
  try {
    const milestones = await prisma.caseMilestone.findMany({ where: { caseId, status: "open" } });
    const jobs = jobsFor(milestones, await firedKeys([caseId]), now);
    if (jobs.length > 0) await deadlineQueue().addBulk(jobs);
  } catch (error) {
    logger.warn({ caseId, err: (error as Error).message }, "deadline jobs not queued; the sweep will catch up");
  }
}

/**
 * Re-enqueues the next unfired step of every open milestone (worker start-up, after Redis lost its
 * data). One query per batch reads the milestones with the steps they have fired; up to four batches
 * are written to Redis at once.
 */
export async function requeueAllDeadlines(now = new Date(), batchSize = 2000) {
  let lastId = 0;
  let queued = 0;
  const inFlight = new Set<Promise<unknown>>();
  for (;;) {
    const rows = await prisma.$queryRawUnsafe<(OpenMilestoneRow & { id: number; fired: string | null })[]>(
      `SELECT m."id", m."caseId", m."round", m."milestone", m."warningAt", m."dueAt", m."supervisionAt",
              (SELECT group_concat(s."step") FROM "DeadlineStep" s
                WHERE s."caseId" = m."caseId" AND s."round" = m."round" AND s."milestone" = m."milestone") AS "fired"
         FROM "CaseMilestone" m
        WHERE m."status" = 'open' AND m."id" > ?
        ORDER BY m."id" LIMIT ?`,
      lastId,
      batchSize,
    );
    if (rows.length === 0) break;
    lastId = Number(rows[rows.length - 1].id);
    const fired = new Set(
      rows.flatMap((row) =>
        row.fired ? row.fired.split(",").map((step) => `${row.caseId}:${row.round}:${row.milestone}:${step}`) : [],
      ),
    );
    const jobs = jobsFor(rows.map(toOpenMilestone), fired, now);
    queued += jobs.length;
    if (jobs.length === 0) continue;
    const write = deadlineQueue()
      .addBulk(jobs)
      .finally(() => inFlight.delete(write));
    inFlight.add(write);
    if (inFlight.size >= 4) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return queued;
}

/** A milestone row as raw SQL returns it (instants as Unix milliseconds, docs/decisions/0002). */
interface OpenMilestoneRow {
  caseId: number | bigint;
  round: number | bigint;
  milestone: string;
  warningAt: number | bigint | Date;
  dueAt: number | bigint | Date;
  supervisionAt: number | bigint | Date;
}

function toOpenMilestone(row: OpenMilestoneRow): OpenMilestone {
  const instant = (value: number | bigint | Date) => (value instanceof Date ? value : new Date(Number(value)));
  return {
    caseId: Number(row.caseId),
    round: Number(row.round),
    milestone: row.milestone,
    warningAt: instant(row.warningAt),
    dueAt: instant(row.dueAt),
    supervisionAt: instant(row.supervisionAt),
  };
}

export type FireOutcome = "fired" | "already-fired" | "not-due" | "milestone-closed";

function isUniqueViolation(error: unknown) {
  return (error as { code?: string }).code === "P2002" || /UNIQUE constraint failed/.test(String((error as Error).message));
}

/**
 * Fires one step if, by the database, it is due and has not fired: records it under its unique key
 * and applies its effect (the overdue flag; the audit event) in the same transaction, so it takes
 * effect exactly once whatever retries, duplicate jobs or concurrent workers do.
 */
export async function fireDeadlineStep(ref: StepRef, now?: Date): Promise<FireOutcome> {
  let fired: { webhookEventId: string | null; next: StepRef | null; nextAt: Date | null } | null = null;
  let outcome: FireOutcome;
  try {
    outcome = await prisma.$transaction(async (tx): Promise<FireOutcome> => {
      // The time the step takes effect: when this transaction runs, not when the job was picked up.
      const firedAt = now ?? new Date();
      const milestone = await tx.caseMilestone.findUnique({
        where: { caseId_round_milestone: { caseId: ref.caseId, round: ref.round, milestone: ref.milestone } },
        include: { case: { select: { id: true, caseNo: true, assignedToId: true } } },
      });
      if (!milestone || milestone.status !== "open") return "milestone-closed";
      const dueAt = milestone[STEP_COLUMN[ref.step]];
      if (dueAt.getTime() > firedAt.getTime()) return "not-due";
      // A second firing is refused by the unique key, which rolls back everything below.
      await tx.deadlineStep.create({ data: { ...ref, dueAt, firedAt } });
      const record = milestone.case;
      if (ref.step === "overdue") await tx.case.update({ where: { id: ref.caseId }, data: { overdue: true } });
      const webhookEventId = await notifyUsers(tx, await recipientsOfStep(tx, record, ref.milestone, ref.step), {
        eventId: `step-${ref.caseId}-${ref.round}-${ref.milestone}-${ref.step}-${dueAt.getTime()}`,
        caseRef: record,
        kind: ref.step,
        message: stepMessage(record.caseNo, ref.milestone, ref.step, dueAt),
        at: firedAt,
      });
      await recordAuditEvent(tx, {
        caseId: ref.caseId,
        actorId: null,
        at: firedAt,
        action: ref.step,
        after: { milestone: ref.milestone, round: ref.round, dueAt },
      });
      const nextStep = LADDER_STEPS[LADDER_STEPS.indexOf(ref.step) + 1];
      fired = {
        webhookEventId,
        next: nextStep ? { ...ref, step: nextStep } : null,
        nextAt: nextStep ? milestone[STEP_COLUMN[nextStep]] : null,
      };
      logger.info(
        { caseId: ref.caseId, round: ref.round, milestone: ref.milestone, step: ref.step, dueAt, latenessMs: firedAt.getTime() - dueAt.getTime() },
        "deadline step fired",
      );
      return "fired";
    });
  } catch (error) {
    if (isUniqueViolation(error)) return "already-fired";
    throw error;
  }
  if (fired) {
    const { webhookEventId, next, nextAt } = fired as { webhookEventId: string | null; next: StepRef | null; nextAt: Date | null };
    await afterNotificationCommit(webhookEventId);
    if (next && nextAt) await queueStep(next, nextAt);
  }
  return outcome;
}

/** Queues one step for its instant; a failure is left to the sweep. */
async function queueStep(ref: StepRef, at: Date) {
  try {
    await deadlineQueue().add("step", ref, { jobId: stepJobId(ref, at), delay: Math.max(0, at.getTime() - Date.now()) });
  } catch (error) {
    logger.warn({ caseId: ref.caseId, err: (error as Error).message }, "next deadline step not queued; the sweep will catch up");
  }
}

/** Every step that is due by `now` and has not fired: one indexed query per ladder step. */
export async function findDueUnfiredSteps(now: Date, limit = 5000): Promise<StepRef[]> {
  const refs: StepRef[] = [];
  for (const step of LADDER_STEPS) {
    const column = STEP_COLUMN[step];
    const rows = await prisma.$queryRawUnsafe<{ caseId: number; round: number; milestone: string }[]>(
      `SELECT m."caseId", m."round", m."milestone" FROM "CaseMilestone" m
       WHERE m."status" = 'open' AND m."${column}" <= ?
         AND NOT EXISTS (SELECT 1 FROM "DeadlineStep" s WHERE s."caseId" = m."caseId" AND s."round" = m."round"
                         AND s."milestone" = m."milestone" AND s."step" = ?)
       LIMIT ?`,
      now.getTime(),
      step,
      limit,
    );
    for (const row of rows) refs.push({ caseId: Number(row.caseId), round: Number(row.round), milestone: row.milestone, step });
  }
  return refs;
}

/** The sweep: fires every due step the queue missed, and queues webhook deliveries still pending. */
export async function sweepDueSteps(now = new Date()) {
  const due = await findDueUnfiredSteps(now);
  let fired = 0;
  for (const ref of due) if ((await fireDeadlineStep(ref, now)) === "fired") fired += 1;
  await requeuePendingWebhooks();
  return { found: due.length, fired };
}

/**
 * The processor of the deadline queue. A fired step has queued the milestone's next one; a step that
 * is not yet due (a moved deadline) is queued again for its new instant.
 */
export async function processDeadlineJob(job: Job<StepRef>) {
  const outcome = await fireDeadlineStep(job.data);
  if (outcome === "not-due") await scheduleCaseDeadlines(job.data.caseId);
  return outcome;
}
