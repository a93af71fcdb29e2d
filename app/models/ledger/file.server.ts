import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { type LedgerCell, spreadsheetSafeCell, textOfSpreadsheetCell } from "~/domain/ledger";

/**
 * Ledger files in and out: CSV (UTF-8, with or without BOM, RFC 4180) and XLSX (first sheet), as rows
 * of cells. What the cells mean is app/domain/ledger.ts.
 */
export type LedgerFormat = "csv" | "xlsx";

export class LedgerFileError extends Error {}

export function ledgerFormatOf(fileName: string): LedgerFormat | null {
  const extension = fileName.toLowerCase().split(".").pop();
  return extension === "csv" || extension === "xlsx" ? extension : null;
}

export async function readLedgerFile(content: Buffer, format: LedgerFormat): Promise<LedgerCell[][]> {
  if (format === "csv") {
    try {
      const rows: string[][] = parse(content, { bom: true, relax_column_count: true, skip_empty_lines: true });
      return rows.map((row) => row.map(textOfSpreadsheetCell));
    } catch (error) {
      throw new LedgerFileError(error instanceof Error ? error.message : String(error));
    }
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch (error) {
    throw new LedgerFileError(error instanceof Error ? error.message : String(error));
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: LedgerCell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: LedgerCell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellValue(cell.value);
    });
    rows[rowNumber - 1] = cells;
  });
  // Keep row numbers as in the sheet; drop trailing empty rows only.
  const filled = Array.from(rows, (row) => row ?? []);
  while (filled.length > 0 && filled[filled.length - 1].every((cell) => cell === null || cell === undefined || cell === "")) {
    filled.pop();
  }
  return filled;
}

function cellValue(value: ExcelJS.CellValue): LedgerCell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "是" : "否";
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("text" in value) return String(value.text);
    if ("result" in value) return cellValue(value.result as ExcelJS.CellValue);
  }
  return String(value);
}

/** A sheet of text cells as a file: CSV with a BOM (so that Excel reads the Chinese), or XLSX. */
export async function writeLedgerFile(rows: string[][], format: LedgerFormat, sheetName = "台账"): Promise<Buffer> {
  // CSV cells have no type: one that looks like a formula is made plain text (XLSX stores text as text).
  if (format === "csv") return Buffer.from(`\uFEFF${stringify(rows.map((row) => row.map(spreadsheetSafeCell)))}`, "utf8");
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const LEDGER_CONTENT_TYPES: Record<LedgerFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};
