import { planMilestone } from "~/domain/deadlines";
import { REVIEW_ANSWER_DAYS, reviewProblem } from "~/domain/kind-rules";
import { isLocalDate, localDateOf, startOfLocalDay } from "~/domain/local-time";
import { InputError } from "../../errors";
import { type CaseActionHandlers, newRound, requireText } from "./context.server";
import { storedPlan, warnAboutMissingCalendar } from "../../deadlines/planning.server";
import { openHold } from "./holds.server";

/** The petitioner's review (复查) or re-check (复核) request: a new round with its own 30-day clock. */
export const petitionReviewHandlers: CaseActionHandlers<"requestReview"> = {
  async requestReview(context, change) {
    const { tx, record, now, calendar, policy } = context;
    const request = requireText("text", change.text);
    const { requestedOn } = change;
    if (!isLocalDate(requestedOn) || requestedOn > localDateOf(now)) throw new InputError({ requestedOn: "letterDate" });
    const problem = reviewProblem(calendar, record.round, record.concludedAt, requestedOn);
    if (problem) throw new InputError({ requestedOn: problem });
    const round = record.round + 1;
    const plan = planMilestone(calendar, startOfLocalDay(requestedOn), REVIEW_ANSWER_DAYS, "calendar_days", policy.rules.ladder);
    warnAboutMissingCalendar(plan);
    await tx.caseMilestone.create({ data: { ...storedPlan(plan), round, milestone: "conclude", caseId: record.id } });
    if (record.assignedToId !== null) await openHold(context, record.assignedToId, round);
    return { caseUpdate: newRound(round), auditDetails: { round, request, requestedOn, dueAt: plan.dueAt } };
  },
};
