import { CaseInputError } from "../errors";
import { type CaseActionHandlers, closeOpenMilestones, newRound, requireText, stopTheClock } from "./context.server";
import { milestoneRows } from "./planning.server";

type HandlingAction = "assign" | "return" | "note" | "onSite" | "submit" | "sendBack" | "conclude" | "close" | "reopen";

/** Handling a case: assignment, the handler's work and result, the desk's review, closing and reopening. */
export const handlingHandlers: CaseActionHandlers<HandlingAction> = {
  async assign({ tx }, change) {
    const assignee = await tx.township.findUnique({ where: { id: change.assigneeId } });
    if (!assignee?.active) throw new CaseInputError({ assigneeId: "unknownAssignee" });
    return { caseUpdate: { assignedToId: assignee.id }, auditDetails: { assignedTo: assignee.name } };
  },
  async return(_context, change) {
    requireText("reason", change.reason);
    return { caseUpdate: { assignedToId: null } };
  },
  async note(_context, change) {
    return { caseUpdate: {}, auditDetails: { note: requireText("text", change.text) } };
  },
  async onSite(context, change) {
    const note = requireText("text", change.text);
    await closeOpenMilestones(context, "met", (m) => m === "respond");
    return { caseUpdate: {}, auditDetails: { note } };
  },
  async submit(_context, change) {
    return { caseUpdate: { resultText: requireText("text", change.text) } };
  },
  async sendBack(_context, change) {
    requireText("reason", change.reason);
    return { caseUpdate: {} };
  },
  async conclude(context, change) {
    const replyText = requireText("text", change.text);
    return { caseUpdate: { replyText, ...(await stopTheClock(context)) } };
  },
  async close({ now }, change) {
    return { caseUpdate: { closedAt: now, satisfaction: change.satisfaction ?? null } };
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
    return { caseUpdate: newRound(record, round), auditDetails: { round } };
  },
};
