import type { Transaction } from "~/db.server";
import { checkRepeatReports } from "../../enterprises/repeat-reports.server";
import { resolveRespondent } from "../../enterprises/register.server";
import { type CaseActionHandlers, type LoadedCase, requireText } from "./context.server";

/**
 * The respondent typed for a case (the intake's edit, the desk's correction): a unit's code, name or former
 * name links the unit (and takes its name), anything else is recorded as typed and unlinked. A complaint
 * newly linked to a unit is counted for repeat-report warnings like one registered so.
 */
export async function respondentChange(tx: Transaction, record: LoadedCase, typed: string, now: Date) {
  const unit = await resolveRespondent(typed);
  const respondentId = unit?.id ?? null;
  const linked = respondentId !== null && respondentId !== record.respondentId;
  // A complaint about another unit no longer counts in the warnings of the one it named before.
  if (respondentId !== record.respondentId) {
    await tx.repeatReportCase.deleteMany({
      where: { caseId: record.id, ...(respondentId === null ? {} : { warning: { unitId: { not: respondentId } } }) },
    });
  }
  const webhookEventId = linked ? await checkRepeatReports(tx, { ...record, respondentId }, now) : null;
  return { fields: { subject: unit?.name ?? typed.trim(), respondentId }, webhookEventId };
}

/** The desk's correction of a case's respondent after its intake, with the reason. */
export const respondentHandlers: CaseActionHandlers<"setRespondent"> = {
  async setRespondent({ tx, record, now }, change) {
    const { fields, webhookEventId } = await respondentChange(tx, record, requireText("subject", change.subject), now);
    return { caseUpdate: fields, webhookEventId };
  },
};
