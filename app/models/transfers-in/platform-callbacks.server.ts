import type { Transaction } from "~/db.server";
import { publicEventOf } from "~/domain/case-lookup";
import { CASE_FOR_API, publicCaseOf } from "./api-case-views.server";
import { recordCallbackDelivery } from "../outbox/webhooks.server";

/**
 * A transferred case's public course, posted back to the platform that sent it (docs/integrations.md
 * "Transfers in"): each public step (accepted, rejected, merged, extended, answered, closed, reopened)
 * with the case as the platform reads it, signed, retried and logged by the webhook's queue. Written in
 * the step's transaction, as the case as it stands after the step.
 */
export async function recordPlatformCallback(
  tx: Transaction,
  step: { caseId: number; action: string; auditEventId: number; at: Date },
): Promise<string | null> {
  const event = publicEventOf(step.action);
  if (!event) return null;
  const record = await tx.case.findUniqueOrThrow({ where: { id: step.caseId }, include: CASE_FOR_API });
  if (record.sourceKeyId === null) return null;
  const shown = publicCaseOf(record);
  return recordCallbackDelivery(tx, {
    apiKeyId: record.sourceKeyId,
    eventId: `callback-${record.id}-${step.auditEventId}`,
    at: step.at,
    payload: { event, caseNo: record.caseNo, workOrderNo: record.workOrderNo, case: shown },
  });
}
