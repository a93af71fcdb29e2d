import type { Transaction } from "~/db.server";
import type { IntakeFields } from "~/domain/case-commands";
import { type CaseKind, formatCaseNo } from "~/domain/case-kinds";
import { normalizePhone } from "~/domain/masking";
import { type CaseState, isHandling } from "~/domain/workflow";
import { recordAuditEvent } from "./audit.server";
import { InputError } from "../errors";
import { loadCaseVocabulary } from "../reference/reference-data.server";

/** The checks and records of intake, shared by registering a case and editing it before acceptance. */

/**
 * The channel, category and township are ones in use (read from the kept vocabulary: every registration
 * checks them); a respondent named by id is in the register.
 */
export async function assertReferencesExist(
  db: Transaction,
  fields: Pick<IntakeFields, "channel" | "category" | "townshipId" | "respondentId">,
) {
  const [vocabulary, respondent] = await Promise.all([
    loadCaseVocabulary(),
    fields.respondentId ? db.regulatedUnit.findUnique({ where: { id: fields.respondentId }, select: { id: true } }) : null,
  ]);
  const errors: Record<string, string> = {};
  if (!vocabulary.channels.some((channel) => channel.code === fields.channel)) errors.channel = "unknownChannel";
  if (!vocabulary.categories.some((category) => category.code === fields.category)) errors.category = "unknownCategory";
  if (!vocabulary.townships.some((township) => township.id === fields.townshipId)) errors.townshipId = "unknownTownship";
  if (fields.respondentId && !respondent) errors.subject = "unknownRespondent";
  if (Object.keys(errors).length > 0) throw new InputError(errors);
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

/**
 * Reserves the next `count` numbers of the kind and year inside the caller's transaction (never reused),
 * all above `above` (the numbers an imported ledger brings with it). The increment is one atomic upsert,
 * which holds the sequence's row until commit, so that concurrent intakes never share a number.
 */
export async function reserveCaseNumbers(tx: Transaction, kind: CaseKind, year: number, count: number, above = 0) {
  const where = { kind_year: { kind, year } };
  let { lastSeq } = await tx.caseSequence.upsert({
    where,
    create: { kind, year, lastSeq: above + count },
    update: { lastSeq: { increment: count } },
  });
  if (lastSeq - count < above) ({ lastSeq } = await tx.caseSequence.update({ where, data: { lastSeq: above + count } }));
  return Array.from({ length: count }, (_, index) => {
    const seq = lastSeq - count + 1 + index;
    return { year, seq, caseNo: formatCaseNo(kind, year, seq) };
  });
}

/** The open case of the same kind a repeat report is merged into; `field` names the form field to blame. */
export async function findMergeTarget(tx: Transaction, kind: string, caseNo: string, field: string) {
  const target = await tx.case.findUnique({ where: { caseNo: caseNo.trim().toUpperCase() } });
  if (!target || target.kind !== kind || !isHandling(target.state as CaseState)) {
    throw new InputError({ [field]: "mergeTargetNotOpen" });
  }
  return target;
}

/** The open case a repeat was merged into records the repeat in its own trail. */
export function recordRepeatOnTarget(tx: Transaction, targetId: number, repeatCaseNo: string, actorId: number | null, at: Date) {
  return recordAuditEvent(tx, { caseId: targetId, actorId, at, action: "repeatMerged", after: { repeat: repeatCaseNo } });
}
