import { addHours, subHours } from "date-fns";
import {
  type WorkCalendar,
  addWorkingDays,
  missingScheduleYears,
  onOrNextWorkingDay,
  subtractWorkingDays,
  workingDaysInRange,
} from "./calendar";
import { addLocalDays, endOfLocalDay, localDateOf, localDaysBetween } from "./local-time";

/**
 * Deadline arithmetic of docs/domain.md "Counting days" (民法典 arts. 201–203): the start day is not
 * counted; N calendar days end at 24:00 of the Nth day, moved to the end of the next working day
 * when that day is not one; N working days end at the end of the Nth working day; N hours are exact.
 */
export type DeadlineUnit = "calendar_days" | "working_days" | "hours";

export const DEADLINE_UNITS: readonly DeadlineUnit[] = ["calendar_days", "working_days", "hours"];

export interface DueComputation {
  dueAt: Date;
  /** Years the computation crossed whose holiday schedule is missing (weekends-only fallback). */
  missingCalendarYears: number[];
}

function countFromDay(calendar: WorkCalendar, startDay: string, amount: number, unit: "calendar_days" | "working_days") {
  const dueDay =
    unit === "working_days"
      ? addWorkingDays(calendar, startDay, amount)
      : onOrNextWorkingDay(calendar, addLocalDays(startDay, amount));
  return {
    dueAt: endOfLocalDay(dueDay),
    missingCalendarYears: missingScheduleYears(calendar, startDay, dueDay),
  };
}

function assertAmount(amount: number) {
  if (!Number.isInteger(amount) || amount < 0) {
    throw new RangeError(`A deadline amount must be a whole number ≥ 0, not ${amount}`);
  }
}

/** The due instant of a milestone that starts at `startAt`. */
export function computeDueAt(calendar: WorkCalendar, startAt: Date, amount: number, unit: DeadlineUnit): DueComputation {
  assertAmount(amount);
  if (unit === "hours") {
    return { dueAt: addHours(startAt, amount), missingCalendarYears: [] };
  }
  return countFromDay(calendar, localDateOf(startAt), amount, unit);
}

/** An approved extension of `amount` units counts on from the current due instant, in the same unit. */
export function extendDueAt(calendar: WorkCalendar, currentDueAt: Date, amount: number, unit: DeadlineUnit): DueComputation {
  assertAmount(amount);
  if (unit === "hours") {
    return { dueAt: addHours(currentDueAt, amount), missingCalendarYears: [] };
  }
  return countFromDay(calendar, localDateOf(currentDueAt), amount, unit);
}

/** The escalation ladder of a policy (docs/domain.md "Escalation ladder"). */
export interface EscalationLadder {
  /** Warning lead before a day-based deadline, in working days. */
  warningLeadWorkingDays: number;
  /** Warning lead before an hour deadline, in hours. */
  warningLeadHours: number;
  /** Supervision after the due instant, in working days, if the milestone is still open. */
  supervisionAfterWorkingDays: number;
}

export const DEFAULT_LADDER: EscalationLadder = {
  warningLeadWorkingDays: 2,
  warningLeadHours: 1,
  supervisionAfterWorkingDays: 3,
};

export type LadderStep = "warning" | "overdue" | "supervision";
export const LADDER_STEPS: readonly LadderStep[] = ["warning", "overdue", "supervision"];

export interface MilestoneTiming {
  startAt: Date;
  dueAt: Date;
  amount: number;
  unit: DeadlineUnit;
}

function halfWay(startAt: Date, dueAt: Date): Date {
  return new Date(startAt.getTime() + Math.floor((dueAt.getTime() - startAt.getTime()) / 2));
}

/**
 * When each step of the ladder falls due. The warning comes the lead before the deadline, or half-way
 * through a day-based milestone of two days or less (or when the lead would reach back before the start).
 */
export function ladderInstants(
  calendar: WorkCalendar,
  timing: MilestoneTiming,
  ladder: EscalationLadder,
): Record<LadderStep, Date> {
  const { startAt, dueAt, amount, unit } = timing;
  let warningAt: Date;
  if (unit === "hours") {
    warningAt = subHours(dueAt, ladder.warningLeadHours);
    if (warningAt <= startAt) warningAt = halfWay(startAt, dueAt);
  } else if (amount <= 2) {
    warningAt = halfWay(startAt, dueAt);
  } else {
    const leadDay = subtractWorkingDays(calendar, localDateOf(dueAt), ladder.warningLeadWorkingDays);
    warningAt = endOfLocalDay(leadDay);
    if (warningAt <= startAt) warningAt = halfWay(startAt, dueAt);
  }
  const supervisionDay = addWorkingDays(calendar, localDateOf(dueAt), ladder.supervisionAfterWorkingDays);
  return { warning: warningAt, overdue: dueAt, supervision: endOfLocalDay(supervisionDay) };
}

