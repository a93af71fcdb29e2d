import { monthlyChart, shareChart, townshipRateChart } from "~/charts.server";
import type { StatisticsPeriod } from "~/domain/statistics";
import { formatLocalDateTime } from "~/domain/local-time";
import { t } from "~/i18n";
import { statisticsWorkbook } from "./statistics-export.server";
import { type CaseStatistics, statisticsReport } from "./statistics.server";

/** Who reads the statistics pages. */
export const REPORT_READERS = ["leader", "dispatcher", "admin"] as const;

function chartsOf(s: CaseStatistics) {
  return {
    monthly: monthlyChart(s.byMonth, { received: t("report.column.received"), concluded: t("report.column.concluded") }),
    categories: shareChart(s.byCategory),
    channels: shareChart(s.byChannel),
    townshipRate: townshipRateChart(s.byTownship, t("report.column.rate")),
  };
}

/**
 * A report page's data (`?format=xlsx` gives the tables as a workbook instead): the statistics of
 * every kind and, for complaints and petitions, their charts as SVG.
 */
export async function reportPageData(request: Request, title: string, period: StatisticsPeriod, now = new Date()) {
  const report = await statisticsReport(period, now);
  if (new URL(request.url).searchParams.get("format") === "xlsx") {
    throw new Response(new Uint8Array(await statisticsWorkbook(title, report)), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(`${title}.xlsx`)}`,
      },
    });
  }
  return {
    title,
    report,
    charts: { complaint: chartsOf(report.complaint), petition: chartsOf(report.petition) },
    generatedAt: formatLocalDateTime(now, false),
  };
}
