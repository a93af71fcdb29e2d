import { prisma, type Transaction } from "~/db.server";
import { LADDER_STEPS, type LadderStep, warningIsPassed } from "~/domain/deadlines";
import { logger } from "~/logger.server";
import { afterNotificationCommit, recipientsOfStep, recordNotifications, stepMessage } from "../outbox/notifications.server";
import { refreshDerivedDeadlines } from "./derived-fields.server";
import { Params, skipLocked } from "../db/sql-dialect.server";
import { type StepRef, queueSteps, stepJobId } from "./queue.server";

/**
 * The escalation ladder: firing steps. The database holds the truth (each milestone's ladder instants,
 * and which steps fired under a unique key); BullMQ delayed jobs (./queue.server.ts) are only the means
 * to act on time, and the sweep (./sweep.server.ts) fires whatever the queue missed (docs/decisions/0004).
 */

const STEP_COLUMN = { warning: "warningAt", overdue: "dueAt", supervision: "supervisionAt" } as const;

/**
 * After a milestone's instants moved (an extension, a calendar change), steps that fired for the old
 * instants and now lie in the future are armed again, so that they fire once more at the new time, and
 * the milestone's next step is the first one not fired.
 */
export async function rearmMovedSteps(
  tx: Transaction,
  milestone: { id: number; caseId: number; round: number; milestone: string },
  instants: Record<LadderStep, Date>,
  now: Date,
) {
  const key = { caseId: milestone.caseId, round: milestone.round, milestone: milestone.milestone };
  const future = LADDER_STEPS.filter((step) => instants[step].getTime() > now.getTime());
  await tx.deadlineStep.deleteMany({ where: { ...key, step: { in: future } } });
  const fired = new Set((await tx.deadlineStep.findMany({ where: key, select: { step: true } })).map((row) => row.step));
  const next = LADDER_STEPS.find((step) => !fired.has(step)) ?? null;
  await tx.caseMilestone.update({
    where: { id: milestone.id },
    data: { nextStep: next, nextStepAt: next ? instants[next] : null },
  });
}

export type FireOutcome = "fired" | "already-fired" | "not-due" | "milestone-closed";

interface FiredStep extends StepRef {
  /** The instant the step was due to fire. */
  stepAt: Date;
  /** The milestone's due instant, which every notice, webhook event and timeline entry names. */
  dueAt: Date;
  /** A warning reached only once its milestone was already overdue: recorded, but nobody is told of it. */
  passed: boolean;
}

/**
 * Fires, in one transaction, the next step of every open milestone whose step is due (or of one
 * milestone). One `UPDATE … RETURNING` both picks those milestones and moves them to their following
 * step, so that concurrent workers can never take the same step (and, being a write, it takes SQLite's
 * write lock at once); each fired step is then recorded under its unique key, and the overdue flags,
 * audit events and notifications of all of them are written in a few statements. After commit the next
 * steps and webhook deliveries are queued (docs/decisions/0004; the dialect's pieces from sql-dialect.server.ts).
 */
