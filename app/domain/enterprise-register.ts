import { type CreditCodeProblem, creditCodeProblem, normalizeCreditCode } from "./credit-code";
import { type ColumnDefinition, type ColumnMatch, matchColumns } from "./spreadsheet-columns";
import { type CreditGrade, creditGradeOf } from "./credit-grades";
import { isSupportedYear } from "./local-time";

/**
 * The enterprise register (docs/domain.md, "The enterprise register"): the regulated units complaints
 * are about, keyed by their unified social credit code, and how a register file's row is read. No I/O:
 * files are read in app/models/ledger/file.server.ts and the units written in app/models/enterprises/.
 */
export const UNIT_COLUMNS = [
  { key: "creditCode", header: "统一社会信用代码", also: ["社会信用代码", "信用代码", "credit_code"], required: true },
  { key: "name", header: "单位名称", also: ["企业名称", "名称", "name"], required: true },
  { key: "formerNames", header: "曾用名", also: ["former_names"], required: false },
  { key: "address", header: "地址", also: ["注册地址", "生产经营地址", "address"], required: true },
  { key: "township", header: "所属街镇", also: ["街镇", "township"], required: true },
  { key: "industry", header: "行业类别", also: ["行业", "industry"], required: true },
  { key: "permitNo", header: "排污许可证编号", also: ["排污许可证号", "permit_no"], required: false },
  { key: "keyDischarge", header: "重点排污单位", also: ["key_discharge"], required: false },
  { key: "randomInspection", header: "双随机抽查名录", also: ["随机抽查名录", "random_inspection"], required: false },
  { key: "positiveList", header: "执法正面清单", also: ["正面清单", "positive_list"], required: false },
  { key: "onlineMonitoring", header: "在线监控", also: ["在线监测", "online_monitoring"], required: false },
  { key: "creditGrade", header: "环境信用评价", also: ["信用评价等级", "信用等级", "credit_grade"], required: false },
  { key: "creditYear", header: "评价年度", also: ["信用评价年度", "credit_year"], required: false },
] as const satisfies readonly ColumnDefinition<string>[];

export type UnitColumnKey = (typeof UNIT_COLUMNS)[number]["key"];

export const UNIT_FLAGS = ["keyDischarge", "randomInspection", "positiveList", "onlineMonitoring"] as const;
export type UnitFlag = (typeof UNIT_FLAGS)[number];

export interface UnitFields {
  creditCode: string;
  name: string;
  formerNames: string[];
  address: string;
  townshipId: number;
  industry: string;
  permitNo: string;
  keyDischarge: boolean;
  randomInspection: boolean;
  positiveList: boolean;
  onlineMonitoring: boolean;
  /** The year's credit grade the row gives, if it gives one. */
  creditGrade: { year: number; grade: CreditGrade } | null;
}

export type UnitProblemCode =
  | "missingColumn"
  | "duplicateColumn"
  | "required"
  | "tooLong"
  | "badCreditCode"
  | "duplicateCreditCode"
  | "unknownTownship"
  | "badFlag"
  | "badCreditGrade"
  | "badCreditYear"
  | "noRows"
  | "unsupportedFile"
  | "unreadableFile";

/** One problem, at a row (the file's row number, header = 1) and a column (as headed in the file). */
export interface UnitProblem {
  row: number;
  column: string;
  problem: UnitProblemCode;
  value?: string;
  /** Why a credit code is refused. */
  codeProblem?: CreditCodeProblem;
  /** The row where a code given twice was first given. */
  firstRow?: number;
}

export const matchUnitColumns = (headers: readonly unknown[]): ColumnMatch<UnitColumnKey> => matchColumns(headers, UNIT_COLUMNS);

const YES = new Set(["是", "√", "✓", "y", "yes", "true", "1"]);
const NO = new Set(["", "否", "×", "n", "no", "false", "0"]);
const MAX_TEXT = 200;

type Cell = string | number | Date | null | undefined;

/**
 * A register row as a unit, or every problem it has. Townships are matched by name (with or without
 * 街道/镇); flags read 是/否 (√, 1, yes…) and empty as 否; former names are separated by 、，; or new lines.
 */
