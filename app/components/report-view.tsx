import { Form, Link } from "@remix-run/react";
import type { CaseStatistics } from "~/models/statistics/figures.server";
import { t } from "~/i18n";
import { KindSection, type ReportCharts, ReportDefinitions } from "./statistics-report";
import { EnterpriseSection } from "./enterprise-report";
import type { EnterpriseFigures } from "~/models/statistics/enterprise-figures.server";
import type { UnitRankingView } from "~/models/statistics/figure-entries";
import { UnitRankingTables } from "./unit-ranking";

export interface ReportViewData {
  title: string;
  report: { complaint: CaseStatistics; petition: CaseStatistics; mediation: CaseStatistics };
  charts: { complaint: ReportCharts; petition: ReportCharts };
  units: EnterpriseFigures;
  ranking: UnitRankingView;
  generatedAt: string;
  issuer: string;
  issuedOn: string;
}

/** A report page: the period chooser and exports (not printed), then the report as it prints on A4. */
export function ReportView({ data, from, to, year }: { data: ReportViewData; from: string; to: string; year?: number }) {
  const ledger = (format: string) => `/cases/export?from=${from}&to=${to}&format=${format}`;
  return (
    <article className="report">
      <div className="report-tools no-print">
        {year ? (
          <nav className="report-years" aria-label={t("report.year")}>
            <Link to={`/reports/annual/${year - 1}`}>← {t("report.previousYear")}</Link>
            <Link to={`/reports/annual/${year + 1}`}>{t("report.nextYear")} →</Link>
          </nav>
        ) : null}
        <Form method="get" action="/reports" className="report-range">
          <label>
            {t("report.from")} <input type="date" name="from" defaultValue={from} required />
          </label>
          <label>
            {t("report.to")} <input type="date" name="to" defaultValue={to} required />
          </label>
          <button type="submit">{t("report.show")}</button>
        </Form>
        <div className="report-actions">
          <Link to="/reports/units">{t("ranking.title")}</Link>
          <button type="button" onClick={() => window.print()}>
            {t("report.print")}
          </button>
          <a href={`/reports/xlsx?from=${from}&to=${to}`} download>
            {t("report.exportXlsx")}
          </a>
          <a href={ledger("xlsx")} download>
            {t("report.exportLedger")}
          </a>
          <a href={ledger("csv")} download>
            {t("report.exportLedgerCsv")}
          </a>
        </div>
      </div>
      {/* Printed as an official document: the issuing unit above the title, and its name and date below. */}
      <p className="report-masthead">{data.issuer}</p>
      <h1>{data.title}</h1>
      <KindSection heading={t("report.section.complaint")} statistics={data.report.complaint} charts={data.charts.complaint} />
      <KindSection heading={t("report.section.petition")} statistics={data.report.petition} charts={data.charts.petition} />
      <KindSection heading={t("report.section.mediation")} statistics={data.report.mediation} charts={null} />
      <EnterpriseSection figures={data.units} />
      <section className="report-section" aria-labelledby="ranking-heading">
        <h2 id="ranking-heading">{t("report.section.ranking")}</h2>
        <UnitRankingTables ranking={data.ranking} />
      </section>
      <ReportDefinitions generatedAt={data.generatedAt} />
      <p className="report-issuer">
        {data.issuer}
        <br />
        {data.issuedOn}
      </p>
    </article>
  );
}
