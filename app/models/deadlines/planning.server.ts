import type { WorkCalendar } from "~/domain/calendar";
import type { IntakeFields } from "~/domain/case-commands";
import { type MilestonePlan, capPlan, planMilestone } from "~/domain/deadlines";
import { type DeadlinePolicy, type MilestoneStart, selectPolicy } from "~/domain/policies";
import { logger } from "~/logger.server";
import { InputError } from "../errors";

/** Milestones and their deadlines, as the case service stores them (docs/domain.md, "Deadlines"). */

export function policyFor(policies: DeadlinePolicy[], fields: IntakeFields): DeadlinePolicy {
  const policy = selectPolicy(policies, fields);
  // A receipt time before every policy version (a typo such as 1900) is the user's to correct.
  if (!policy) throw new InputError({ receivedAt: "noPolicy" });
  return policy;
}

/**
 * The milestones of `policy` that count from `start`, planned from `startAt` for handling round `round`;
 * the conclusion no later than `concludeBy` (a transferring platform's deadline) where one is given.
 */
export function milestoneRows(
  calendar: WorkCalendar,
  policy: DeadlinePolicy,
  start: MilestoneStart,
  startAt: Date,
  round: number,
  only?: (milestone: string) => boolean,
  concludeBy: Date | null = null,
) {
  return policy.rules.milestones
    .filter((rule) => rule.from === start && (!only || only(rule.milestone)))
    .map((rule) => {
      const planned = planMilestone(calendar, startAt, rule.amount, rule.unit, policy.rules.ladder);
      const plan = rule.milestone === "conclude" ? capPlan(calendar, planned, concludeBy, policy.rules.ladder) : planned;
      warnAboutMissingCalendar(plan);
      return { round, milestone: rule.milestone, ...storedPlan(plan) };
    });
}

export function storedPlan(plan: MilestonePlan) {
  return {
    startAt: plan.startAt,
    amount: plan.amount,
    unit: plan.unit,
    dueAt: plan.dueAt,
    warningAt: plan.warningAt,
    supervisionAt: plan.supervisionAt,
    nextStep: "warning",
    nextStepAt: plan.warningAt,
  };
}

export function warnAboutMissingCalendar(plan: MilestonePlan) {
  if (plan.missingCalendarYears.length > 0) {
    logger.warn({ years: plan.missingCalendarYears }, "holiday calendar missing; counted weekends only");
  }
}
