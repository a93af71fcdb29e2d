import type { CaseKind } from "~/domain/case-kinds";
import { type DeadlineUnit, planExtension } from "~/domain/deadlines";
import { EXTENSION_RULES, extensionProblem } from "~/domain/kind-rules";
import { rearmMovedSteps } from "../../deadlines/ladder.server";
import { ActionNotAllowedError, InputError } from "../../errors";
import { type CaseActionHandlers, currentMilestone, requireText, staffIdOf } from "./context.server";
import { warnAboutMissingCalendar } from "../../deadlines/planning.server";

/** Extensions: the handler asks, the desk approves (moving the deadline and its steps) or refuses. */
export const extensionHandlers: CaseActionHandlers<"requestExtension" | "approveExtension" | "refuseExtension"> = {
  async requestExtension(context, change) {
    const { tx, record, actor, now } = context;
    const reason = requireText("reason", change.reason);
    const milestone = currentMilestone(context, "conclude");
    if (!milestone) throw new ActionNotAllowedError(change.action);
    const approved = await tx.extension.count({ where: { caseId: record.id, round: record.round, status: "approved" } });
    const problem = extensionProblem(record.kind as CaseKind, change.amount, approved);
    if (problem) throw new InputError({ amount: problem });
    await tx.extension.create({
      data: {
        caseId: record.id,
        round: record.round,
        milestone: milestone.milestone,
        amount: change.amount,
        reason,
        requestedById: staffIdOf(actor, "requestExtension"),
        requestedAt: now,
      },
    });
    return { caseUpdate: {}, auditDetails: { extensionAmount: change.amount, unit: milestone.unit } };
  },
  async approveExtension(context, change) {
    const { tx, record, now, actor, calendar, policy } = context;
    const [pending] = record.extensions;
    const milestone = record.milestones.find((m) => m.milestone === pending.milestone && m.round === pending.round);
    if (!milestone) throw new ActionNotAllowedError(change.action);
    const plan = planExtension(
      calendar,
      { startAt: milestone.startAt, dueAt: milestone.dueAt, amount: milestone.amount, unit: milestone.unit as DeadlineUnit },
      pending.amount,
      policy.rules.ladder,
    );
    warnAboutMissingCalendar(plan);
    await tx.caseMilestone.update({
      where: { id: milestone.id },
      data: {
        dueAt: plan.dueAt,
        warningAt: plan.warningAt,
        supervisionAt: plan.supervisionAt,
        extendedBy: { increment: pending.amount },
      },
    });
    const noticeRule = EXTENSION_RULES[record.kind as CaseKind].partyNotice;
    const partyNotice = noticeRule ? requireText("partyNotice", change.partyNotice) : null;
    await tx.extension.update({
      where: { id: pending.id },
      data: { status: "approved", decidedById: actor.id, decidedAt: now, decisionNote: change.note?.trim() || null, partyNotice },
    });
    await rearmMovedSteps(tx, milestone, { warning: plan.warningAt, overdue: plan.dueAt, supervision: plan.supervisionAt }, now);
    return {
      caseUpdate: {},
      auditDetails: {
        milestone: milestone.milestone,
        extensionAmount: pending.amount,
        unit: milestone.unit,
        dueBefore: milestone.dueAt,
        dueAfter: plan.dueAt,
      },
    };
  },
  async refuseExtension({ tx, record, actor, now }, change) {
    const [pending] = record.extensions;
    await tx.extension.update({
      where: { id: pending.id },
      data: { status: "refused", decidedById: actor.id, decidedAt: now, decisionNote: requireText("reason", change.reason) },
    });
    return { caseUpdate: {}, auditDetails: { extensionAmount: pending.amount } };
  },
};
