import type { Job } from "bullmq";
import { config } from "~/config.server";
import { prisma, type Transaction } from "~/db.server";
import { LADDER_STEPS, type LadderStep } from "~/domain/deadlines";
import { logger } from "~/logger.server";
import { deadlineQueue } from "~/redis.server";
import { afterNotificationCommit, recipientsOfStep, recordNotifications, stepMessage } from "./notifications.server";
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

interface FiredStep extends StepRef {
  dueAt: Date;
}

/**
 * Fires, in one transaction, every step that is due by the database and has not fired (or only the
 * given one): each is recorded under its unique key by `INSERT OR IGNORE … SELECT … RETURNING`, which
 * picks and records in one statement so that concurrent workers can never both take a step; then
 * the overdue flags, audit events and notifications of all of them are written in a few statements.
 * After commit the next steps and webhook deliveries are queued. SQLite dialect (docs/decisions/0004).
 */
async function fireSteps(now: Date | undefined, only: StepRef | null, limit: number): Promise<FiredStep[]> {
  const after: { next: { ref: StepRef; at: Date }[]; webhookEventIds: string[] } = { next: [], webhookEventIds: [] };
  const fired = await prisma.$transaction(async (tx) => {
    // The time the steps take effect: when this transaction runs, not when the job was picked up.
    const firedAt = now ?? new Date();
    const steps: FiredStep[] = [];
    for (const step of only ? [only.step] : LADDER_STEPS) {
      const column = STEP_COLUMN[step];
      const rows = await tx.$queryRawUnsafe<
        { caseId: number | bigint; round: number | bigint; milestone: string; dueAt: number | bigint }[]
      >(
        `INSERT OR IGNORE INTO "DeadlineStep" ("caseId", "round", "milestone", "step", "dueAt", "firedAt")
         SELECT m."caseId", m."round", m."milestone", ?, m."${column}", ? FROM "CaseMilestone" m
          WHERE m."status" = 'open' AND m."${column}" <= ?
            ${only ? `AND m."caseId" = ? AND m."round" = ? AND m."milestone" = ?` : ""}
            AND NOT EXISTS (SELECT 1 FROM "DeadlineStep" s WHERE s."caseId" = m."caseId" AND s."round" = m."round"
                             AND s."milestone" = m."milestone" AND s."step" = ?)
          LIMIT ?
         RETURNING "caseId", "round", "milestone", "dueAt"`,
        step,
        firedAt.getTime(),
        firedAt.getTime(),
        ...(only ? [only.caseId, only.round, only.milestone] : []),
        step,
        limit,
      );
      for (const row of rows) {
        steps.push({
          caseId: Number(row.caseId),
          round: Number(row.round),
          milestone: row.milestone,
          step,
          dueAt: new Date(Number(row.dueAt)),
        });
      }
    }
    if (steps.length === 0) return steps;
    const caseIds = [...new Set(steps.map((s) => s.caseId))];
    const overdueIds = [...new Set(steps.filter((s) => s.step === "overdue").map((s) => s.caseId))];
    if (overdueIds.length > 0) await tx.case.updateMany({ where: { id: { in: overdueIds } }, data: { overdue: true } });
    const [cases, milestones] = await Promise.all([
      tx.case.findMany({ where: { id: { in: caseIds } }, select: { id: true, caseNo: true, assignedToId: true } }),
      tx.caseMilestone.findMany({ where: { caseId: { in: caseIds }, status: "open" } }),
    ]);
    const caseById = new Map(cases.map((c) => [c.id, c]));
    const notifications = [];
    for (const step of steps) {
      const record = caseById.get(step.caseId)!;
      notifications.push({
        recipients: await recipientsOfStep(tx, record, step.milestone, step.step),
        event: {
          eventId: `step-${step.caseId}-${step.round}-${step.milestone}-${step.step}-${step.dueAt.getTime()}`,
          caseRef: record,
          kind: step.step,
          message: stepMessage(record.caseNo, step.milestone, step.step, step.dueAt),
          at: firedAt,
        },
      });
      const milestone = milestones.find(
        (m) => m.caseId === step.caseId && m.round === step.round && m.milestone === step.milestone,
      );
      const nextStep = LADDER_STEPS[LADDER_STEPS.indexOf(step.step) + 1];
      if (milestone && nextStep) {
        after.next.push({
          ref: { caseId: step.caseId, round: step.round, milestone: step.milestone, step: nextStep },
          at: milestone[STEP_COLUMN[nextStep]],
        });
      }
    }
    after.webhookEventIds = await recordNotifications(tx, notifications);
    await tx.auditEvent.createMany({
      data: steps.map((step) => ({
        caseId: step.caseId,
        actorId: null,
        at: firedAt,
        action: step.step,
        after: JSON.stringify({ milestone: step.milestone, round: step.round, dueAt: step.dueAt }),
      })),
    });
    for (const step of steps) {
      logger.info(
        {
          caseId: step.caseId,
          round: step.round,
          milestone: step.milestone,
          step: step.step,
          dueAt: step.dueAt,
          latenessMs: firedAt.getTime() - step.dueAt.getTime(),
        },
        "deadline step fired",
      );
    }
    return steps;
  });
  if (fired.length > 0) {
    await queueSteps(after.next.filter(({ ref }) => !fired.some((f) => sameStep(f, ref))));
    for (const eventId of after.webhookEventIds) await afterNotificationCommit(eventId);
  }
  return fired;
}

