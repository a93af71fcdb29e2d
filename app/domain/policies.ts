import type { CaseKind, Urgency } from "./case-kinds";
import { type DeadlineUnit, type EscalationLadder, DEADLINE_UNITS, DEFAULT_LADDER } from "./deadlines";
import { DEFAULT_RETURN_DECISION_LIMIT } from "./returns";
import { DEFAULT_SIGN_FOR_LIMIT } from "./unit-figures";

/** The milestones a case can have. */
export const MILESTONES = ["accept", "respond", "firstReport", "conclude"] as const;
export type Milestone = (typeof MILESTONES)[number];

/**
 * The field milestones of urgent work orders, usually in hours around the clock: reaching the site (met by
 * the on-site visit) and the first written report (met by the handling unit's first note or result).
 * A ledger records neither.
 */
export const FIELD_MILESTONES: readonly Milestone[] = ["respond", "firstReport"];

/**
 * The field milestones a step meets: the on-site visit (by the unit or the bureau's own staff) meets the
 * response; the handling unit's note or result is its first report (a note of the desk's is not).
 */
export function fieldMilestonesMetBy(action: string, role: string): Milestone[] {
  if (action === "onSite") return ["respond"];
  if ((action === "note" || action === "submit") && role === "township") return ["firstReport"];
  return [];
}

/** The event a milestone's clock starts from. */
export type MilestoneStart = "received" | "accepted";

export interface MilestoneRule {
  milestone: Milestone;
  from: MilestoneStart;
  amount: number;
  unit: DeadlineUnit;
}

export interface PolicyRules {
  milestones: MilestoneRule[];
  ladder: EscalationLadder;
  /** The desk's time to decide a unit's return (app/domain/returns.ts); one working day when absent. */
  returnDecision?: { amount: number; unit: DeadlineUnit };
  /** A unit's time to sign for a case given to it (签收, app/domain/unit-figures.ts); one working day when absent. */
  signFor?: { amount: number; unit: DeadlineUnit };
}

/** A unit's time to sign for a case under a policy. */
export function signForLimit(rules: PolicyRules): { amount: number; unit: DeadlineUnit } {
  return rules.signFor ?? DEFAULT_SIGN_FOR_LIMIT;
}

/** The desk's time to decide a return under a policy. */
export function returnDecisionLimit(rules: PolicyRules): { amount: number; unit: DeadlineUnit } {
  return rules.returnDecision ?? DEFAULT_RETURN_DECISION_LIMIT;
}

/** A policy as stored: what it applies to, from when, and its rules. */
export interface DeadlinePolicy {
  id: number;
  name: string;
  kind: CaseKind;
  channel: string | null;
  category: string | null;
  urgency: Urgency | null;
  effectiveFrom: Date;
  rules: PolicyRules;
}

export interface PolicyCriteria {
  kind: CaseKind;
  channel: string;
  category: string;
  urgency: Urgency;
  receivedAt: Date;
}

function specificity(policy: DeadlinePolicy): number {
  return [policy.channel, policy.category, policy.urgency].filter((value) => value !== null).length;
}

function matches(policy: DeadlinePolicy, criteria: PolicyCriteria): boolean {
  return (
    policy.kind === criteria.kind &&
    (policy.channel === null || policy.channel === criteria.channel) &&
    (policy.category === null || policy.category === criteria.category) &&
    (policy.urgency === null || policy.urgency === criteria.urgency) &&
    policy.effectiveFrom.getTime() <= criteria.receivedAt.getTime()
  );
}

/**
 * The policy a case falls under: among those in effect when it was received, the most specific;
 * among equally specific ones, the latest to take effect. A policy change therefore applies only to
 * cases received after it takes effect.
 */
export function selectPolicy(policies: readonly DeadlinePolicy[], criteria: PolicyCriteria): DeadlinePolicy | null {
  let best: DeadlinePolicy | null = null;
  for (const policy of policies) {
    if (!matches(policy, criteria)) continue;
    if (
      best === null ||
      specificity(policy) > specificity(best) ||
      (specificity(policy) === specificity(best) && policy.effectiveFrom > best.effectiveFrom)
    ) {
      best = policy;
    }
  }
  return best;
}

/** The defaults of docs/domain.md "Deadlines" (policy, except the statutory petition clocks). */
export const DEFAULT_POLICIES: Omit<DeadlinePolicy, "id" | "effectiveFrom">[] = [
  {
    name: "投诉举报（一般）",
    kind: "complaint",
    channel: null,
    category: null,
    urgency: null,
    rules: {
      milestones: [
        { milestone: "accept", from: "received", amount: 1, unit: "working_days" },
        { milestone: "conclude", from: "received", amount: 15, unit: "working_days" },
      ],
      ladder: DEFAULT_LADDER,
    },
  },
  {
    name: "投诉举报（紧急：污染正在发生）",
    kind: "complaint",
    channel: null,
    category: null,
    urgency: "urgent",
    rules: {
      milestones: [
        { milestone: "accept", from: "received", amount: 1, unit: "working_days" },
        { milestone: "respond", from: "received", amount: 2, unit: "hours" },
        { milestone: "firstReport", from: "received", amount: 24, unit: "hours" },
        { milestone: "conclude", from: "received", amount: 15, unit: "working_days" },
      ],
      ladder: DEFAULT_LADDER,
    },
  },
  {
    name: "信访事项（信访工作条例）",
    kind: "petition",
    channel: null,
    category: null,
    urgency: null,
    rules: {
      milestones: [
        { milestone: "accept", from: "received", amount: 15, unit: "calendar_days" },
        { milestone: "conclude", from: "accepted", amount: 60, unit: "calendar_days" },
      ],
      ladder: DEFAULT_LADDER,
    },
  },
  {
    name: "环境污染纠纷调解",
    kind: "mediation",
    channel: null,
    category: null,
    urgency: null,
    rules: {
      milestones: [{ milestone: "conclude", from: "accepted", amount: 30, unit: "calendar_days" }],
      ladder: DEFAULT_LADDER,
    },
  },
];

/** Checks rules read from storage or an admin form; returns the problems found. */
export function validatePolicyRules(rules: PolicyRules): string[] {
  const problems: string[] = [];
  const seen = new Set<Milestone>();
  for (const rule of rules.milestones) {
    if (!MILESTONES.includes(rule.milestone)) problems.push(`unknown milestone ${rule.milestone}`);
    if (seen.has(rule.milestone)) problems.push(`milestone ${rule.milestone} appears twice`);
    seen.add(rule.milestone);
    if (!DEADLINE_UNITS.includes(rule.unit)) problems.push(`unknown unit ${rule.unit}`);
    if (!Number.isInteger(rule.amount) || rule.amount < 1) problems.push(`${rule.milestone}: amount must be a whole number ≥ 1`);
  }
  if (!seen.has("conclude")) problems.push("a policy needs a conclude milestone");
  for (const [name, limit] of Object.entries({ returnDecision: rules.returnDecision, signFor: rules.signFor })) {
    if (!limit) continue;
    if (!DEADLINE_UNITS.includes(limit.unit)) problems.push(`unknown unit ${limit.unit}`);
    if (!Number.isInteger(limit.amount) || limit.amount < 1) problems.push(`${name}: amount must be a whole number ≥ 1`);
  }
  const { warningLeadWorkingDays, warningLeadHours, supervisionAfterWorkingDays } = rules.ladder;
  for (const value of [warningLeadWorkingDays, warningLeadHours, supervisionAfterWorkingDays]) {
    if (!Number.isInteger(value) || value < 0) problems.push("ladder values must be whole numbers ≥ 0");
  }
  return problems;
}
