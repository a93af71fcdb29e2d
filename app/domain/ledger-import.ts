import type { WorkCalendar } from "./calendar";
import { type LadderStep, LADDER_STEPS, type MilestonePlan, ladderInstants, planExtension, planMilestone } from "./deadlines";
import { type LedgerRow, mediationOutcomeOf } from "./ledger";
import { type DeadlinePolicy, FIELD_MILESTONES } from "./policies";
import { type CaseState, isHandling } from "./workflow";
import { type DerivedDeadlineFields, deriveDeadlineFields } from "./case-deadlines";

/**
 * What a ledger row becomes (docs/ledger-format.md "Import rules"): the case's state and dates and its
 * milestones, planned under the policy and calendar exactly as for a case logged at that time.
 */
export interface ImportedMilestone {
  round: 1;
  milestone: string;
  startAt: Date;
  amount: number;
  unit: string;
  extendedBy: number;
  fixedDueAt: Date | null;
  warningAt: Date;
  dueAt: Date;
  supervisionAt: Date;
  status: "open" | "met" | "cancelled";
  metAt: Date | null;
  nextStep: LadderStep | null;
  nextStepAt: Date | null;
}

/** The derived deadline fields come from the planned milestones, as for every case (app/domain/case-deadlines.ts). */
export interface ImportedCase extends DerivedDeadlineFields {
  state: CaseState;
  acceptedAt: Date | null;
  rejectedAt: Date | null;
  concludedAt: Date | null;
  closedAt: Date | null;
  assigned: boolean;
  mediationOutcome: string | null;
  milestones: ImportedMilestone[];
}

function stateOf(row: LedgerRow): CaseState {
  if (row.state === "merged") return "merged";
  if (!row.accepted) return "rejected";
  if (row.concludedAt) return row.state === "closed" || (row.state === null && row.satisfaction) ? "closed" : "concluded";
  return row.state && isHandling(row.state) ? row.state : "assigned";
}

/** The first ladder step still ahead; the ones already past are history, not news, for an imported case. */
function nextStepAfter(plan: MilestonePlan, now: Date): { nextStep: LadderStep | null; nextStepAt: Date | null } {
  const instants: Record<LadderStep, Date> = { warning: plan.warningAt, overdue: plan.dueAt, supervision: plan.supervisionAt };
  const step = LADDER_STEPS.find((s) => instants[s].getTime() > now.getTime()) ?? null;
  return { nextStep: step, nextStepAt: step ? instants[step] : null };
}

export function planImportedCase(row: LedgerRow, policy: DeadlinePolicy, calendar: WorkCalendar, now: Date): ImportedCase {
  const state = stateOf(row);
  const decidedAt = row.acceptedAt ?? row.receivedAt;
  const accepted = state !== "registered" && state !== "rejected" && state !== "merged";
  const base = {
    state,
    acceptedAt: accepted ? decidedAt : null,
    rejectedAt: state === "rejected" ? decidedAt : null,
    concludedAt: accepted ? row.concludedAt : null,
    closedAt: state === "closed" ? row.concludedAt : null,
    assigned: ["assigned", "submitted", "concluded", "closed"].includes(state),
    mediationOutcome: row.kind === "mediation" && accepted && row.concludedAt ? mediationOutcomeOf(row.outcome) : null,
  };
  if (state === "merged") {
    return { ...base, ...deriveDeadlineFields(1, []), milestones: [] };
  }
  const ladder = policy.rules.ladder;
  const milestones: ImportedMilestone[] = [];
  for (const rule of policy.rules.milestones) {
    if (FIELD_MILESTONES.includes(rule.milestone)) continue; // urgent field work: not part of a ledger
    const startAt = rule.from === "received" ? row.receivedAt : accepted ? decidedAt : null;
    if (!startAt) continue;
    const isConclusion = rule.milestone === "conclude";
    let plan = planMilestone(calendar, startAt, rule.amount, rule.unit, ladder);
    if (isConclusion && row.dueAt) {
      const steps = ladderInstants(calendar, { ...plan, dueAt: row.dueAt }, ladder);
      plan = { ...plan, dueAt: row.dueAt, warningAt: steps.warning, supervisionAt: steps.supervision };
    }
    if (isConclusion && row.extensionDays > 0) plan = planExtension(calendar, plan, row.extensionDays, ladder);
    const closedBy = isConclusion ? base.concludedAt : rule.milestone === "accept" ? (base.acceptedAt ?? base.rejectedAt) : null;
    const open = closedBy === null && state !== "rejected";
    milestones.push({
      round: 1,
      milestone: rule.milestone,
      startAt,
      amount: rule.amount,
      unit: rule.unit,
      extendedBy: isConclusion ? row.extensionDays : 0,
      fixedDueAt: isConclusion ? row.dueAt : null,
      warningAt: plan.warningAt,
      dueAt: plan.dueAt,
      supervisionAt: plan.supervisionAt,
      status: open ? "open" : closedBy ? "met" : "cancelled",
      metAt: closedBy ?? (open ? null : decidedAt),
      ...(open ? nextStepAfter(plan, now) : { nextStep: null, nextStepAt: null }),
    });
  }
  return { ...base, ...deriveDeadlineFields(1, milestones), milestones };
}
