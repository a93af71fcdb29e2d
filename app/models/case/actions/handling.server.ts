import { t } from "~/i18n";
import { InputError } from "../../errors";
import { notifyUsers, usersWithRole } from "../../outbox/notifications.server";
import { type CaseActionHandlers, meetFieldMilestones, newRound, requireText, stopTheClock } from "./context.server";
import { milestoneRows } from "../../deadlines/planning.server";
import { giveToUnit } from "./returns.server";
import { countOnHold, openHold } from "./holds.server";

type HandlingAction =
  "assign" | "signFor" | "note" | "onSite" | "submit" | "sendBack" | "conclude" | "close" | "reopen" | "rateAnswer";

/** Handling a case: assignment, the handler's work and result, the desk's review, closing and reopening. */
export const handlingHandlers: CaseActionHandlers<HandlingAction> = {
  async assign(context, change) {
    const assignee = await context.tx.township.findUnique({ where: { id: change.assigneeId } });
    if (!assignee?.active) throw new InputError({ assigneeId: "unknownAssignee" });
    const given = await giveToUnit(context, context.record.assignedToId, assignee.id, false);
    return { ...given, auditDetails: { assignedTo: assignee.name } };
  },
  async note(context, change) {
    const note = requireText("text", change.text);
    await meetFieldMilestones(context, "note");
    return { caseUpdate: {}, auditDetails: { note } };
  },
  async onSite(context, change) {
    const note = requireText("text", change.text);
    await meetFieldMilestones(context, "onSite");
    return { caseUpdate: {}, auditDetails: { note } };
  },
  async submit(context, change) {
    const resultText = requireText("text", change.text);
    await countOnHold(context, "submissions");
    await meetFieldMilestones(context, "submit");
    return { caseUpdate: { resultText } };
  },
  async sendBack(context, change) {
    requireText("reason", change.reason);
    await countOnHold(context, "sendBacks");
    return { caseUpdate: {} };
  },
  /** 签收: the sign itself is taken by changeCase for every step of the unit holding the case (signForHold). */
  async signFor() {
    return { caseUpdate: {} };
  },
  async conclude(context, change) {
    const replyText = requireText("text", change.text);
    return { caseUpdate: { replyText, ...(await stopTheClock(context)) } };
  },
  /** The follow-up call's answer, when the desk records one; otherwise a rating the complainant gave stands. */
  async close({ now }, change) {
    if (!change.satisfaction) return { caseUpdate: { closedAt: now } };
    return {
      caseUpdate: { closedAt: now, satisfaction: change.satisfaction, satisfactionSource: "call", satisfactionComment: null },
    };
  },
  /** "不满意" asks the desk to consider reopening (docs/domain.md "Satisfaction"). */
  async rateAnswer({ tx, record, now }, change) {
    const caseUpdate = {
      satisfaction: change.satisfaction,
      satisfactionSource: "complainant",
      satisfactionComment: change.comment,
      ratedRound: record.round,
    };
    if (change.satisfaction !== "不满意") return { caseUpdate };
    const webhookEventId = await notifyUsers(tx, await usersWithRole(tx, "dispatcher"), {
      eventId: `dissatisfied-${record.caseNo}-${record.round}`,
      caseRef: record,
      kind: "dissatisfied",
      message: t("notify.dissatisfied", { caseNo: record.caseNo }),
      at: now,
    });
    return { caseUpdate, webhookEventId };
  },
  async reopen(context, change) {
    const { tx, record, now, calendar, policy } = context;
    requireText("reason", change.reason);
    const round = record.round + 1;
    const conclude = (m: string) => m === "conclude";
    const rows = [
      ...milestoneRows(calendar, policy, "received", now, round, conclude),
      ...milestoneRows(calendar, policy, "accepted", now, round, conclude),
    ];
    for (const row of rows) await tx.caseMilestone.create({ data: { ...row, caseId: record.id } });
    if (record.assignedToId !== null) await openHold(context, record.assignedToId, round);
    return { caseUpdate: newRound(round), auditDetails: { round } };
  },
};
