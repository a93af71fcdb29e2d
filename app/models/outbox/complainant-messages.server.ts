import { bureauOf } from "~/config.server";
import { prisma, type Transaction } from "~/db.server";
import type { Case, Extension } from "~/generated/prisma/client";
import {
  MESSAGE_EVENTS,
  type MessageEvent,
  type MessageValues,
  messageStatusOf,
  renderMessage,
} from "~/domain/complainant-messages";
import { localDateOf } from "~/domain/local-time";
import { tKey } from "~/i18n";
import { bulkInsert } from "../db/bulk-insert.server";
import { recordWebhookDeliveries } from "./webhooks.server";
import { forgetReference, keptReference } from "../reference/kept.server";

/**
 * Text messages to complainants (docs/domain.md "Messages to complainants"): written with the step that
 * sends them, in its transaction, and handed to the bureau's SMS gateway as a signed `sms` webhook event;
 * the gateway confirms delivery through `POST /api/sms-receipts`.
 */

const templateKey = (event: MessageEvent) => `sms.template.${event}`;

/** Each event's template: the administrator's text, or the catalogue's default. Every message reads them: kept. */
export function messageTemplates() {
  return keptReference("messageTemplates", async (db) => {
    const rows = await db.setting.findMany({ where: { key: { in: MESSAGE_EVENTS.map(templateKey) } } });
    return Object.fromEntries(
      MESSAGE_EVENTS.map((event) => {
        const saved = rows.find((row) => row.key === templateKey(event))?.value;
        return [event, { text: saved || tKey("sms.default", event), custom: Boolean(saved) }];
      }),
    ) as Record<MessageEvent, { text: string; custom: boolean }>;
  });
}

/** Saves the templates; an empty one goes back to the default. The form has checked the variables. */
export async function saveMessageTemplates(templates: Partial<Record<MessageEvent, string>>) {
  await prisma.$transaction(
    Object.entries(templates).map(([event, text]) =>
      prisma.setting.upsert({
        where: { key: templateKey(event as MessageEvent) },
        create: { key: templateKey(event as MessageEvent), value: text ?? "" },
        update: { value: text ?? "" },
      }),
    ),
  );
  await forgetReference("messageTemplates");
}

async function caseForMessage(tx: Transaction, caseId: number) {
  const { extensions, ...record } = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    include: { extensions: { where: { status: "approved" }, orderBy: { id: "desc" }, take: 1 } },
  });
  return { record, latestExtension: extensions[0] ?? null };
}

/**
 * Writes the message that `event` sends for the case (as it stands after the step, in the step's
 * transaction) and its webhook delivery. Callers ask `receivesMessages` first, so that a complainant who
 * gets none costs no query. Returns the delivery's event id to queue after commit.
 */
export async function recordComplainantMessage(
  tx: Transaction,
  step: {
    caseId: number;
    auditEventId: number;
    event: MessageEvent;
    at: Date;
    /** The case as the step left it, when the caller holds it (a registration's new case has no extension): not read again. */
    written?: { record: Case; latestExtension: Extension | null };
  },
): Promise<string | null> {
  const { record, latestExtension: extension } = step.written ?? (await caseForMessage(tx, step.caseId));
  const bureau = bureauOf(null);
  const values: MessageValues = {
    bureau: bureau.name,
    lookupUrl: bureau.lookupUrl ?? tKey("sms.value", "lookupPage"),
    caseNo: record.caseNo,
    receivedDate: localDateOf(record.receivedAt),
    dueDate: record.dueAt ? localDateOf(record.dueAt) : "",
    reason: (step.event === "extended" ? extension?.partyNotice : record.decisionReason) ?? "",
    days: extension ? String(extension.amount) : "",
    answer:
      record.kind === "mediation"
        ? record.mediationOutcome
          ? tKey("mediation.outcome", record.mediationOutcome)
          : ""
        : (record.replyText ?? ""),
  };
  const templates = await messageTemplates();
  const text = renderMessage(templates[step.event].text, values);
  const eventId = `sms-${record.id}-${step.auditEventId}`;
  // Raw, as the audit event it goes with (audit.server.ts).
  const [message] = await bulkInsert<{ id: number | bigint }>(
    tx,
    "ComplainantMessage",
    [{ caseId: record.id, round: record.round, event: step.event, text, createdAt: step.at, eventId }],
    `"id"`,
  );
  const [queued] = await recordWebhookDeliveries(tx, [
    {
      eventId,
      at: step.at,
      payload: { event: "sms", messageId: Number(message.id), caseNo: record.caseNo, phone: record.complainantPhone, text },
    },
  ]);
  return queued ?? null;
}

/** The case's messages with where each stands, for its page. */
export async function messagesOfCase(caseId: number) {
  const messages = await prisma.complainantMessage.findMany({ where: { caseId }, orderBy: { id: "asc" } });
  const deliveries = await prisma.webhookDelivery.findMany({
    where: { eventId: { in: messages.map((message) => message.eventId) } },
    select: { eventId: true, status: true },
  });
  return messages.map((message) => ({
    id: message.id,
    event: message.event,
    text: message.text,
    createdAt: message.createdAt,
    confirmedAt: message.confirmedAt,
    gatewayDetail: message.gatewayDetail,
    status: messageStatusOf(deliveries.find((delivery) => delivery.eventId === message.eventId) ?? null, message.gatewayStatus),
  }));
}

/**
 * The gateway's delivery receipt for one message. A receipt for a message that does not exist is
 * refused; a repeated one changes nothing after the first.
 */
export async function recordGatewayReceipt(receipt: { eventId: string; delivered: boolean; detail: string | null; at: Date }) {
  const updated = await prisma.complainantMessage.updateMany({
    where: { eventId: receipt.eventId, gatewayStatus: null },
    data: {
      gatewayStatus: receipt.delivered ? "delivered" : "failed",
      gatewayDetail: receipt.detail,
      confirmedAt: receipt.at,
    },
  });
  if (updated.count > 0) return "recorded";
  const known = await prisma.complainantMessage.findUnique({ where: { eventId: receipt.eventId }, select: { id: true } });
  return known ? "already-recorded" : "unknown";
}
