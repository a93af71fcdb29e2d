import { prisma, type Transaction } from "~/db.server";
import type { LadderStep } from "~/domain/deadlines";
import { formatLocalDateTime } from "~/domain/local-time";
import { t, tKey } from "~/i18n";
import { queueWebhookDeliveries, recordWebhookDeliveries } from "./webhooks.server";

export type NotificationKind =
  | LadderStep
  | "instruction"
  | "acknowledged"
  | "dissatisfied"
  | "transferReply"
  | "transferOverdue"
  | "repeatReport"
  | "cardIssued"
  | "returned"
  | "returnDecided"
  | "returnClock"
  | "problemCase"
  | "assisting"
  | "partSubmitted"
  | "partClock";

interface CaseRef {
  id: number;
  caseNo: string;
  assignedToId: number | null;
}

// Who holds which role changes rarely, and every fired step asks: kept for ten seconds per process.
const RECIPIENT_CACHE_MS = 10_000;
const recipientCache = new Map<string, { loadedAt: number; ids: number[] }>();

async function userIds(tx: Transaction, where: { role: string; townshipId?: number }) {
  const key = `${where.role}:${where.townshipId ?? ""}`;
  const cached = recipientCache.get(key);
  if (cached && Date.now() - cached.loadedAt < RECIPIENT_CACHE_MS) return cached.ids;
  const users = await tx.user.findMany({ where: { ...where, active: true }, select: { id: true } });
  const ids = users.map((user) => user.id);
  recipientCache.set(key, { loadedAt: Date.now(), ids });
  return ids;
}

/** The active users of one role (the dispatchers, to whom the desk's notices go). */
export function usersWithRole(tx: Transaction, role: "dispatcher" | "leader") {
  return userIds(tx, { role });
}

/** The staff of one township (a card's handling unit, told of the card issued to one of its units). */
export function townshipStaff(tx: Transaction, townshipId: number) {
  return userIds(tx, { role: "township", townshipId });
}

/** Who is told of a supervision instruction: the assigned township's staff and the dispatchers. */
export async function recipientsOfInstruction(tx: Transaction, record: CaseRef) {
  const township = record.assignedToId ? await userIds(tx, { role: "township", townshipId: record.assignedToId }) : [];
  return [...new Set([...township, ...(await userIds(tx, { role: "dispatcher" }))])];
}

/**
 * Who a ladder step is for (docs/domain.md "Escalation ladder"): a warning goes to whoever must act (the
 * assigned township's staff, or the dispatchers for an accept milestone or an unassigned case); overdue
 * also tells the dispatchers; supervision also tells the bureau's leaders.
 */
export function recipientsOfStep(tx: Transaction, record: CaseRef, milestone: string, step: LadderStep) {
  return recipientsOfLadderStep(tx, milestone !== "accept" ? record.assignedToId : null, step);
}

/** The ladder's recipients for a deadline that `townshipId` (or, when null, the desk) must meet: a case's or a card's. */
export async function recipientsOfLadderStep(tx: Transaction, townshipId: number | null, step: LadderStep) {
  const township = townshipId ? await userIds(tx, { role: "township", townshipId }) : [];
  const dispatchers = await userIds(tx, { role: "dispatcher" });
  if (step === "warning") return township.length > 0 ? township : dispatchers;
  const leaders = step === "supervision" ? await userIds(tx, { role: "leader" }) : [];
  return [...new Set([...township, ...dispatchers, ...leaders])];
}

/** The message of a ladder step. Case numbers and deadlines only: never a complainant's identity. */
export function stepMessage(caseNo: string, milestone: string, step: LadderStep, dueAt: Date) {
  return t(`notify.${step}`, { caseNo, milestone: tKey("milestone", milestone), due: formatLocalDateTime(dueAt) });
}

interface NotificationEvent {
  eventId: string;
  caseRef: CaseRef | null;
  kind: NotificationKind;
  message: string;
  at: Date;
}

/**
 * Writes notifications inside the caller's transaction (so they exist exactly when the change does)
 * and, when an outgoing webhook is configured, each event's pending delivery. Returns the events'
 * delivery ids for `afterNotificationCommit` to queue.
 */
export async function recordNotifications(
  tx: Transaction,
  entries: { recipients: number[]; event: NotificationEvent }[],
): Promise<string[]> {
  const withRecipients = entries.filter((entry) => entry.recipients.length > 0);
  if (withRecipients.length === 0) return [];
  await tx.notification.createMany({
    data: withRecipients.flatMap(({ recipients, event }) =>
      recipients.map((userId) => ({
        userId,
        caseId: event.caseRef?.id ?? null,
        kind: event.kind,
        message: event.message,
        createdAt: event.at,
      })),
    ),
  });
  return recordWebhookDeliveries(
    tx,
    withRecipients.map(({ event }) => ({
      eventId: event.eventId,
      at: event.at,
      payload: { event: event.kind, caseNo: event.caseRef?.caseNo ?? null, message: event.message },
    })),
  );
}

/** One event to its recipients; see recordNotifications. */
export async function notifyUsers(tx: Transaction, recipients: number[], event: NotificationEvent): Promise<string | null> {
  const [eventId] = await recordNotifications(tx, [{ recipients, event }]);
  return eventId ?? null;
}

/** Queues the webhook deliveries of committed events; a failure is left to the sweep. */
export async function afterNotificationCommit(...eventIds: (string | null | undefined)[]) {
  await queueWebhookDeliveries(eventIds.filter((eventId): eventId is string => Boolean(eventId)));
}

export async function unreadNotificationCount(userId: number) {
  return prisma.notification.count({ where: { userId, readAt: null } });
}

export async function listNotifications(userId: number, options: { take?: number } = {}) {
  return prisma.notification.findMany({
    where: { userId },
    orderBy: { id: "desc" },
    take: options.take ?? 100,
    include: { case: { select: { caseNo: true } } },
  });
}

export async function markNotificationsRead(userId: number, now = new Date()) {
  await prisma.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: now } });
}