export async function fireSteps(now: Date | undefined, only: Omit<StepRef, "step"> | null, limit: number): Promise<FiredStep[]> {
  const after: { next: { ref: StepRef; at: Date }[]; webhookEventIds: string[] } = { next: [], webhookEventIds: [] };
  const fired = await prisma.$transaction(async (tx) => {
    // The time the steps take effect: when this transaction runs, not when the job was picked up.
    const firedAt = now ?? new Date();
    // Placeholders in statement order (SQLite's `?` are positional, so each use is its own parameter).
    const params = new Params();
    const dueOuter = params.add(firedAt);
    const dueInner = params.add(firedAt);
    const filter = only
      ? `AND "caseId" = ${params.add(only.caseId)} AND "round" = ${params.add(only.round)} AND "milestone" = ${params.add(only.milestone)}`
      : "";
    const rows = await tx.$queryRawUnsafe<
      {
        caseId: number | bigint;
        round: number | bigint;
        milestone: string;
        nextStep: string | null;
        nextStepAt: number | bigint | Date | null;
        warningAt: number | bigint | Date;
        dueAt: number | bigint | Date;
        supervisionAt: number | bigint | Date;
      }[]
    >(
      // The outer conditions are checked again on PostgreSQL against the row as locked, and SKIP LOCKED
      // lets concurrent workers take different milestones; on SQLite the statement holds the write lock.
      `UPDATE "CaseMilestone"
          SET "nextStep" = CASE "nextStep" WHEN 'warning' THEN 'overdue' WHEN 'overdue' THEN 'supervision' ELSE NULL END,
              "nextStepAt" = CASE "nextStep" WHEN 'warning' THEN "dueAt" WHEN 'overdue' THEN "supervisionAt" ELSE NULL END
        WHERE "status" = 'open' AND "nextStepAt" <= ${dueOuter}
          AND "id" IN (SELECT "id" FROM "CaseMilestone"
                        WHERE "status" = 'open' AND "nextStepAt" <= ${dueInner} ${filter}
                        ORDER BY "nextStepAt" LIMIT ${params.add(limit)} ${skipLocked()})
        RETURNING "caseId", "round", "milestone", "nextStep", "nextStepAt", "warningAt", "dueAt", "supervisionAt"`,
      ...params.values,
    );
    const steps: FiredStep[] = [];
    for (const row of rows) {
      // RETURNING gives the values after the update: the fired step is the one before the new next step.
      const step: LadderStep =
        row.nextStep === "overdue" ? "warning" : row.nextStep === "supervision" ? "overdue" : "supervision";
      const ref = { caseId: Number(row.caseId), round: Number(row.round), milestone: row.milestone };
      const instants = { warning: row.warningAt, overdue: row.dueAt, supervision: row.supervisionAt };
      // A warning fired at or after the due instant (a worker started over old data) would reach people a
      // moment before the overdue notice: it is recorded as passed, and only the overdue step notifies.
      const passed = warningIsPassed(step, new Date(Number(row.dueAt)), firedAt);
      steps.push({ ...ref, step, stepAt: new Date(Number(instants[step])), dueAt: new Date(Number(row.dueAt)), passed });
      if (row.nextStep && row.nextStepAt !== null) {
        after.next.push({ ref: { ...ref, step: row.nextStep as LadderStep }, at: new Date(Number(row.nextStepAt)) });
      }
    }
    if (steps.length === 0) return steps;
    // The record of each step under its unique key; a row already there (it cannot be, unless data was
    // repaired by hand) is kept rather than failing the batch.
    const insert = new Params();
    const values = steps.map(
      (step) =>
        `(${[step.caseId, step.round, step.milestone, step.step, step.stepAt, step.dueAt, firedAt].map((value) => insert.add(value)).join(", ")})`,
    );
    await tx.$executeRawUnsafe(
      `INSERT INTO "DeadlineStep" ("caseId", "round", "milestone", "step", "stepAt", "dueAt", "firedAt") VALUES ${values.join(", ")}
       ON CONFLICT DO NOTHING`,
      ...insert.values,
    );
    const caseIds = [...new Set(steps.map((s) => s.caseId))];
    // An overdue step passed makes the case overdue: through the one derivation of its deadline fields.
    await refreshDerivedDeadlines(tx, caseIds);
    const cases = await tx.case.findMany({
      where: { id: { in: caseIds } },
      select: { id: true, caseNo: true, assignedToId: true },
    });
    const caseById = new Map(cases.map((c) => [c.id, c]));
    const notifications = [];
    for (const step of steps) {
      if (step.passed) continue;
      const record = caseById.get(step.caseId)!;
      notifications.push({
        recipients: await recipientsOfStep(tx, record, step.milestone, step.step),
        event: {
          eventId: stepJobId(step, step.stepAt),
          caseRef: record,
          kind: step.step,
          message: stepMessage(record.caseNo, step.milestone, step.step, step.dueAt),
          at: firedAt,
        },
      });
    }
    after.webhookEventIds = await recordNotifications(tx, notifications);
    await tx.auditEvent.createMany({
      data: steps.map((step) => ({
        caseId: step.caseId,
        actorId: null,
        at: firedAt,
        action: step.step,
        after: JSON.stringify({
          milestone: step.milestone,
          round: step.round,
          dueAt: step.dueAt,
          stepAt: step.stepAt,
          ...(step.passed ? { passed: true } : {}),
        }),
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
          stepAt: step.stepAt,
          latenessMs: firedAt.getTime() - step.stepAt.getTime(),
          passed: step.passed,
        },
        "deadline step fired",
      );
    }
    return steps;
  });
  if (fired.length > 0) {
    await queueSteps(after.next);
    for (const eventId of after.webhookEventIds) await afterNotificationCommit(eventId);
  }
  return fired;
}

export function sameStep(a: StepRef, b: StepRef) {
  return a.caseId === b.caseId && a.round === b.round && a.milestone === b.milestone && a.step === b.step;
}

/** Why a given step did not fire now. */
export async function outcomeOfUnfired(ref: StepRef, now: Date): Promise<FireOutcome> {
  const milestone = await prisma.caseMilestone.findUnique({
    where: { caseId_round_milestone: { caseId: ref.caseId, round: ref.round, milestone: ref.milestone } },
  });
  if (!milestone || milestone.status !== "open") return "milestone-closed";
  return milestone[STEP_COLUMN[ref.step]].getTime() > now.getTime() ? "not-due" : "already-fired";
}

/**
 * Fires the given step if, by the database, it is due and has not fired — together with the earlier
 * steps of its milestone, which are due by then too.
 */
export async function fireDeadlineStep(ref: StepRef, now?: Date): Promise<FireOutcome> {
  for (let pass = 0; pass < LADDER_STEPS.length; pass += 1) {
    const fired = await fireSteps(now, ref, 1);
    if (fired.some((step) => sameStep(step, ref))) return "fired";
    if (fired.length === 0) break;
  }
  return outcomeOfUnfired(ref, now ?? new Date());
}
