import { type DueMarker, type LadderStep, dueMarker, isOverdueAt } from "./deadlines";
import { type CaseState, isHandling } from "./workflow";

/**
 * The deadline fields a case keeps beside its milestones (docs/domain.md "Derived deadline fields"):
 * caches for indexed lists and statistics, each derived here and nowhere else, by every writer.
 */
export interface MilestoneFacts {
  round: number;
  milestone: string;
  /** open | met | cancelled */
  status: string;
  warningAt: Date;
  dueAt: Date;
  metAt: Date | null;
  /** The ladder step to fire next; null once every step fired. */
  nextStep: string | null;
  /** Paused by rule (app/domain/clock-pauses.ts): its due instant moves when it resumes. */
  pausedAt?: Date | null;
}

export interface DerivedDeadlineFields {
  /** The earliest due instant of the open milestones: inboxes sort by it. */
  nextDueAt: Date | null;
  /** The earliest warning instant of the open milestones: a case is due soon from then. */
  nextWarningAt: Date | null;
  /** The current round's conclusion due (after extensions), whatever its status: conclusions are judged by it. */
  dueAt: Date | null;
  /** The current round missed a deadline (see missedDeadline). */
  overdue: boolean;
}

export const DERIVED_DEADLINE_FIELDS = [
  "nextDueAt",
  "nextWarningAt",
  "dueAt",
  "overdue",
] as const satisfies readonly (keyof DerivedDeadlineFields)[];

/** The ladder has passed a milestone's overdue step: the worker recorded it overdue (or an import placed it past). */
const overdueStepPassed = (nextStep: string | null) => nextStep !== ("warning" satisfies LadderStep) && nextStep !== "overdue";

/**
 * A milestone missed its deadline: an open one once its overdue step is behind it (the worker's record,
 * so that the flag changes when the notice goes out), a closed one when it was closed after its due instant.
 */
function missedDeadline(milestone: MilestoneFacts): boolean {
  if (milestone.status === "open") return overdueStepPassed(milestone.nextStep);
  return milestone.metAt !== null && isOverdueAt(milestone.dueAt, milestone.metAt);
}

const earliest = (instants: Date[]) => (instants.length === 0 ? null : new Date(Math.min(...instants.map((d) => d.getTime()))));

/**
 * The case's derived deadline fields from its milestones. A concluded round is judged by its conclusion
 * alone (a late acceptance does not make an answer given in time late); until then the round is overdue
 * when any of its milestones missed its deadline.
 */
export function deriveDeadlineFields(round: number, milestones: readonly MilestoneFacts[]): DerivedDeadlineFields {
  // A paused clock has no due instant to sort or warn by until it resumes.
  const open = milestones.filter((m) => m.status === "open" && (m.pausedAt ?? null) === null);
  const current = milestones.filter((m) => m.round === round);
  const conclusion = current.find((m) => m.milestone === "conclude");
  const overdue =
    conclusion?.status === "met" && conclusion.metAt !== null
      ? isOverdueAt(conclusion.dueAt, conclusion.metAt)
      : current.some(missedDeadline);
  return {
    nextDueAt: earliest(open.map((m) => m.dueAt)),
    nextWarningAt: earliest(open.map((m) => m.warningAt)),
    dueAt: conclusion?.dueAt ?? null,
    overdue,
  };
}

/** Fields of a derivation that differ from what is stored (empty when they agree). */
export function disagreeingFields(
  stored: DerivedDeadlineFields,
  derived: DerivedDeadlineFields,
): (keyof DerivedDeadlineFields)[] {
  const same = (a: Date | boolean | null, b: Date | boolean | null) =>
    a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
  return DERIVED_DEADLINE_FIELDS.filter((field) => !same(stored[field], derived[field]));
}

export interface CaseDeadlineView {
  state: string;
  overdue: boolean;
  nextDueAt: Date | null;
  nextWarningAt: Date | null;
}

/**
 * How a case stands against its deadlines now, the one rule behind every list, page, dashboard, board
 * and API answer: red when overdue (flagged, or an open milestone's due instant has passed and the
 * worker has not yet said so), yellow from the policy's warning instant (the ladder's 黄灯), green
 * before it; nothing for a case no longer being handled.
 */
export function dueStatusOf(record: CaseDeadlineView, now: Date): DueMarker | null {
  if (!isHandling(record.state as CaseState)) return null;
  if (record.overdue) return "red";
  if (record.nextDueAt === null) return null;
  return dueMarker(now, record.nextWarningAt ?? record.nextDueAt, record.nextDueAt);
}
