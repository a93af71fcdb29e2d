import ExcelJS from "exceljs";
import { type UnitRankingView, figureEntries, percent, unitFigureEntries, unitTables } from "./figure-entries";
import { t } from "~/i18n";
import type { StatisticsReport } from "./jobs.server";
import type { BreakdownRow } from "./figures.server";
import type { EnterpriseFigures } from "./enterprise-figures.server";

/** The report's tables as an XLSX workbook: one sheet of figures per kind, and its breakdowns. */

const BREAKDOWN_HEADER = () => [
  t("report.column.name"),
  t("report.column.received"),
  t("report.column.concluded"),
  t("report.column.onTime"),
  t("report.column.overdue"),
  t("report.column.rate"),
  t("report.column.openAtEnd"),
  t("report.column.overdueAtEnd"),
];

const breakdownRow = (row: BreakdownRow) => [
  row.name,
  row.received,
  row.concluded,
  row.onTime,
  row.overdue,
  percent(row.onTimeRate),
  // By month there is nothing open at the end: the cells stay empty.
  row.openAtEnd,
  row.overdueAtEnd,
];

export async function statisticsWorkbook(
  title: string,
  report: StatisticsReport,
  units: EnterpriseFigures,
  ranking: UnitRankingView,
) {
  const workbook = new ExcelJS.Workbook();
  for (const s of [report.complaint, report.petition, report.mediation]) {
    const sheet = workbook.addWorksheet(t(`kind.${s.kind}`));
    sheet.addRow([title]).font = { bold: true, size: 14 };
    sheet.addRow([s.sentence]);
    sheet.addRow([]);
    for (const [key, value] of figureEntries(s)) sheet.addRow([t(key), value]);
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
  addUnitsSheet(workbook, title, units);
  addRankingSheet(workbook, title, ranking);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The register's figures: the page's section, table for table. */
function addUnitsSheet(workbook: ExcelJS.Workbook, title: string, units: EnterpriseFigures) {
  const sheet = workbook.addWorksheet(t("report.section.units"));
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow([units.sentence]);
  sheet.addRow([]);
  for (const [key, value] of unitFigureEntries(units)) sheet.addRow([t(key), value]);
  for (const table of unitTables(units)) {
    sheet.addRow([]);
    sheet.addRow([t(table.caption)]).font = { bold: true };
    sheet.addRow(table.header.map((key) => t(key))).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
  }
  sheet.getColumn(1).width = 28;
}

/** The ranking's workbook: the page's table, cell for cell, under its title. */
export async function unitRankingWorkbook(title: string, view: UnitRankingView) {
  const workbook = new ExcelJS.Workbook();
  addRankingSheet(workbook, title, view);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addRankingSheet(workbook: ExcelJS.Workbook, title: string, view: UnitRankingView) {
  const sheet = workbook.addWorksheet(t("ranking.title"));
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow([`${t("ranking.by")}：${t(view.by)}`]);
  sheet.addRow([]);
  sheet.addRow(view.header.map((key) => t(key))).font = { bold: true };
  for (const row of view.rows) sheet.addRow(row);
  sheet.addRow([]);
  sheet.addRow([`${t("ranking.definitionsTitle")}：${t("ranking.definitions")}`]);
  sheet.getColumn(2).width = 20;
}
