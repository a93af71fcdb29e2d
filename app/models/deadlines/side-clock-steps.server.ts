import { prisma } from "~/db.server";
import { formatLocalDateTime } from "~/domain/local-time";
import { HANDLING_STATES } from "~/domain/workflow";
import { t } from "~/i18n";
import { recordAuditEvent } from "../case/audit.server";
import { notifyUsers, recipientsOfLadderStep } from "../outbox/notifications.server";
import { fireSideClocks } from "./side-clocks.server";

/**
 * The clock of the desk's decision on a return (docs/domain.md "Returns are decided"), fired from the
 * deadline sweep: the desk is warned, then told it is late, then the leaders supervise. Like a transfer's
 * reply clock it is the desk's own and makes no case overdue; each step is an audit event of the case.
 */
export async function fireReturnSteps(now = new Date()): Promise<number> {
  const due = await prisma.caseReturn.findMany({
    where: { decidedAt: null, nextStepAt: { lte: now } },
    include: { case: { select: { id: true, caseNo: true, assignedToId: true } } },
    orderBy: { nextStepAt: "asc" },
    take: 500,
  });
  return fireSideClocks(
    due,
    now,
    async (tx, row, step, next) =>
      (
        await tx.caseReturn.updateMany({
          where: { id: row.id, decidedAt: null, nextStep: step },
          data: { nextStep: next.step, nextStepAt: next.at },
        })
      ).count > 0,
    async (tx, row, step, passed) => {
      await recordAuditEvent(tx, {
        caseId: row.caseId,
        actorId: null,
        at: now,
        action: "returnClock",
        after: { step, dueAt: row.dueAt, ...(passed ? { passed: true } : {}) },
      });
      if (passed) return null;
      // The desk decides, so the returning unit is not among those told: null asks for the desk's recipients.
      return notifyUsers(tx, await recipientsOfLadderStep(tx, null, step), {
        eventId: `return-${row.id}-${step}`,
        caseRef: row.case,
        kind: "returnClock",
        message: t(`notify.returnClock.${step}`, { caseNo: row.case.caseNo, due: formatLocalDateTime(row.dueAt) }),
        at: now,
      });
    },
  );
}

/**
 * The clock of an assisting unit's part (docs/domain.md "Lead and assisting units"): the unit is warned,
 * then the unit and the desk are told it is late, then the leaders supervise, while the case is handled.
 */
export async function firePartSteps(now = new Date()): Promise<number> {
  const due = await prisma.assistingPart.findMany({
    where: { submittedAt: null, nextStepAt: { lte: now }, case: { state: { in: [...HANDLING_STATES] } } },
    include: { case: { select: { id: true, caseNo: true, assignedToId: true } }, unit: { select: { name: true } } },
    orderBy: { nextStepAt: "asc" },
    take: 500,
  });
  return fireSideClocks(
    due,
    now,
    async (tx, row, step, next) =>
      (
        await tx.assistingPart.updateMany({
          where: { id: row.id, submittedAt: null, nextStep: step },
          data: { nextStep: next.step, nextStepAt: next.at },
        })
      ).count > 0,
    async (tx, row, step, passed) => {
      await recordAuditEvent(tx, {
        caseId: row.caseId,
        actorId: null,
        at: now,
        action: "partClock",
        after: { step, unit: row.unit.name, dueAt: row.dueAt, ...(passed ? { passed: true } : {}) },
      });
      if (passed) return null;
      return notifyUsers(tx, await recipientsOfLadderStep(tx, row.unitId, step), {
        eventId: `part-${row.id}-${step}`,
        caseRef: row.case,
        kind: "partClock",
        message: t(`notify.partClock.${step}`, { caseNo: row.case.caseNo, due: formatLocalDateTime(row.dueAt) }),
        at: now,
      });
    },
  );
}
