import type { Transaction } from "~/db.server";
import { bulkInsert } from "../db/bulk-insert.server";

export interface AuditEventInput {
  caseId: number | null;
  actorId: number | null;
  at: Date;
  action: string;
  reason?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** The form submission that made the change, when it carried a key (a resend finds this event). */
  submissionKey?: string | null;
}

/** Appends one event to the audit trail; always inside the transaction that made the change. */
export async function recordAuditEvent(tx: Transaction, event: AuditEventInput): Promise<{ id: number }> {
  // Raw: every step writes one, and Prisma's create costs twice the statement (case-row.server.ts).
  const [row] = await bulkInsert<{ id: number | bigint }>(
    tx,
    "AuditEvent",
    [
      {
        caseId: event.caseId,
        actorId: event.actorId,
        at: event.at,
        action: event.action,
        reason: event.reason ?? null,
        before: event.before ? JSON.stringify(event.before) : null,
        after: event.after ? JSON.stringify(event.after) : null,
        submissionKey: event.submissionKey ?? null,
      },
    ],
    `"id"`,
  );
  return { id: Number(row.id) };
}

/** The fields whose values differ, as before/after objects of the audit event. */
export function diffFields(before: object, after: object) {
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  const previous = new Map(Object.entries(before));
  for (const [key, value] of Object.entries(after)) {
    const old = previous.get(key);
    const same = old instanceof Date && value instanceof Date ? old.getTime() === value.getTime() : old === value;
    if (!same) {
      changedBefore[key] = old;
      changedAfter[key] = value;
    }
  }
  return { before: changedBefore, after: changedAfter, changed: Object.keys(changedAfter).length > 0 };
}
