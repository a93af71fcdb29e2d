import type { BreakdownRow, CaseStatistics } from "~/models/statistics/figures.server";
import { onTimeRate } from "~/domain/statistics";
import { t } from "~/i18n";
import { figureEntries, percent } from "~/models/statistics/figure-entries";

/** The report of a period as printed: per kind, the sentence, the figures, the charts and the tables. */

export interface ReportCharts {
  monthly: string;
  categories: string;
  channels: string;
  townshipRate: string;
}

function Figures({ statistics }: { statistics: CaseStatistics }) {
  return (
    <dl className="figures">
      {figureEntries(statistics).map(([key, value]) => {
        const figure = key.replace("report.figure.", "");
        // Each figure named by its term, so that it can be found by what it is.
        const termId = `${statistics.kind}-${figure}-term`;
        return (
          <div key={key}>
            <dt id={termId}>{t(key)}</dt>
            <dd data-figure={figure} aria-labelledby={termId}>
              {value}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

function BreakdownTable({ title, rows, hideEmpty }: { title: string; rows: BreakdownRow[]; hideEmpty?: boolean }) {
  const shown = hideEmpty ? rows.filter((row) => row.received > 0 || row.concluded > 0 || (row.openAtEnd ?? 0) > 0) : rows;
  const withOpen = shown.some((row) => row.openAtEnd !== null);
  const total = shown.reduce(
    (sum, row) => ({
      received: sum.received + row.received,
      concluded: sum.concluded + row.concluded,
      onTime: sum.onTime + row.onTime,
      openAtEnd: sum.openAtEnd + (row.openAtEnd ?? 0),
      overdueAtEnd: sum.overdueAtEnd + (row.overdueAtEnd ?? 0),
    }),
    { received: 0, concluded: 0, onTime: 0, openAtEnd: 0, overdueAtEnd: 0 },
  );
  return (
    <table className="breakdown">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th>{t("report.column.name")}</th>
          <th className="number">{t("report.column.received")}</th>
          <th className="number">{t("report.column.concluded")}</th>
          <th className="number">{t("report.column.onTime")}</th>
          <th className="number">{t("report.column.overdue")}</th>
          <th className="number">{t("report.column.rate")}</th>
          {withOpen ? <th className="number">{t("report.column.openAtEnd")}</th> : null}
          {withOpen ? <th className="number">{t("report.column.overdueAtEnd")}</th> : null}
        </tr>
      </thead>
      <tbody>
        {shown.map((row) => (
          <tr key={row.key}>
            <td>{row.name}</td>
            <td className="number">{row.received}</td>
            <td className="number">{row.concluded}</td>
            <td className="number">{row.onTime}</td>
            <td className="number">{row.overdue}</td>
            <td className="number">{percent(row.onTimeRate)}</td>
            {withOpen ? <td className="number">{row.openAtEnd}</td> : null}
            {withOpen ? <td className="number">{row.overdueAtEnd}</td> : null}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th>{t("supervision.total")}</th>
          <td className="number">{total.received}</td>
          <td className="number">{total.concluded}</td>
          <td className="number">{total.onTime}</td>
          <td className="number">{total.concluded - total.onTime}</td>
          <td className="number">{percent(onTimeRate(total.onTime, total.concluded))}</td>
          {withOpen ? <td className="number">{total.openAtEnd}</td> : null}
          {withOpen ? <td className="number">{total.overdueAtEnd}</td> : null}
        </tr>
      </tfoot>
    </table>
  );
}

function Chart({ title, svg }: { title: string; svg: string }) {
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div dangerouslySetInnerHTML={{ __html: svg }} />
    </figure>
  );
}

export function KindSection({
  heading,
  statistics,
  charts,
}: {
  heading: string;
  statistics: CaseStatistics;
  charts: ReportCharts | null;
}) {
  const empty = statistics.received === 0 && statistics.concluded === 0 && statistics.openAtEnd === 0;
  return (
    <section className="report-section" data-kind={statistics.kind} aria-labelledby={`report-${statistics.kind}-heading`}>
      <h2 id={`report-${statistics.kind}-heading`}>{heading}</h2>
      {empty ? (
        <p className="muted">{t("report.empty")}</p>
      ) : (
        <>
          <p className="report-sentence">{statistics.sentence}</p>
          <Figures statistics={statistics} />
          {charts ? (
            <div className="charts">
              <Chart title={t("report.chart.monthly")} svg={charts.monthly} />
              <Chart title={t("report.chart.categories")} svg={charts.categories} />
              <Chart title={t("report.chart.channels")} svg={charts.channels} />
              <Chart title={t("report.chart.townshipRate")} svg={charts.townshipRate} />
            </div>
          ) : null}
          <BreakdownTable title={t("report.byMonth")} rows={statistics.byMonth} />
          <BreakdownTable title={t("report.byChannel")} rows={statistics.byChannel} />
          <BreakdownTable title={t("report.byCategory")} rows={statistics.byCategory} />
          <BreakdownTable title={t("report.byTownship")} rows={statistics.byTownship} hideEmpty />
        </>
      )}
    </section>
  );
}

export function ReportDefinitions({ generatedAt }: { generatedAt: string }) {
  return (
    <footer className="report-definitions">
      <h2>{t("report.definitionsTitle")}</h2>
      <p>{t("report.definitions")}</p>
      <p className="muted">{t("report.generatedAt", { at: generatedAt })}</p>
    </footer>
  );
}
