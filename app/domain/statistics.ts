import { type LocalDate, addLocalDays, startOfLocalDay } from "./local-time";

/**
 * The statistics definitions of DOMAIN.md "Statistics (统计口径)", the parts that need no database:
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

/** The days from `from` to `to`, both included. */
export function rangePeriod(from: LocalDate, to: LocalDate): StatisticsPeriod {
  return { start: startOfLocalDay(from), end: startOfLocalDay(addLocalDays(to, 1)) };
}

/** On time ÷ concluded as a percentage with one decimal; null when nothing was concluded. */
export function onTimeRate(onTime: number, concluded: number): number | null {
  if (concluded === 0) return null;
  return Math.round((onTime / concluded) * 1000) / 10;
}

export interface HeadlineFigures {
  received: number;
  concluded: number;
  onTime: number;
  overdue: number;
  overdueAtEnd: number;
}

/** Handled without overdue: nothing concluded late and nothing overdue still open at the end. */
export function handledWithoutOverdue(figures: Pick<HeadlineFigures, "overdue" | "overdueAtEnd">): boolean {
  return figures.overdue === 0 && figures.overdueAtEnd === 0;
}

/** The annual report's sentence for complaints, in DOMAIN.md's exact words. */
export function complaintSentence(figures: HeadlineFigures): string {
  if (handledWithoutOverdue(figures)) {
    return `全年共受理各类环保投诉${figures.received}件，办结${figures.concluded}件，均无超期情况。`;
  }
  const rate = onTimeRate(figures.onTime, figures.concluded);
  return `全年共受理各类环保投诉${figures.received}件，办结${figures.concluded}件，其中按期办结${figures.onTime}件，超期${figures.overdue}件，按期办结率${rate === null ? "—" : rate.toFixed(1)}%。`;
}
