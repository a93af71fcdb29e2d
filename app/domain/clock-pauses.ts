import { type WorkCalendar, workingDaysInRange } from "./calendar";
import type { CaseKind } from "./case-kinds";
import { type DueComputation, type DeadlineUnit, computeDueAt, extendDueAt } from "./deadlines";
import { addLocalDays, localDateOf, localDaysBetween } from "./local-time";

/**
 * Clocks that pause by rule (中止计时, docs/domain.md "Clocks that pause"): the desk pauses a case's
 * conclusion clock on a ground its kind allows, with the reason and legal basis, and resumes it; the days
 * the pause took are added to the deadline like an extension, and its time is never handling time.
 */
export const PAUSE_GROUNDS = {
  /** A complaint's sampling and laboratory testing, or an appraisal, by a body outside the bureau. */
  complaint: ["appraisal"],
  /** A petition's appraisal (鉴定) or hearing (听证). */
  petition: ["appraisal", "hearing"],
  /** A mediation the parties agreed to pause (双方同意暂停). */
  mediation: ["partiesAgreed"],
} as const satisfies Record<CaseKind, readonly string[]>;

export type PauseGround = (typeof PAUSE_GROUNDS)[CaseKind][number];
export const ALL_PAUSE_GROUNDS: readonly PauseGround[] = [...new Set(Object.values(PAUSE_GROUNDS).flat())];

/** The milestone that pauses: the conclusion. Acceptance and urgent field work never wait for an appraisal. */
export const PAUSABLE_MILESTONE = "conclude";

export function mayPauseOn(kind: CaseKind, ground: string): boolean {
  return (PAUSE_GROUNDS[kind] as readonly string[]).includes(ground);
}

/**
 * The days a pause from `pausedAt` to `resumedAt` adds, in the milestone's unit. As at a start, the day of
 * the resumption is the first one not counted (民法典 art. 201): the days after the pause's day up to and
 * including the resumption's day — working days for a working-day clock (holidays and weekends added
 * nothing, a make-up working day does), calendar days otherwise. A pause within one day adds nothing.
 */
export function pausedAmount(calendar: WorkCalendar, unit: DeadlineUnit, pausedAt: Date, resumedAt: Date): number {
  const [from, to] = [localDateOf(pausedAt), localDateOf(resumedAt)];
  if (to <= from) return 0;
  if (unit === "working_days") return workingDaysInRange(calendar, addLocalDays(from, 1), to);
  if (unit === "calendar_days") return localDaysBetween(from, to);
  throw new RangeError("An hour clock does not pause");
}

/** A milestone's due instant from its start, amount, approved extensions and the days its pauses added. */
export function dueWithPauses(
  calendar: WorkCalendar,
  milestone: { startAt: Date; amount: number; unit: DeadlineUnit; extendedBy: number; pausedBy: number },
  fixedDueAt: Date | null = null,
): DueComputation {
  const base = fixedDueAt ?? computeDueAt(calendar, milestone.startAt, milestone.amount, milestone.unit).dueAt;
  const added = milestone.extendedBy + milestone.pausedBy;
  return added > 0 ? extendDueAt(calendar, base, added, milestone.unit) : { dueAt: base, missingCalendarYears: [] };
}

/** Minutes between two instants, for the case's paused time (whole minutes, rounded down). */
export const minutesBetween = (from: Date, to: Date) => Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));
