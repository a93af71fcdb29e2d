import type { CaseKind } from "./case-kinds";
import { type LocalDate, addLocalDays, isSupportedLocalDate, localDateOf, startOfLocalDay } from "./local-time";

/**
 * The statistics definitions of docs/domain.md "Statistics (统计口径)", the parts that need no database:
 * the period's boundaries, the rate and the annual report's sentence. The counting itself is
 * app/models/statistics.server.ts.
 */
export interface StatisticsPeriod {
  /** First instant of the period (00:00 Asia/Shanghai of the first day). */
  start: Date;
  /** First instant after the period. */
  end: Date;
}

/** A calendar year in Asia/Shanghai. */
export function yearPeriod(year: number): StatisticsPeriod {
  return { start: startOfLocalDay(`${year}-01-01`), end: startOfLocalDay(`${year + 1}-01-01`) };
}

/**
 * The longest range a report covers: ten years of a million cases take seconds of the database's time,
 * which one request must not hold (a range of centuries would hold it far longer).
 */
export const MAX_REPORT_YEARS = 10;

/** A report's range as typed: supported dates, in order, at most MAX_REPORT_YEARS long; else null. */
export function reportRange(from: string, to: string): { from: LocalDate; to: LocalDate } | null {
  if (!isSupportedLocalDate(from) || !isSupportedLocalDate(to) || from > to) return null;
  const lastAllowed = `${Number(from.slice(0, 4)) + MAX_REPORT_YEARS}${from.slice(4)}`;
  return to < lastAllowed ? { from, to } : null;
}

/** The days from `from` to `to`, both included. */
export function rangePeriod(from: LocalDate, to: LocalDate): StatisticsPeriod {
  return { start: startOfLocalDay(from), end: startOfLocalDay(addLocalDays(to, 1)) };
}

/** A month of a period: its label (`2020-03`) and its first instant, clipped to the period. */
export interface PeriodMonth {
  month: string;
  start: Date;
}

/** The calendar months (Shanghai time) that a period touches, in order. */
export function monthsOf(period: StatisticsPeriod): PeriodMonth[] {
  const months: PeriodMonth[] = [];
  const last = localDateOf(new Date(period.end.getTime() - 1));
  let [year, month] = localDateOf(period.start).split("-").map(Number);
  const [lastYear, lastMonth] = last.split("-").map(Number);
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    const label = `${year}-${String(month).padStart(2, "0")}`;
    const first = startOfLocalDay(`${label}-01`);
    months.push({ month: label, start: first < period.start ? period.start : first });
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}

/** The Shanghai month (`2020-03`) an instant falls in, and that month's first instant. */
export function monthContaining(instant: Date): PeriodMonth {
  const month = localDateOf(instant).slice(0, 7);
  return { month, start: startOfLocalDay(`${month}-01`) };
}

/** The first instant of the month after a month label's (`2020-03` → 2020-04-01 00:00 Shanghai). */
function monthAfter(month: string): Date {
  const [year, number] = month.split("-").map(Number);
  return startOfLocalDay(number === 12 ? `${year + 1}-01-01` : `${year}-${String(number + 1).padStart(2, "0")}-01`);
}

/**
 * A period as the calendar months it covers whole, which the month buckets answer, and the parts of
 * months at its edges, which are counted from the cases (docs/decisions/0024).
 */
export function wholeMonthsOf(period: StatisticsPeriod): { months: string[]; edges: StatisticsPeriod[] } {
  const months: string[] = [];
  const edges: StatisticsPeriod[] = [];
  for (const month of monthsOf(period)) {
    const natural = { start: startOfLocalDay(`${month.month}-01`), end: monthAfter(month.month) };
    const end = natural.end < period.end ? natural.end : period.end;
    if (month.start.getTime() === natural.start.getTime() && end.getTime() === natural.end.getTime()) months.push(month.month);
    else edges.push({ start: month.start, end });
  }
  return { months, edges };
}

/** A ratio as a percentage with one decimal; null when there is nothing to divide by. */
export function percentage(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}

/** On time ÷ concluded as a percentage with one decimal; null when nothing was concluded. */
export function onTimeRate(onTime: number, concluded: number): number | null {
  return percentage(onTime, concluded);
}

