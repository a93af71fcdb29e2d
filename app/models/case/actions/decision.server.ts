import type { IntakeFields } from "~/domain/case-commands";
import type { CaseKind, Urgency } from "~/domain/case-kinds";
import { type LocalDate, isLocalDate, localDateOf, startOfLocalDay } from "~/domain/local-time";
import { InputError } from "../../errors";
import { loadPolicies } from "../../reference/reference-data.server";
import {
  type CaseActionHandlers,
  type CaseUpdate,
  type ChangeContext,
  type LoadedCase,
  closeOpenMilestones,
  requireText,
  staffIdOf,
} from "./context.server";
import { assertReferencesExist, findMergeTarget, normalizedIntake, recordRepeatOnTarget } from "../intake.server";
import { milestoneRows, policyFor } from "../../deadlines/planning.server";
import { respondentChange } from "./respondent.server";

/** The desk's decisions on a new case: edit the intake, accept, reject, merge into an open case. */
export const decisionHandlers: CaseActionHandlers<"edit" | "accept" | "reject" | "merge"> = {
  edit: (context, change) => applyEdit(context, change.fields),
  async accept(context, change) {
    const { tx, record, now } = context;
    await closeOpenMilestones(context, "met", (m) => m === "accept");
    // The first answer to a transferred work order is due by the platform's deadline too.
    const concludeBy = record.round === 1 ? record.platformDueAt : null;
    const accepted = milestoneRows(context.calendar, context.policy, "accepted", now, record.round, undefined, concludeBy);
    for (const row of accepted) await tx.caseMilestone.create({ data: { ...row, caseId: record.id } });
    return { caseUpdate: { acceptedAt: now, ...decisionLetter(context, change.letterDate) } };
  },
  async reject(context, change) {
    await closeOpenMilestones(context, "met", (m) => m === "accept");
    await closeOpenMilestones(context, "cancelled");
    return {
      caseUpdate: {
        rejectedAt: context.now,
        decisionReason: requireText("reason", change.reason),
        ...decisionLetter(context, change.letterDate),
      },
    };
  },
  async merge(context, change) {
    const { tx, record, actor, now } = context;
    const target = await findMergeTarget(tx, record.kind, change.targetCaseNo, "targetCaseNo");
    if (target.id === record.id) throw new InputError({ targetCaseNo: "mergeTargetNotOpen" });
    await closeOpenMilestones(context, "cancelled");
    await recordRepeatOnTarget(tx, target.id, record.caseNo, staffIdOf(actor, "merge"), now);
    return { caseUpdate: { mergedIntoId: target.id }, auditDetails: { mergedInto: target.caseNo } };
  },
};

/** A petition's written decision (受理/不予受理告知书) is dated; other kinds have none. */
function decisionLetter(context: ChangeContext, letterDate: LocalDate | null | undefined) {
  const { record, now } = context;
  if (record.kind !== "petition") return {};
  const date = letterDate || localDateOf(now);
  if (!isLocalDate(date) || date < localDateOf(record.receivedAt) || date > localDateOf(now)) {
    throw new InputError({ letterDate: "letterDate" });
  }
  return { decisionLetterAt: startOfLocalDay(date) };
}

function intakeFieldsOf(record: LoadedCase): IntakeFields {
  return {
    kind: record.kind as CaseKind,
    channel: record.channel,
    receivedAt: record.receivedAt,
    complainantName: record.complainantName,
    complainantPhone: record.complainantPhone,
    consentToDisclose: record.consentToDisclose,
    refusesMessages: record.refusesMessages,
    consentToPublish: record.consentToPublish,
    townshipId: record.townshipId,
    category: record.category,
    subject: record.subject,
    address: record.address,
    description: record.description,
    urgency: record.urgency as Urgency,
    respondentId: record.respondentId,
  };
}

async function applyEdit(context: ChangeContext, edited: Partial<Omit<IntakeFields, "kind">>) {
  const { tx, record, calendar } = context;
  // A respondent typed anew is read against the register as at intake.
  const respondent =
    edited.subject !== undefined && edited.subject.trim() !== record.subject
      ? await respondentChange(tx, record, edited.subject, context.now)
      : null;
  const merged = normalizedIntake({ ...intakeFieldsOf(record), ...edited, ...respondent?.fields });
  await assertReferencesExist(tx, merged);
  const { kind: _kind, ...fields } = merged;
  const caseUpdate: CaseUpdate = fields;
  const timingChanged =
    merged.receivedAt.getTime() !== record.receivedAt.getTime() ||
    merged.urgency !== record.urgency ||
    merged.channel !== record.channel ||
    merged.category !== record.category;
  if (timingChanged) {
    // Before acceptance only milestones counted from receipt exist; plan them again under the right policy.
    const policy = policyFor(await loadPolicies(), merged);
    await tx.caseMilestone.deleteMany({ where: { caseId: record.id, round: record.round } });
    await tx.deadlineStep.deleteMany({ where: { caseId: record.id, round: record.round } });
    const concludeBy = record.round === 1 ? record.platformDueAt : null;
    for (const row of milestoneRows(calendar, policy, "received", merged.receivedAt, record.round, undefined, concludeBy)) {
      await tx.caseMilestone.create({ data: { ...row, caseId: record.id } });
    }
    caseUpdate.policyId = policy.id;
  }
  return { caseUpdate, webhookEventId: respondent?.webhookEventId };
}
