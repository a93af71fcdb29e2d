import type { MessageKey } from "~/i18n";
import type { CaseStatistics } from "~/models/statistics/figures.server";

/** The figures of a kind's statistics, labelled and formatted once for the page and the XLSX tables. */
export const percent = (value: number | null) => (value === null ? "—" : `${value.toFixed(1)}%`);
const days = (value: number | null) => (value === null ? "—" : value.toFixed(1));

export function figureEntries(s: CaseStatistics): [MessageKey, string | number][] {
  const entries: [MessageKey, string | number][] = [
    ["report.figure.received", s.received],
    ["report.figure.accepted", s.accepted],
    ["report.figure.rejected", s.rejected],
    ["report.figure.merged", s.merged],
    ["report.figure.concluded", s.concluded],
    ["report.figure.onTime", s.onTime],
    ["report.figure.overdue", s.overdue],
    ["report.figure.onTimeRate", percent(s.onTimeRate)],
    ["report.figure.openAtEnd", s.openAtEnd],
    ["report.figure.overdueAtEnd", s.overdueAtEnd],
    ["report.figure.medianHandlingDays", days(s.medianHandlingDays)],
    ["report.figure.meanHandlingDays", days(s.meanHandlingDays)],
    ["report.figure.followedUp", s.followedUp],
    ["report.figure.satisfactionRate", percent(s.satisfactionRate)],
  ];
  if (!s.mediation) return entries;
  return [
    ["report.figure.applied", s.mediation.applied],
    ["report.figure.succeeded", s.mediation.succeeded],
    ["report.figure.failed", s.mediation.failed],
    ["report.figure.withdrawn", s.mediation.withdrawn],
    ["report.figure.successRate", percent(s.mediation.successRate)],
    ...entries.filter(([key]) => key !== "report.figure.received"),
  ];
}