/** On time means concluded at or before the due instant. */
export function isOverdueAt(dueAt: Date, at: Date): boolean {
  return at.getTime() > dueAt.getTime();
}

export type DueMarker = "green" | "yellow" | "red";

export function dueMarker(now: Date, warningAt: Date, dueAt: Date): DueMarker {
  if (isOverdueAt(dueAt, now)) return "red";
  return now.getTime() >= warningAt.getTime() ? "yellow" : "green";
}

export type TimeLeft =
  | { kind: "working_days"; overdue: boolean; days: number }
  | { kind: "calendar_days"; overdue: boolean; days: number }
  | { kind: "hours"; overdue: boolean; hours: number; minutes: number };

/**
 * Time left until (or past) a due instant in the milestone's own terms: whole working days after
 * today for a working-day milestone (0 on the due day itself), calendar days otherwise, hours and
 * minutes for an hour milestone.
 */
export function timeLeft(calendar: WorkCalendar, now: Date, dueAt: Date, unit: DeadlineUnit): TimeLeft {
  const overdue = isOverdueAt(dueAt, now);
  if (unit === "hours") {
    const totalMinutes = Math.floor(Math.abs(dueAt.getTime() - now.getTime()) / 60000);
    return { kind: "hours", overdue, hours: Math.floor(totalMinutes / 60), minutes: totalMinutes % 60 };
  }
  const today = localDateOf(now);
  const dueDay = localDateOf(dueAt);
  if (unit === "working_days") {
    const days = overdue
      ? workingDaysInRange(calendar, addLocalDays(dueDay, 1), today)
      : workingDaysInRange(calendar, addLocalDays(today, 1), dueDay);
    return { kind: "working_days", overdue, days };
  }
  return { kind: "calendar_days", overdue, days: Math.abs(localDaysBetween(today, dueDay)) };
}

/** A milestone's due instant and ladder, as stored on the case. */
export interface MilestonePlan extends MilestoneTiming {
  warningAt: Date;
  supervisionAt: Date;
  missingCalendarYears: number[];
}

export function planMilestone(
  calendar: WorkCalendar,
  startAt: Date,
  amount: number,
  unit: DeadlineUnit,
  ladder: EscalationLadder,
): MilestonePlan {
  const { dueAt, missingCalendarYears } = computeDueAt(calendar, startAt, amount, unit);
  const steps = ladderInstants(calendar, { startAt, dueAt, amount, unit }, ladder);
  return { startAt, dueAt, amount, unit, warningAt: steps.warning, supervisionAt: steps.supervision, missingCalendarYears };
}

/**
 * A transferred work order's conclusion is due by the earlier of the policy's deadline and the
 * platform's own (docs/integrations.md "Transfers in"); the ladder is placed again before the earlier one.
 */
export function capPlan(calendar: WorkCalendar, plan: MilestonePlan, cap: Date | null, ladder: EscalationLadder): MilestonePlan {
  if (!cap || cap.getTime() >= plan.dueAt.getTime()) return plan;
  const dueAt = new Date(Math.max(cap.getTime(), plan.startAt.getTime()));
  const steps = ladderInstants(calendar, { ...plan, dueAt }, ladder);
  return { ...plan, dueAt, warningAt: steps.warning, supervisionAt: steps.supervision };
}

/** The milestone after an approved extension of `extraAmount` units. */
export function planExtension(
  calendar: WorkCalendar,
  current: MilestoneTiming,
  extraAmount: number,
  ladder: EscalationLadder,
): MilestonePlan {
  const { dueAt, missingCalendarYears } = extendDueAt(calendar, current.dueAt, extraAmount, current.unit);
  const timing = { ...current, dueAt };
  const steps = ladderInstants(calendar, timing, ladder);
  return { ...timing, warningAt: steps.warning, supervisionAt: steps.supervision, missingCalendarYears };
}

/**
 * A warning is for a deadline still ahead. One that fires only when the milestone is already due (the
 * worker was down, or old data was loaded) is passed over: recorded, without a notice of its own.
 */
export function warningIsPassed(step: LadderStep, dueAt: Date, firedAt: Date): boolean {
  return step === "warning" && firedAt.getTime() >= dueAt.getTime();
}
