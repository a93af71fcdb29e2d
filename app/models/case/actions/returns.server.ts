import { planMilestone } from "~/domain/deadlines";
import { formatLocalDateTime } from "~/domain/local-time";
import { returnDecisionLimit } from "~/domain/policies";
import { type HandlingChain, changesUnit, decisionProblem, isProblemCase, leadUnitAfter, unitOfDecision } from "~/domain/returns";
import { t, tKey } from "~/i18n";
import { InputError } from "../../errors";
import { notifyUsers, townshipStaff, usersWithRole } from "../../outbox/notifications.server";
import { type CaseActionHandlers, type ChangeContext, requireText, staffIdOf } from "./context.server";
import { endHold, openHold } from "./holds.server";
import { askToAssist } from "./assisting.server";
import { DEFAULT_PART_WORKING_DAYS } from "~/domain/assisting";

/**
 * Returns and their decision (docs/domain.md "Returns are decided"): the return opens a decision on the
 * desk's queue with its own clock; the decision gives the case back, to another unit or to a lead unit;
 * a case bounced too often becomes a problem case, of which the leaders hear once.
 */
export const returnHandlers: CaseActionHandlers<"return" | "decideReturn"> = {
  async return(context, change) {
    const { tx, record, actor, now, calendar, policy } = context;
    const reason = requireText("reason", change.reason);
    const fromUnitId = record.assignedToId!;
    const suggested =
      change.suggestedUnitId === null ? null : await activeUnit(context, change.suggestedUnitId, "suggestedUnitId");
    if (suggested?.id === fromUnitId) throw new InputError({ suggestedUnitId: "suggestsItself" });
    const limit = returnDecisionLimit(policy.rules);
    const clock = planMilestone(calendar, now, limit.amount, limit.unit, policy.rules.ladder);
    await tx.caseReturn.create({
      data: {
        caseId: record.id,
        round: record.round,
        fromUnitId,
        returnedById: staffIdOf(actor, "return"),
        returnedAt: now,
        ground: change.ground,
        reason,
        suggestedUnitId: suggested?.id ?? null,
        warningAt: clock.warningAt,
        dueAt: clock.dueAt,
        supervisionAt: clock.supervisionAt,
        nextStep: "warning",
        nextStepAt: clock.warningAt,
      },
    });
    const fromUnit = await tx.township.findUniqueOrThrow({ where: { id: fromUnitId }, select: { name: true } });
    await endHold(context, "returned");
    const returned = await notifyUsers(tx, await usersWithRole(tx, "dispatcher"), {
      eventId: `return-${record.caseNo}-${now.getTime()}`,
      caseRef: record,
      kind: "returned",
      message: t("notify.returned", {
        caseNo: record.caseNo,
        unit: fromUnit.name,
        ground: tKey("returnGround", change.ground),
        due: formatLocalDateTime(clock.dueAt),
      }),
      at: now,
    });
    const returns = await tx.caseReturn.count({ where: { caseId: record.id } });
    const problem = await problemCaseUpdate(context, { returns, unitChanges: record.unitChanges, leadUnitId: null });
    return {
      caseUpdate: { assignedToId: null, ...problem.caseUpdate },
      auditDetails: {
        ground: change.ground,
        returnedBy: fromUnit.name,
        ...(suggested ? { suggested: suggested.name } : {}),
        decideBy: clock.dueAt,
      },
      webhookEventId: [returned, problem.webhookEventId],
    };
  },

  async decideReturn(context, change) {
    const { tx, record, actor, now } = context;
    const reason = requireText("reason", change.reason);
    const open = record.returns.find((row) => row.decidedAt === null)!;
    const field = decisionProblem(change.decision, open.fromUnitId, change.assigneeId);
    if (field) throw new InputError({ [field]: change.decision === "reassign" ? "reassignElsewhere" : "unknownAssignee" });
    const unit = await activeUnit(context, unitOfDecision(change.decision, open.fromUnitId, change.assigneeId)!, "assigneeId");
    const decided = await tx.caseReturn.updateMany({
      where: { id: open.id, decidedAt: null },
      data: {
        decision: change.decision,
        decidedAt: now,
        decidedById: staffIdOf(actor, "decideReturn"),
        decidedUnitId: unit.id,
        decisionReason: reason,
        nextStep: null,
        nextStepAt: null,
      },
    });
    if (decided.count === 0) throw new InputError({ form: "badRequest" });
    const given = await giveToUnit(context, open.fromUnitId, unit.id, change.decision === "lead");
    const assisted =
      change.assistingIds.length > 0
        ? await askToAssist(context, unit.id, change.assistingIds, DEFAULT_PART_WORKING_DAYS, reason)
        : null;
    // Both sides read the decision: the returning unit's staff are told, whoever handles the case now.
    const message = t(`notify.returnDecided.${change.decision}`, { caseNo: record.caseNo, unit: unit.name, reason });
    const told = await notifyUsers(tx, await townshipStaff(tx, open.fromUnitId), {
      eventId: `return-decided-${open.id}`,
      caseRef: null,
      kind: "returnDecided",
      message,
      at: now,
    });
    return {
      caseUpdate: given.caseUpdate,
      auditDetails: {
        decision: change.decision,
        assignedTo: unit.name,
        ...(change.decision === "lead" ? { lead: unit.name } : {}),
        ...(assisted ? { assisting: assisted.auditDetails.assisting, partDueAt: assisted.auditDetails.partDueAt } : {}),
      },
      webhookEventId: [told, given.webhookEventId, ...(assisted?.webhookEventIds ?? [])],
    };
  },
};

async function activeUnit(context: ChangeContext, id: number, field: string) {
  const unit = await context.tx.township.findUnique({ where: { id }, select: { id: true, name: true, active: true } });
  if (!unit?.active) throw new InputError({ [field]: "unknownAssignee" });
  return unit;
}

/**
 * The case given to `unitId` by the desk (an assignment or a return's decision), as the chain counts it:
 * a change of unit is counted, the lead unit set or dropped, and a third change without a lead unit makes
 * a problem case.
 */
export async function giveToUnit(context: ChangeContext, previousUnitId: number | null, unitId: number, setsLead: boolean) {
  const { tx, record } = context;
  const unitChanges = record.unitChanges + (changesUnit(previousUnitId, unitId) ? 1 : 0);
  const leadUnitId = leadUnitAfter(record.leadUnitId, unitId, setsLead);
  const returns = await tx.caseReturn.count({ where: { caseId: record.id } });
  const problem = await problemCaseUpdate(context, { returns, unitChanges, leadUnitId });
  await openHold(context, unitId);
  return {
    caseUpdate: { assignedToId: unitId, unitChanges, leadUnitId, ...problem.caseUpdate },
    webhookEventId: problem.webhookEventId,
  };
}

/** A case that has just become a problem case is marked, and the leaders are told once. */
async function problemCaseUpdate(context: ChangeContext, chain: HandlingChain) {
  const { tx, record, now } = context;
  if (record.problemSince !== null || !isProblemCase(chain)) return { caseUpdate: {}, webhookEventId: null };
  const webhookEventId = await notifyUsers(tx, await usersWithRole(tx, "leader"), {
    eventId: `problem-${record.caseNo}`,
    caseRef: record,
    kind: "problemCase",
    message: t("notify.problemCase", { caseNo: record.caseNo, returns: chain.returns, changes: chain.unitChanges }),
    at: now,
  });
  return { caseUpdate: { problemSince: now }, webhookEventId };
}