function sameStep(a: StepRef, b: StepRef) {
  return a.caseId === b.caseId && a.round === b.round && a.milestone === b.milestone && a.step === b.step;
}

/** Queues steps for their instants; a failure is left to the sweep. */
async function queueSteps(steps: { ref: StepRef; at: Date }[]) {
  if (steps.length === 0) return;
  try {
    await deadlineQueue().addBulk(
      steps.map(({ ref, at }) => ({
        name: "step",
        data: ref,
        opts: { jobId: stepJobId(ref, at), delay: Math.max(0, at.getTime() - Date.now()) },
      })),
    );
  } catch (error) {
    logger.warn({ err: (error as Error).message }, "next deadline steps not queued; the sweep will catch up");
  }
}

/** Why a given step did not fire now. */
async function outcomeOfUnfired(ref: StepRef, now: Date): Promise<FireOutcome> {
  const milestone = await prisma.caseMilestone.findUnique({
    where: { caseId_round_milestone: { caseId: ref.caseId, round: ref.round, milestone: ref.milestone } },
  });
  if (!milestone || milestone.status !== "open") return "milestone-closed";
  return milestone[STEP_COLUMN[ref.step]].getTime() > now.getTime() ? "not-due" : "already-fired";
}

/** Fires one step if, by the database, it is due and has not fired. */
export async function fireDeadlineStep(ref: StepRef, now?: Date): Promise<FireOutcome> {
  const fired = await fireSteps(now, ref, 1);
  return fired.length > 0 ? "fired" : outcomeOfUnfired(ref, now ?? new Date());
}

/** The sweep: fires every due step the queue missed, in batches, and queues webhook deliveries still pending. */
export async function sweepDueSteps(now?: Date) {
  let fired = 0;
  for (;;) {
    const batch = await fireSteps(now, null, config().DEADLINE_BATCH_SIZE);
    fired += batch.length;
    if (batch.length < config().DEADLINE_BATCH_SIZE) break;
  }
  await requeuePendingWebhooks();
  return { fired };
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
  const fired = await fireSteps(undefined, null, config().DEADLINE_BATCH_SIZE);
  if (fired.some((step) => sameStep(step, ref))) return "fired";
  const outcome = await outcomeOfUnfired(ref, new Date());
  if (outcome === "not-due") await scheduleCaseDeadlines(ref.caseId);
  return outcome;
}