export function readUnitRow(
  row: readonly Cell[],
  rowNumber: number,
  columns: ColumnMatch<UnitColumnKey>,
  townshipIdByName: ReadonlyMap<string, number>,
): { unit: UnitFields; problems: [] } | { unit: null; problems: UnitProblem[] } {
  const problems: UnitProblem[] = [];
  const header = (key: UnitColumnKey) => columns.headerOf[key] ?? UNIT_COLUMNS.find((column) => column.key === key)!.header;
  const text = (key: UnitColumnKey) => {
    const index = columns.index[key];
    const cell = index === undefined ? null : row[index];
    return cell === null || cell === undefined ? "" : String(cell).trim();
  };
  const required = (key: UnitColumnKey) => {
    const value = text(key);
    if (!value) problems.push({ row: rowNumber, column: header(key), problem: "required" });
    else if (value.length > MAX_TEXT) problems.push({ row: rowNumber, column: header(key), problem: "tooLong" });
    return value;
  };

  const creditCode = normalizeCreditCode(required("creditCode"));
  const codeProblem = creditCode ? creditCodeProblem(creditCode) : null;
  if (codeProblem)
    problems.push({ row: rowNumber, column: header("creditCode"), problem: "badCreditCode", value: creditCode, codeProblem });
  const name = required("name");
  const address = required("address");
  const townshipName = required("township");
  const townshipId = townshipName ? townshipIdByName.get(townshipName) : undefined;
  if (townshipName && townshipId === undefined) {
    problems.push({ row: rowNumber, column: header("township"), problem: "unknownTownship", value: townshipName });
  }
  const industry = required("industry");
  const permitNo = text("permitNo");
  if (permitNo.length > MAX_TEXT) problems.push({ row: rowNumber, column: header("permitNo"), problem: "tooLong" });
  const flags = {} as Record<UnitFlag, boolean>;
  for (const flag of UNIT_FLAGS) {
    const value = text(flag).toLowerCase();
    if (YES.has(value)) flags[flag] = true;
    else if (NO.has(value)) flags[flag] = false;
    else problems.push({ row: rowNumber, column: header(flag), problem: "badFlag", value: text(flag) });
  }
  const creditGrade = readCreditGrade(text("creditGrade"), text("creditYear"), (key, problem) =>
    problems.push({ row: rowNumber, column: header(key), problem, value: text(key) }),
  );
  const formerNames = text("formerNames")
    .split(/[、，,；;\n]/)
    .map((former) => former.trim())
    .filter((former) => former && former !== name);
  if (problems.length > 0) return { unit: null, problems };
  return {
    unit: { creditCode, name, formerNames, address, townshipId: townshipId!, industry, permitNo, ...flags, creditGrade },
    problems: [],
  };
}

/** A row's grade and its year: both or neither; the year a supported one (2000–2100). */
function readCreditGrade(
  gradeText: string,
  yearText: string,
  problem: (key: "creditGrade" | "creditYear", code: "badCreditGrade" | "badCreditYear") => void,
) {
  if (!gradeText && !yearText) return null;
  const grade = creditGradeOf(gradeText);
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
  if (!grade) problem("creditGrade", "badCreditGrade");
  if (!isSupportedYear(year)) problem("creditYear", "badCreditYear");
  return grade && isSupportedYear(year) ? { year, grade } : null;
}

/** Every row of a register file read, with the problems of the whole file: a code twice is a problem of its second row. */
export function readUnitRows(rows: readonly (readonly Cell[])[], townshipIdByName: ReadonlyMap<string, number>) {
  const [headers = [], ...body] = rows;
  const columns = matchUnitColumns(headers);
  const problems: UnitProblem[] = [...columns.problems];
  const units: UnitFields[] = [];
  if (problems.length > 0) return { units, problems, unknownColumns: columns.unknown };
  const seen = new Map<string, number>();
  body.forEach((row, index) => {
    const rowNumber = index + 2;
    if (row.every((cell) => cell === null || cell === undefined || String(cell).trim() === "")) return;
    const read = readUnitRow(row, rowNumber, columns, townshipIdByName);
    if (!read.unit) {
      problems.push(...read.problems);
      return;
    }
    const first = seen.get(read.unit.creditCode);
    if (first !== undefined) {
      problems.push({
        row: rowNumber,
        column: columns.headerOf.creditCode ?? "统一社会信用代码",
        problem: "duplicateCreditCode",
        value: read.unit.creditCode,
        firstRow: first,
      });
      return;
    }
    seen.set(read.unit.creditCode, rowNumber);
    units.push(read.unit);
  });
  if (units.length === 0 && problems.length === 0) problems.push({ row: 0, column: "", problem: "noRows" });
  return { units, problems, unknownColumns: columns.unknown };
}
