import { prisma } from "~/db.server";
import { type LadderStep, warningIsPassed } from "~/domain/deadlines";
import { formatLocalDateTime } from "~/domain/local-time";
import { t } from "~/i18n";
import { writeTransaction } from "../db/write-transaction.server";
import { recordAuditEvent } from "../case/audit.server";
import { afterNotificationCommit, notifyUsers, recipientsOfLadderStep } from "../outbox/notifications.server";

const FOLLOWING: Record<LadderStep, LadderStep | null> = { warning: "overdue", overdue: "supervision", supervision: null };

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
  let fired = 0;
  for (const row of due) {
    const step = row.nextStep as LadderStep;
    const next = FOLLOWING[step];
    const instants: Record<LadderStep, Date> = { warning: row.warningAt, overdue: row.dueAt, supervision: row.supervisionAt };
    const eventId = await writeTransaction(async (tx) => {
      // Claimed first: two sweeps at once fire a step once.
      const claimed = await tx.caseReturn.updateMany({
        where: { id: row.id, decidedAt: null, nextStep: step },
        data: { nextStep: next, nextStepAt: next ? instants[next] : null },
      });
      if (claimed.count === 0) return null;
      fired += 1;
      const passed = warningIsPassed(step, row.dueAt, now);
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
    });
    await afterNotificationCommit(eventId);
  }
  return fired;
}
