import type { Transaction } from "~/db.server";
import type { IntakeFields } from "~/domain/case-commands";
import { type CaseKind, formatCaseNo } from "~/domain/case-kinds";
import { normalizePhone } from "~/domain/masking";
import { type CaseState, isHandling } from "~/domain/workflow";
import { recordAuditEvent } from "../audit.server";
import { CaseInputError } from "../errors";

/** The checks and records of intake, shared by registering a case and editing it before acceptance. */

export async function assertReferencesExist(db: Transaction, fields: Pick<IntakeFields, "channel" | "category" | "townshipId">) {
  const [channel, category, township] = await Promise.all([
    db.channel.findUnique({ where: { code: fields.channel } }),
    db.category.findUnique({ where: { code: fields.category } }),
    db.township.findUnique({ where: { id: fields.townshipId } }),
  ]);
  const errors: Record<string, string> = {};
  if (!channel?.active) errors.channel = "unknownChannel";
  if (!category?.active) errors.category = "unknownCategory";
  if (!township?.active || township.kind !== "township") errors.townshipId = "unknownTownship";
  if (Object.keys(errors).length > 0) throw new CaseInputError(errors);
}

export function normalizedIntake(fields: IntakeFields): IntakeFields {
  return {
    ...fields,
    complainantName: fields.complainantName?.trim() || null,
    complainantPhone: fields.complainantPhone ? normalizePhone(fields.complainantPhone) || null : null,
    subject: fields.subject.trim(),
    address: fields.address.trim(),
    description: fields.description.trim(),
  };
}

/** Reserves the next number of the kind and year inside the intake transaction (never reused). */
export async function nextCaseNumber(tx: Transaction, kind: CaseKind, year: number) {
  const sequence = await tx.caseSequence.upsert({
    where: { kind_year: { kind, year } },
    create: { kind, year, lastSeq: 1 },
    update: { lastSeq: { increment: 1 } },
  });
  return { year, seq: sequence.lastSeq, caseNo: formatCaseNo(kind, year, sequence.lastSeq) };
}

/** The open case of the same kind a repeat report is merged into; `field` names the form field to blame. */
export async function findMergeTarget(tx: Transaction, kind: string, caseNo: string, field: string) {
  const target = await tx.case.findUnique({ where: { caseNo: caseNo.trim().toUpperCase() } });
  if (!target || target.kind !== kind || !isHandling(target.state as CaseState)) {
    throw new CaseInputError({ [field]: "mergeTargetNotOpen" });
  }
  return target;
}

/** The open case a repeat was merged into records the repeat in its own trail. */
export function recordRepeatOnTarget(tx: Transaction, targetId: number, repeatCaseNo: string, actorId: number | null, at: Date) {
  return recordAuditEvent(tx, { caseId: targetId, actorId, at, action: "repeatMerged", after: { repeat: repeatCaseNo } });
}
