import { prisma, type Transaction } from "~/db.server";
import { publicEventOf, publicStageOf } from "~/domain/case-lookup";
import { toOffsetIso } from "~/domain/local-time";
import { isJointProgressEvent, isRemoteStage, jointProgressEventId } from "~/domain/partners";
import type { CaseState } from "~/domain/workflow";

/**
 * A transfer's delivery to a partner Greenline (docs/integrations.md "Transfers out"): a POST to its
 * `/api/v1/cases` with the key it issued us, through the webhook's queue (retried with backoff, each
 * attempt recorded). The transfer's work-order number and Idempotency-Key make every retry the same
 * case there; the answer names that case, which the transfer then shows. For a case handled jointly,
 * each public step of ours is reported to the partner's case the same way (`…/progress`).
 */

/** The request one attempt sends; null when the partner is gone or no longer a Greenline. */
export async function partnerRequestOf(delivery: { caseTransferId: number | null; eventId: string; payload: string }) {
  const transfer = await prisma.caseTransfer.findUnique({
    where: { id: delivery.caseTransferId ?? 0 },
    include: { partner: true },
  });
  const partner = transfer?.partner;
  if (!transfer || !partner?.baseUrl || !partner.apiKey || partner.kind !== "greenline") return null;
  const progress = isJointProgressEvent(delivery.eventId);
  if (progress && !transfer.remoteCaseNo) return null;
  return {
    url: progress
      ? `${partner.baseUrl}/api/v1/cases/${encodeURIComponent(transfer.remoteCaseNo!)}/progress`
      : `${partner.baseUrl}/api/v1/cases`,
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${partner.apiKey}`,
      "idempotency-key": delivery.eventId,
    },
  };
}

/** A refusal the partner will repeat however often it is asked: retrying cannot help. */
export const isFinalRefusal = (status: number) => status >= 400 && status < 500 && status !== 408 && status !== 429;

/** What the partner answered: its case for the transfer, or why it refused it. */
export async function recordPartnerAnswer(caseTransferId: number, response: Response, now: Date) {
  const text = await response.text().catch(() => "");
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the status says enough.
  }
  if (response.ok) {
    const shown = (body as { case?: { caseNo?: unknown; stage?: unknown } } | null)?.case;
    await prisma.caseTransfer.update({
      where: { id: caseTransferId },
      data: {
        delivery: "delivered",
        deliveryError: null,
        remoteCaseNo: typeof shown?.caseNo === "string" ? shown.caseNo.slice(0, 30) : null,
        remoteStage: isRemoteStage(shown?.stage) ? shown.stage : null,
        remoteUpdatedAt: now,
      },
    });
    return;
  }
  const problem = body as { detail?: unknown; errors?: { pointer?: unknown; detail?: unknown }[] } | null;
  const details = [
    typeof problem?.detail === "string" ? problem.detail : `HTTP ${response.status}`,
    ...(Array.isArray(problem?.errors) ? problem.errors.map((error) => `${String(error.pointer)} ${String(error.detail)}`) : []),
  ];
  await prisma.caseTransfer.update({
    where: { id: caseTransferId },
    data: { deliveryError: details.join("；").slice(0, 500), ...(isFinalRefusal(response.status) ? { delivery: "failed" } : {}) },
  });
}

/** The delivery was given up after its last attempt: the transfer says so, and the desk may send it again. */
export async function recordPartnerGivenUp(caseTransferId: number, error: string) {
  await prisma.caseTransfer.update({
    where: { id: caseTransferId },
    data: { delivery: "failed", deliveryError: error.slice(0, 500) },
  });
}

/**
 * Our public step on a case we handle jointly, for each partner that holds its own case of it (among the
 * case's transfers as the step loaded them): a delivery written in the step's transaction, sent after
 * commit. None before the partner's case exists, and no query for the many cases never handled jointly.
 */
export async function recordJointProgress(
  tx: Transaction,
  step: { action: string; auditEventId: number; at: Date; state: string },
  transfers: { id: number; mode: string; delivery: string; remoteCaseNo: string | null }[],
): Promise<string[]> {
  const holders = transfers.filter(
    (transfer) => transfer.mode === "joint" && transfer.delivery === "delivered" && transfer.remoteCaseNo,
  );
  if (holders.length === 0 || !publicEventOf(step.action)) return [];
  const payload = JSON.stringify({ stage: publicStageOf(step.state as CaseState), at: toOffsetIso(step.at) });
  const eventIds = holders.map((transfer) => jointProgressEventId(transfer.id, step.auditEventId));
  await tx.webhookDelivery.createMany({
    data: holders.map((transfer, index) => ({
      eventId: eventIds[index],
      caseTransferId: transfer.id,
      status: "pending",
      createdAt: step.at,
      payload,
    })),
  });
  return eventIds;
}
