import { monthlyChart, shareChart, townshipRateChart } from "~/charts.server";
import { type LocalDate, chineseDateOf, formatLocalDateTime } from "~/domain/local-time";
import { config } from "~/config.server";
import { rangePeriod } from "~/domain/statistics";
import { t } from "~/i18n";
import { statisticsWorkbook } from "./export.server";
import { statisticsReportOffRequest } from "./jobs.server";
import type { CaseStatistics } from "./figures.server";
import { enterpriseFigures } from "./enterprise-figures.server";
import { unitRankingView } from "./unit-figures.server";

/** The report ranks the units by their on-time conclusions, the figure its sentence is about. */
const ANNUAL_RANKING_RATE = "concludedOnTime";

function chartsOf(s: CaseStatistics) {
  return {
    monthly: monthlyChart(s.byMonth, { received: t("report.column.received"), concluded: t("report.column.concluded") }),
    categories: shareChart(s.byCategory),
    channels: shareChart(s.byChannel),
    townshipRate: townshipRateChart(s.byTownship, {
      onTime: t("report.figure.onTime"),
      overdue: t("report.figure.overdue"),
      overdueAtEnd: t("report.figure.overdueAtEnd"),
    }),
  };
}

/** The title of a report: the year's when the range is a whole year. */
export function reportTitle(from: LocalDate, to: LocalDate) {
  const year = from.slice(0, 4);
  const wholeYear = from === `${year}-01-01` && to === `${year}-12-31`;
  return wholeYear ? t("report.annualTitle", { year }) : t("report.rangeTitle", { from, to });
}

/** What a report holds, for its page and its workbook alike: the statistics, the register's figures, the ranking. */
async function reportContents(from: LocalDate, to: LocalDate, now: Date) {
  const period = rangePeriod(from, to);
  const [report, units, ranking] = await Promise.all([
    statisticsReportOffRequest(period, now),
    enterpriseFigures(period),
    unitRankingView(period, ANNUAL_RANKING_RATE, now),
  ]);
  return { title: reportTitle(from, to), report, units, ranking };
}

/** The report's tables as an XLSX workbook, with the report's title. */
export async function reportWorkbook(from: LocalDate, to: LocalDate, now = new Date()) {
  const { title, report, units, ranking } = await reportContents(from, to, now);
  return { title, workbook: await statisticsWorkbook(title, report, units, ranking) };
}

/** A report page's data: the statistics of every kind and, for complaints and petitions, their charts as SVG. */
export async function reportPageData(from: LocalDate, to: LocalDate, now = new Date()) {
  const { title, report, units, ranking } = await reportContents(from, to, now);
  return {
    title,
    report,
    units,
    ranking,
    charts: { complaint: chartsOf(report.complaint), petition: chartsOf(report.petition) },
    generatedAt: formatLocalDateTime(now, false),
    // The report prints as the bureau's document: its name as the issuing unit, dated the day it is made.
    issuer: config().BUREAU_NAME,
    issuedOn: chineseDateOf(now),
  };
}
