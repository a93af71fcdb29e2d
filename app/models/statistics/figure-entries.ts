import { type MessageKey, t } from "~/i18n";
import type { CaseStatistics } from "~/models/statistics/figures.server";
import type { EnterpriseFigures } from "~/models/statistics/enterprise-figures.server";
import type { UnitRanking } from "~/models/statistics/unit-figures.server";
import { type Rate, type UnitRate, UNIT_RATES, rankBy } from "~/domain/unit-figures";

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
    ["report.figure.paused", s.paused],
    ["report.figure.pausedDays", days(s.pausedDays)],
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

/** The register's figures of the report (被投诉单位与红黄牌), labelled once for the page and the XLSX sheet. */
export function unitFigureEntries(f: EnterpriseFigures): [MessageKey, number][] {
  return [
    ["report.units.yellowUnits", f.cards.yellowUnits],
    ["report.units.yellowIssued", f.cards.yellowIssued],
    ["report.units.redUnits", f.cards.redUnits],
    ["report.units.redIssued", f.cards.redIssued],
    ["report.units.lifted", f.cards.lifted],
    ["report.units.aboutUnits", f.aboutUnits],
    ["report.units.aboutUnregistered", f.aboutUnregistered],
  ];
}

/** The register's tables of the report, with their captions and headers, for the page and the sheet. */
export function unitTables(f: EnterpriseFigures): { caption: MessageKey; header: MessageKey[]; rows: (string | number)[][] }[] {
  return [
    {
      caption: "report.units.byUnit",
      header: ["register.name", "register.creditCode", "register.industry", "report.units.complaints"],
      rows: f.byUnit.map((row) => [row.name, row.creditCode, row.industry, row.complaints]),
    },
    {
      caption: "report.units.byIndustry",
      header: ["register.industry", "report.units.complaints"],
      rows: f.byIndustry.map((row) => [row.industry, row.complaints]),
    },
    {
      caption: "report.units.mostRepeated",
      header: ["register.name", "report.units.warnings", "report.units.repeatComplaints"],
      rows: f.mostRepeated.map((row) => [row.name, row.warnings, row.complaints]),
    },
  ];
}

/** A ranking's period in words: 2026年11月, 2026年第4季度, 2026年. */
export function rankingLabel(key: string): string {
  const [year, rest] = [key.slice(0, 4), key.slice(5)];
  if (rest.startsWith("Q")) return t("ranking.label.quarter", { year, quarter: rest.slice(1) });
  return rest ? t("ranking.label.month", { year, month: Number(rest) }) : t("ranking.label.year", { year });
}

/** A rate with its counts, as the ranking shows it: `95.0%（19/20）`, or a dash with nothing to divide by. */
export const rateCell = (value: Rate) => (value.rate === null ? "—" : `${percent(value.rate)}（${value.part}/${value.whole}）`);

/** The ranking as the page, the annual report and the workbook show it: the chart, then the table. */
export interface UnitRankingView {
  chart: string;
  by: MessageKey;
  header: MessageKey[];
  rows: (string | number)[][];
}

/** The ranking's table, ranked by one rate: the same rows on the page, in its XLSX and in the annual report. */
export function unitRankingTable(ranking: UnitRanking, by: UnitRate) {
  const header: MessageKey[] = [
    "ranking.rank",
    "ranking.unit",
    "ranking.assignments",
    "ranking.concluded",
    ...UNIT_RATES.map((rate): MessageKey => `ranking.rate.${rate}`),
  ];
  const ranked = rankBy(ranking.units, by);
  // Equal rates share a place (1, 1, 3): the place is one more than the units ranked strictly before.
  const places = ranked.map((unit, index) =>
    index > 0 && ranked[index - 1].rates[by].rate === unit.rates[by].rate ? null : index + 1,
  );
  for (let index = 1; index < places.length; index++) places[index] ??= places[index - 1];
  const rows = ranked.map((unit, index) => [
    unit.rates[by].rate === null ? "—" : places[index]!,
    unit.name,
    unit.assignments,
    unit.concluded,
    ...UNIT_RATES.map((rate) => rateCell(unit.rates[rate])),
  ]);
  return { header, rows, ranked };
}
