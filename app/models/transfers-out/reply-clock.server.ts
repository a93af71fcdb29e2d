import { prisma } from "~/db.server";
import { formatLocalDateTime } from "~/domain/local-time";
import { HANDLING_STATES } from "~/domain/workflow";
import type { Prisma } from "~/generated/prisma/client";
import { t } from "~/i18n";
import { afterNotificationCommit, notifyUsers, usersWithRole } from "../outbox/notifications.server";
import { writeTransaction } from "../db/write-transaction.server";

/**
 * Our clock for a transfer's reply (docs/integrations.md "Transfers out"): the deadline sweep tells the
 * desk once about each transfer whose reply is overdue while the case is still being handled. It is not
 * a milestone of the case: a partner's late reply does not make our case overdue.
 */
const overdueReplyWhere = (now: Date) =>
  ({
    repliedAt: null,
    replyDueAt: { lt: now },
    delivery: { not: "failed" },
    case: { state: { in: [...HANDLING_STATES] } },
  }) satisfies Prisma.CaseTransferWhereInput;

/** The transfers whose reply is overdue on cases still being handled, oldest deadline first (the supervision board). */
export function overdueReplies(now = new Date()) {
  return prisma.caseTransfer.findMany({
    where: overdueReplyWhere(now),
    orderBy: [{ replyDueAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      mode: true,
      sentAt: true,
      replyDueAt: true,
      partner: { select: { name: true } },
      case: { select: { caseNo: true, subject: true } },
    },
  });
}

export async function notifyOverdueReplies(now = new Date()): Promise<number> {
  const overdue = await prisma.caseTransfer.findMany({
    where: { ...overdueReplyWhere(now), overdueNotifiedAt: null },
    include: { partner: { select: { name: true } }, case: { select: { id: true, caseNo: true, assignedToId: true } } },
    take: 500,
  });
  let told = 0;
  for (const transfer of overdue) {
    const eventId = await writeTransaction(async (tx) => {
      // Claimed first: two sweeps at once tell the desk once.
      const claimed = await tx.caseTransfer.updateMany({
        where: { id: transfer.id, overdueNotifiedAt: null },
        data: { overdueNotifiedAt: now },
      });
      if (claimed.count === 0) return undefined;
      told += 1;
      return notifyUsers(tx, await usersWithRole(tx, "dispatcher"), {
        eventId: `transfer-overdue-${transfer.id}`,
        caseRef: transfer.case,
        kind: "transferOverdue",
        message: t("notify.transferOverdue", {
          caseNo: transfer.case.caseNo,
          partner: transfer.partner.name,
          due: formatLocalDateTime(transfer.replyDueAt),
        }),
        at: now,
      });
    });
    await afterNotificationCommit(eventId);
  }
  return told;
}
