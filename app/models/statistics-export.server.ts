import ExcelJS from "exceljs";
import { t } from "~/i18n";
import type { BreakdownRow, CaseStatistics, statisticsReport } from "./statistics.server";

/** The report's tables as an XLSX workbook: one sheet of figures per kind, and its breakdowns. */

function figureRows(s: CaseStatistics): [string, number | string | null][] {
  const rows: [string, number | string | null][] = [
    [t("report.figure.received"), s.received],
    [t("report.figure.accepted"), s.accepted],
    [t("report.figure.rejected"), s.rejected],
    [t("report.figure.merged"), s.merged],
    [t("report.figure.concluded"), s.concluded],
    [t("report.figure.onTime"), s.onTime],
    [t("report.figure.overdue"), s.overdue],
    [t("report.figure.openAtEnd"), s.openAtEnd],
    [t("report.figure.overdueAtEnd"), s.overdueAtEnd],
    [t("report.figure.onTimeRate"), s.onTimeRate === null ? null : `${s.onTimeRate.toFixed(1)}%`],
    [t("report.figure.medianHandlingDays"), s.medianHandlingDays],
    [t("report.figure.meanHandlingDays"), s.meanHandlingDays],
    [t("report.figure.followedUp"), s.followedUp],
    [t("report.figure.satisfactionRate"), s.satisfactionRate === null ? null : `${s.satisfactionRate.toFixed(1)}%`],
  ];
  if (s.mediation) {
    const m = s.mediation;
    rows.push(
      [t("report.figure.applied"), m.applied],
      [t("report.figure.succeeded"), m.succeeded],
      [t("report.figure.failed"), m.failed],
      [t("report.figure.withdrawn"), m.withdrawn],
      [t("report.figure.successRate"), m.successRate === null ? null : `${m.successRate.toFixed(1)}%`],
    );
  }
  return rows;
}

const BREAKDOWN_HEADER = () => [
  t("report.column.name"),
  t("report.column.received"),
  t("report.column.concluded"),
  t("report.column.onTime"),
  t("report.column.overdue"),
  t("report.column.rate"),
];

const breakdownRow = (row: BreakdownRow) => [
  row.name,
  row.received,
  row.concluded,
  row.onTime,
  row.overdue,
  row.onTimeRate === null ? "" : `${row.onTimeRate.toFixed(1)}%`,
];

export async function statisticsWorkbook(title: string, report: Awaited<ReturnType<typeof statisticsReport>>) {
  const workbook = new ExcelJS.Workbook();
  for (const s of [report.complaint, report.petition, report.mediation]) {
    const sheet = workbook.addWorksheet(t(`kind.${s.kind}`));
    sheet.addRow([title]).font = { bold: true, size: 14 };
    sheet.addRow([s.sentence]);
    sheet.addRow([]);
    for (const row of figureRows(s)) sheet.addRow(row);
    const sections: [string, BreakdownRow[]][] = [
      [t("report.byChannel"), s.byChannel],
      [t("report.byCategory"), s.byCategory],
      [t("report.byTownship"), s.byTownship],
      [t("report.byMonth"), s.byMonth],
    ];
    for (const [heading, rows] of sections) {
      sheet.addRow([]);
      sheet.addRow([heading]).font = { bold: true };
      sheet.addRow(BREAKDOWN_HEADER()).font = { bold: true };
      for (const row of rows) sheet.addRow(breakdownRow(row));
    }
    sheet.addRow([]);
    sheet.addRow([`${t("report.definitionsTitle")}：${t("report.definitions")}`]);
    sheet.getColumn(1).width = 28;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
