import { planMilestone } from "~/domain/deadlines";
import { assistingProblem, awaitsPartFrom } from "~/domain/assisting";
import { formatLocalDateTime } from "~/domain/local-time";
import { t } from "~/i18n";
import { ActionNotAllowedError, InputError } from "../../errors";
import { notifyUsers, townshipStaff } from "../../outbox/notifications.server";
import { type CaseActionHandlers, type ChangeContext, requireText, staffIdOf } from "./context.server";

/**
 * Lead and assisting units (docs/domain.md "Lead and assisting units"): the desk asks units to assist the
 * one holding the case, each with its own clock in working days; each submits its part once, which the
 * lead unit is told of and may quote in its result.
 */
export const assistingHandlers: CaseActionHandlers<"requestAssistance" | "submitPart"> = {
  async requestAssistance(context, change) {
    const instruction = requireText("instruction", change.instruction);
    const asked = await askToAssist(context, context.record.assignedToId!, change.unitIds, change.workingDays, instruction);
    return { caseUpdate: {}, auditDetails: asked.auditDetails, webhookEventId: asked.webhookEventIds };
  },

  async submitPart(context, change) {
    const { tx, record, actor, now } = context;
    const text = requireText("text", change.text);
    const unitId = actor.townshipId;
    if (!awaitsPartFrom(record.assisting, unitId)) throw new ActionNotAllowedError("submitPart");
    const part = record.assisting.find((row) => row.unitId === unitId && row.submittedAt === null)!;
    const submitted = await tx.assistingPart.updateMany({
      where: { id: part.id, submittedAt: null },
      data: { submittedAt: now, submittedById: staffIdOf(actor, "submitPart"), partText: text, nextStep: null, nextStepAt: null },
    });
    if (submitted.count === 0) throw new InputError({ form: "badRequest" });
    const unit = await tx.township.findUniqueOrThrow({ where: { id: part.unitId }, select: { name: true } });
    // The lead unit (the one holding the case) is told; its result may quote the part.
    const told = record.assignedToId
      ? await notifyUsers(tx, await townshipStaff(tx, record.assignedToId), {
          eventId: `part-${part.id}`,
          caseRef: record,
          kind: "partSubmitted",
          message: t("notify.partSubmitted", { caseNo: record.caseNo, unit: unit.name }),
          at: now,
        })
      : null;
    return { caseUpdate: {}, auditDetails: { part: text, unit: unit.name }, webhookEventId: told };
  },
};

/**
 * Asks units to assist the lead unit: a part for each, with its clock in working days on the bureau's
 * calendar and the policy's ladder, and a notice to each unit's staff. Also the return's decision that
 * sets a lead unit with assisting units.
 */
export async function askToAssist(
  context: ChangeContext,
  leadUnitId: number,
  unitIds: readonly number[],
  workingDays: number,
  instruction: string,
) {
  const { tx, record, actor, now, calendar, policy } = context;
  const already = record.assisting.filter((part) => part.round === record.round).map((part) => part.unitId);
  const problem = assistingProblem(unitIds, leadUnitId, already);
  if (problem) throw new InputError({ unitIds: problem });
  const units = await tx.township.findMany({
    where: { id: { in: [...unitIds] }, active: true },
    select: { id: true, name: true },
  });
  if (units.length !== new Set(unitIds).size) throw new InputError({ unitIds: "unknownAssignee" });
  const clock = planMilestone(calendar, now, workingDays, "working_days", policy.rules.ladder);
  const webhookEventIds: (string | null)[] = [];
  for (const unit of units) {
    const part = await tx.assistingPart.create({
      data: {
        caseId: record.id,
        round: record.round,
        unitId: unit.id,
        requestedAt: now,
        requestedById: staffIdOf(actor, "requestAssistance"),
        instruction,
        workingDays,
        warningAt: clock.warningAt,
        dueAt: clock.dueAt,
        supervisionAt: clock.supervisionAt,
        nextStep: "warning",
        nextStepAt: clock.warningAt,
      },
    });
    webhookEventIds.push(
      await notifyUsers(tx, await townshipStaff(tx, unit.id), {
        eventId: `assisting-${part.id}`,
        caseRef: null,
        kind: "assisting",
        message: t("notify.assisting", { caseNo: record.caseNo, instruction, due: formatLocalDateTime(clock.dueAt) }),
        at: now,
      }),
    );
  }
  return {
    auditDetails: { assisting: units.map((unit) => unit.name), partDueAt: clock.dueAt, instruction },
    webhookEventIds,
  };
}
