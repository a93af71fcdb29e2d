import type { Transaction } from "~/db.server";
import { computeDueAt } from "~/domain/deadlines";
import { signForLimit } from "~/domain/policies";
import type { HoldEnding } from "~/domain/unit-figures";
import type { ChangeContext } from "./context.server";

/**
 * A unit's holds of a case (`CaseAssignment`, docs/domain.md "Figures units are ranked by"): opened when the
 * desk gives the case to a unit or a new round starts with it, ended when the unit returns it, the desk
 * gives it to another, or the case is concluded; each counts the results submitted and sent back.
 */

const openHoldOf = (tx: Transaction, caseId: number) => tx.caseAssignment.findFirst({ where: { caseId, endedAt: null } });

export async function endHold(context: ChangeContext, reason: HoldEnding) {
  const { tx, record, now } = context;
  await tx.caseAssignment.updateMany({ where: { caseId: record.id, endedAt: null }, data: { endedAt: now, endReason: reason } });
}

/** The case is now the unit's (a new round counts as a new assignment): a hold, unless the unit already holds it. */
export async function openHold(context: ChangeContext, unitId: number, round = context.record.round) {
  const { tx, record, now, calendar, policy } = context;
  const current = await openHoldOf(tx, record.id);
  if (current?.unitId === unitId && current.round === round) return;
  if (current) await endHold(context, "reassigned");
  const limit = signForLimit(policy.rules);
  const { dueAt } = computeDueAt(calendar, now, limit.amount, limit.unit);
  await tx.caseAssignment.create({ data: { caseId: record.id, round, unitId, assignedAt: now, answerDueAt: dueAt } });
}

/** The unit holding the case signs for it (签收): by the step itself, or by any first step it takes. */
export async function signForHold(tx: Transaction, caseId: number, unitId: number, now: Date) {
  await tx.caseAssignment.updateMany({ where: { caseId, unitId, endedAt: null, signedForAt: null }, data: { signedForAt: now } });
}

/** A result submitted by the unit holding the case, or one the desk sent back to it. */
export async function countOnHold(context: ChangeContext, count: "submissions" | "sendBacks") {
  await context.tx.caseAssignment.updateMany({
    where: { caseId: context.record.id, endedAt: null },
    data: { [count]: { increment: 1 } },
  });
}