const MS_PER_DAY = 86_400_000;

/** A handling time in days with one decimal; null when nothing was concluded. */
export function handlingDays(milliseconds: number | null): number | null {
  if (milliseconds === null || Number.isNaN(milliseconds)) return null;
  return Math.round((milliseconds / MS_PER_DAY) * 10) / 10;
}

/** The median of sorted values: the middle one, or the mean of the two middle ones. */
export function medianOfSorted(values: number[]): number | null {
  if (values.length === 0) return null;
  const middle = Math.floor(values.length / 2);
  return values.length % 2 === 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

/** Ratings (the follow-up call's or the complainant's own) that count as satisfied. */
export const SATISFIED_LEVELS = ["满意", "基本满意"] as const;

/** (满意 + 基本满意) ÷ followed-up cases, one decimal; null when no case was followed up. */
export function satisfactionRate(satisfied: number, followedUp: number): number | null {
  return percentage(satisfied, followedUp);
}

/** Outcomes of a mediation (docs/domain.md "Mediation lifecycle"). */
export const MEDIATION_OUTCOMES = ["agreement", "failure", "withdrawn"] as const;
export type MediationOutcome = (typeof MEDIATION_OUTCOMES)[number];

export interface MediationFigures {
  applied: number;
  accepted: number;
  succeeded: number;
  failed: number;
  withdrawn: number;
  /** succeeded ÷ (succeeded + failed), one decimal. */
  successRate: number | null;
}

export function mediationFigures(counts: Omit<MediationFigures, "successRate">): MediationFigures {
  return { ...counts, successRate: percentage(counts.succeeded, counts.succeeded + counts.failed) };
}

export interface HeadlineFigures {
  received: number;
  concluded: number;
  onTime: number;
  overdue: number;
  openAtEnd: number;
  overdueAtEnd: number;
}

/** Handled without overdue: nothing concluded late and nothing overdue still open at the end. */
export function handledWithoutOverdue(figures: Pick<HeadlineFigures, "overdue" | "overdueAtEnd">): boolean {
  return figures.overdue === 0 && figures.overdueAtEnd === 0;
}

/** The annual report's sentence for a kind: docs/domain.md's exact words for complaints, the same shape for the others. */
export function annualSentence(kind: CaseKind, figures: HeadlineFigures, mediation?: MediationFigures): string {
  if (kind === "complaint") return complaintSentence(figures);
  if (kind === "mediation" && mediation) {
    const rate = mediation.successRate === null ? "—" : mediation.successRate.toFixed(1);
    return `全年共受理环境污染纠纷调解申请${mediation.applied}件，调解成功${mediation.succeeded}件，调解不成${mediation.failed}件，撤回${mediation.withdrawn}件，调解成功率${rate}%。`;
  }
  const base = `全年共受理信访事项${figures.received}件，办结${figures.concluded}件`;
  if (handledWithoutOverdue(figures)) return `${base}，均无超期情况。`;
  return `${base}${concludedAndOpenOverdue(figures)}`;
}

/**
 * The sentence's second half when something is overdue: how the conclusions went, and, when cases are
 * open and overdue at the end, those too: an on-time rate alone would read 100 % while they wait.
 */
function concludedAndOpenOverdue(figures: HeadlineFigures) {
  const rate = onTimeRate(figures.onTime, figures.concluded);
  const concluded = `，其中按期办结${figures.onTime}件，超期${figures.overdue}件，按期办结率${rate === null ? "—" : `${rate.toFixed(1)}%`}`;
  const open = figures.overdueAtEnd > 0 ? `；期末在办${figures.openAtEnd}件，其中已超期${figures.overdueAtEnd}件` : "";
  return `${concluded}${open}。`;
}

/** The annual report's sentence for complaints, in docs/domain.md's exact words. */
export function complaintSentence(figures: HeadlineFigures): string {
  if (handledWithoutOverdue(figures)) {
    return `全年共受理各类环保投诉${figures.received}件，办结${figures.concluded}件，均无超期情况。`;
  }
  return `全年共受理各类环保投诉${figures.received}件，办结${figures.concluded}件${concludedAndOpenOverdue(figures)}`;
}
