import { formatLocalDateTime } from "~/domain/local-time";
import { config } from "~/config.server";
import { addWorkingDays } from "~/domain/calendar";
import { endOfLocalDay, localDateOf, toOffsetIso } from "~/domain/local-time";
import { partnerTownshipsOf, transferWorkOrderNo } from "~/domain/partners";
import { transferReplyIsResult } from "~/domain/workflow";
import { t } from "~/i18n";
import { ActionNotAllowedError, InputError } from "../../errors";
import { notifyUsers, usersWithRole } from "../../outbox/notifications.server";
import type { CaseActionHandlers, ChangeContext } from "./context.server";

/**
 * Transfers out (docs/integrations.md "Transfers out"): the desk sends an accepted case to another body
 * with the reason and the legal basis, and our clock for its reply starts; a partner Greenline gets it
 * through its API (a delivery on the webhook's queue, written here, sent after commit), another body by
 * the printed letter. The reply, recorded by the desk or posted back by the partner, is the case's
 * result when the case was moved there, and progress beside ours when it is handled jointly.
 */
export const transferOutHandlers: CaseActionHandlers<"transferOut" | "transferReply"> = {
  async transferOut(context, change) {
    const { tx, record, now, calendar } = context;
    const partner = await tx.partner.findFirst({ where: { id: change.partnerId, active: true } });
    if (!partner) throw new InputError({ partnerId: "unknownPartner" });
    const townships = partnerTownshipsOf(partner.townships);
    const partnerTownship = partner.kind === "greenline" ? (change.partnerTownship ?? "") : null;
    if (partnerTownship !== null && !townships.includes(partnerTownship))
      throw new InputError({ partnerTownship: "unknownPartnerTownship" });
    const replyDueAt = endOfLocalDay(addWorkingDays(calendar, localDateOf(now), change.replyDays ?? partner.replyDays));
    const transfer = await tx.caseTransfer.create({
      data: {
        caseId: record.id,
        partnerId: partner.id,
        mode: change.mode,
        reason: change.reason,
        legalBasis: change.legalBasis,
        partnerTownship,
        sentAt: now,
        replyDueAt,
        delivery: partner.kind === "greenline" ? "sending" : "letter",
      },
    });
    const webhookEventId =
      partner.kind === "greenline"
        ? await recordPartnerDelivery(context, transfer.id, partnerTownship!, change, replyDueAt)
        : null;
    return {
      caseUpdate: {},
      auditDetails: {
        transferId: transfer.id,
        partner: partner.name,
        mode: change.mode,
        reason: change.reason,
        legalBasis: change.legalBasis,
        replyDueAt,
      },
      webhookEventId,
    };
  },

  async transferReply({ tx, record, snapshot, now, actor }, change) {
    const transfer = await tx.caseTransfer.findFirst({
      where: { id: change.transferId, caseId: record.id, repliedAt: null, delivery: { not: "failed" } },
      include: { partner: true },
    });
    if (!transfer) throw new InputError({ transferId: "unknownTransfer" });
    if (actor.role === "partner" && actor.partnerId !== transfer.partnerId) throw new ActionNotAllowedError("transferReply");
    await tx.caseTransfer.update({ where: { id: transfer.id }, data: { replyText: change.text, repliedAt: now } });
    const becomesResult = transferReplyIsResult(snapshot, transfer.id);
    // The desk is told when the partner's system answered by itself; a reply the desk typed needs no telling.
    const webhookEventId =
      actor.role === "partner"
        ? await notifyUsers(tx, await usersWithRole(tx, "dispatcher"), {
            eventId: `transfer-reply-${transfer.id}`,
            caseRef: record,
            kind: "transferReply",
            message: t("notify.transferReply", { caseNo: record.caseNo, partner: transfer.partner.name }),
            at: now,
          })
        : null;
    return {
      caseUpdate: becomesResult ? { resultText: change.text } : {},
      auditDetails: {
        transferId: transfer.id,
        partner: transfer.partner.name,
        reply: change.text,
        ...(actor.role === "partner" ? { viaPartner: actor.name } : {}),
      },
      webhookEventId,
    };
  },
};

/**
 * The transfer as the partner's API takes it (its transfer schema): our case as a work order whose
 * number names the transfer, due when our clock for the reply runs out. The complainant's identity goes
 * with it (the partner handles the complaint; it is not the party complained about); messages to the
 * complainant stay ours when both handle the case.
 */
async function recordPartnerDelivery(
  { tx, record, now }: ChangeContext,
  transferId: number,
  partnerTownship: string,
  change: { mode: string; reason: string; legalBasis: string },
  replyDueAt: Date,
) {
  const eventId = `transfer-out-${transferId}`;
  const heading = t("transfer.heading", {
    bureau: config().BUREAU_NAME,
    reason: change.reason,
    legalBasis: change.legalBasis,
    receivedAt: formatLocalDateTime(record.receivedAt),
  });
  const payload = {
    workOrderNo: transferWorkOrderNo(record.caseNo, transferId),
    kind: record.kind,
    // The partner receives it now (its clocks start at the transfer); our own receipt is in the heading.
    receivedAt: toOffsetIso(now),
    dueAt: toOffsetIso(replyDueAt),
    ...(record.complainantName ? { complainantName: record.complainantName } : {}),
    ...(record.complainantPhone ? { complainantPhone: record.complainantPhone } : {}),
    consentToDisclose: record.consentToDisclose,
    refusesMessages: record.refusesMessages || change.mode === "joint",
    consentToPublish: record.consentToPublish,
    township: partnerTownship,
    category: record.category,
    subject: record.subject.slice(0, 200),
    address: record.address.slice(0, 200),
    description: `${heading}\n${record.description}`.slice(0, 4000),
    urgency: record.urgency,
  };
  await tx.webhookDelivery.create({
    data: { eventId, caseTransferId: transferId, status: "pending", createdAt: now, payload: JSON.stringify(payload) },
  });
  return eventId;
}
