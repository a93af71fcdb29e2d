import { isReceivedInFuture } from "./case-commands";
import { isCreditCode, normalizeCreditCode } from "./credit-code";
import { CASE_KINDS, type CaseKind, SATISFACTION_LEVELS, parseCaseNo } from "./case-kinds";
import { endOfLocalDay, formatLocalDateTime, instantFromLocal, isLocalDate, localDateOf } from "./local-time";
import type { MediationOutcome } from "./statistics";
import type { CaseState } from "./workflow";
import { type ColumnMatch, matchColumns, normalizeHeader } from "./spreadsheet-columns";

/**
 * The case ledger (台账) of docs/ledger-format.md: its columns, how a row is read and checked, and how a
 * case is written back as a row. No I/O: the files are read in app/models/ledger/file.server.ts and
 * the cases written in app/models/ledger-import.server.ts.
 */

export const LEDGER_COLUMNS = [
  { key: "caseNo", header: "编号", alias: "case_no", required: false },
  { key: "kind", header: "类型", alias: "kind", required: true },
  { key: "channel", header: "来源渠道", alias: "channel", required: true },
  { key: "receivedAt", header: "受理时间", alias: "received_at", required: true, also: ["登记时间", "来电时间", "收到时间"] },
  { key: "acceptedAt", header: "受理决定时间", alias: "accepted_at", required: false },
  { key: "complainantName", header: "投诉人", alias: "complainant", required: false },
  { key: "complainantPhone", header: "联系电话", alias: "phone", required: false },
  { key: "township", header: "所属街镇", alias: "township", required: true },
  { key: "category", header: "问题类型", alias: "category", required: true },
  { key: "subject", header: "被投诉对象", alias: "subject", required: false },
  {
    key: "respondentCode",
    header: "统一社会信用代码",
    alias: "respondent_code",
    required: false,
    also: ["被投诉单位统一社会信用代码", "信用代码"],
  },
  { key: "address", header: "地址", alias: "address", required: false },
  { key: "description", header: "投诉内容", alias: "description", required: true },
  { key: "dueAt", header: "办理时限", alias: "due_at", required: false },
  { key: "extensionDays", header: "延期天数", alias: "extension_days", required: false },
  { key: "concludedAt", header: "办结时间", alias: "concluded_at", required: false },
  { key: "outcome", header: "办理结果", alias: "outcome", required: false },
  { key: "satisfaction", header: "回访满意度", alias: "satisfaction", required: false },
  { key: "accepted", header: "是否受理", alias: "accepted", required: false },
] as const;

/** Columns an export adds; an import recognises and ignores them, since they are computed. */
export const LEDGER_EXPORT_COLUMNS = [
  { key: "finalDueAt", header: "应办结时间", alias: "final_due_at" },
  { key: "isOverdue", header: "是否超期", alias: "overdue" },
  { key: "state", header: "当前状态", alias: "state" },
  { key: "daysOverdue", header: "超期天数", alias: "days_overdue" },
  { key: "attachmentCount", header: "附件数", alias: "attachments" },
] as const;

export type LedgerColumnKey = (typeof LEDGER_COLUMNS)[number]["key"];

export const KIND_NAMES: Record<CaseKind, string> = { complaint: "投诉举报", petition: "信访", mediation: "调解" };

/** A cell as read from a file: text from CSV, text, a number or a date from XLSX. */
export type LedgerCell = string | number | Date | null | undefined;

export type LedgerProblemCode =
  | "missingColumn"
  | "duplicateColumn"
  | "required"
  | "unknownKind"
  | "unknownChannel"
  | "unknownTownship"
  | "unknownCategory"
  | "unreadableDate"
  | "concludedBeforeReceived"
  | "acceptedBeforeReceived"
  | "badCaseNo"
  | "caseNoKindMismatch"
  | "duplicateCaseNo"
  | "badExtensionDays"
  | "badSatisfaction"
  | "badAccepted"
  | "badPhone"
  | "badCreditCode"
  | "unregisteredUnit"
  | "receivedInFuture"
  | "conflict"
  | "noPolicy"
  | "noRows"
  | "unsupportedFile"
  | "unreadableFile";

/** One problem, at a row (the file's row number, header = 1) and a column (as headed in the file). */
export interface LedgerProblem {
  row: number;
  column: string;
  problem: LedgerProblemCode;
  value?: string;
}

export interface HeaderMatch extends ColumnMatch<LedgerColumnKey> {
  /** 当前状态 of an exported ledger: read back so that a round trip keeps each case's state. */
  stateIndex?: number;
}

/** Matches the header row by Chinese name or English alias, ignoring case, spaces and order. */
export function matchHeaders(headers: string[]): HeaderMatch {
  const columns = LEDGER_COLUMNS.map((column) => ({
    key: column.key,
    header: column.header,
    also: [column.alias, ...("also" in column ? column.also : [])],
    required: column.required,
  }));
  // An export's computed columns are recognised and not imported.
  const computed = LEDGER_EXPORT_COLUMNS.flatMap((column) => [column.header, column.alias]);
  const match = matchColumns(headers, columns, computed);
  return { ...match, stateIndex: match.ignored.get(normalizeHeader("当前状态")) ?? match.ignored.get("state") };
}

const LEDGER_DATE_TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A ledger date or date-time as an instant, in Shanghai time: `YYYY-MM-DD HH:mm[:ss]`, `YYYY/M/D H:mm`,
 * `YYYY-MM-DD` (00:00), or an XLSX date cell, whose fields are the wall clock written in the sheet.
 */
export function parseLedgerDateTime(cell: LedgerCell): { instant: Date; dateOnly: boolean } | null {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    const date = `${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`;
    const timeOfDay = cell.getUTCHours() * 3600 + cell.getUTCMinutes() * 60 + cell.getUTCSeconds();
    return {
      instant: instantFromLocal(date, cell.getUTCHours(), cell.getUTCMinutes(), cell.getUTCSeconds()),
      dateOnly: timeOfDay === 0,
    };
  }
  const match = LEDGER_DATE_TIME.exec(String(cell ?? "").trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  const date = `${y}-${pad(Number(mo))}-${pad(Number(d))}`;
  if (!isLocalDate(date)) return null;
  const [hour, minute, second] = [Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return null;
  return { instant: instantFromLocal(date, hour, minute, second), dateOnly: h === undefined };
}

const pad = (value: number) => String(value).padStart(2, "0");

/**
 * 办理时限 as a due instant: a date is due at the end of that day, as day-based deadlines are; so is a
 * time of 23:59:59, which is how exports write the end of a day.
 */
export function parseLedgerDue(cell: LedgerCell): Date | null {
  const parsed = parseLedgerDateTime(cell);
  if (!parsed) return null;
  const endsDay = parsed.dateOnly || formatLocalDateTime(parsed.instant).endsWith("23:59:59");
  return endsDay ? endOfLocalDay(localDateOf(parsed.instant)) : parsed.instant;
}

export interface LedgerVocabulary {
  channelByName: Map<string, string>;
  categoryByName: Map<string, string>;
  townshipByName: Map<string, number>;
  /** The Chinese names of the states (当前状态) */
  stateByName: Map<string, CaseState>;
}

/** A checked ledger row, in the application's terms. */
export interface LedgerRow {
  row: number;
  caseNo: string | null;
  kind: CaseKind;
  channel: string;
  receivedAt: Date;
  acceptedAt: Date | null;
  complainantName: string | null;
  complainantPhone: string | null;
  townshipId: number;
  category: string;
  subject: string;
  /** The respondent's checked credit code, when the row gives one (the import links its register unit). */
  respondentCode: string | null;
  address: string;
  description: string;
  dueAt: Date | null;
  extensionDays: number;
  concludedAt: Date | null;
  outcome: string | null;
  satisfaction: string | null;
  accepted: boolean;
  /** The state an exported ledger recorded, when it is one an import can reproduce. */
  state: CaseState | null;
}

const text = (cell: LedgerCell) => (cell instanceof Date ? formatLocalDateTime(cell) : String(cell ?? "").trim());

/** Reads one data row; returns the row, or every problem found in it. */
export function readLedgerRow(
  cells: LedgerCell[],
  rowNumber: number,
  headers: HeaderMatch,
  vocabulary: LedgerVocabulary,
  now: Date,
): { row: LedgerRow; problems: [] } | { row: null; problems: LedgerProblem[] } {
  const problems: LedgerProblem[] = [];
  const cell = (key: LedgerColumnKey) => {
    const index = headers.index[key];
    return index === undefined ? undefined : cells[index];
  };
  const report = (key: LedgerColumnKey, problem: LedgerProblemCode, value?: LedgerCell) => {
    const header = headers.headerOf[key] ?? LEDGER_COLUMNS.find((column) => column.key === key)!.header;
    problems.push({ row: rowNumber, column: header, problem, ...(value !== undefined ? { value: text(value) } : {}) });
  };
  const required = (key: LedgerColumnKey) => {
    const value = text(cell(key));
    if (value === "") report(key, "required");
    return value;
  };
  const lookup = <T>(key: LedgerColumnKey, names: Map<string, T>, problem: LedgerProblemCode): T | null => {
    const value = required(key);
    if (value === "") return null;
    const found = names.get(value);
    if (found === undefined) report(key, problem, value);
    return found ?? null;
  };
  const instant = (key: LedgerColumnKey, isRequired: boolean) => {
    const raw = cell(key);
    if (text(raw) === "") {
      if (isRequired) report(key, "required");
      return null;
    }
    const parsed = parseLedgerDateTime(raw);
    if (!parsed) report(key, "unreadableDate", raw);
    return parsed?.instant ?? null;
  };

  const kindName = required("kind");
  const kind = CASE_KINDS.find((k) => KIND_NAMES[k] === kindName || k === kindName.toLowerCase()) ?? null;
  if (kindName !== "" && !kind) report("kind", "unknownKind", kindName);
  const channel = lookup("channel", vocabulary.channelByName, "unknownChannel");
  const townshipId = lookup("township", vocabulary.townshipByName, "unknownTownship");
  const category = lookup("category", vocabulary.categoryByName, "unknownCategory");
  const description = required("description");
  const receivedAt = instant("receivedAt", true);
  const acceptedAt = instant("acceptedAt", false);
  const concludedAt = instant("concludedAt", false);
  if (receivedAt && isReceivedInFuture(receivedAt, now)) report("receivedAt", "receivedInFuture", cell("receivedAt"));
  if (receivedAt && concludedAt && concludedAt < receivedAt)
    report("concludedAt", "concludedBeforeReceived", cell("concludedAt"));
  if (receivedAt && acceptedAt && acceptedAt < receivedAt) report("acceptedAt", "acceptedBeforeReceived", cell("acceptedAt"));

  let dueAt: Date | null = null;
  if (text(cell("dueAt")) !== "") {
    dueAt = parseLedgerDue(cell("dueAt"));
    if (!dueAt) report("dueAt", "unreadableDate", cell("dueAt"));
  }

  const caseNo = text(cell("caseNo")).toUpperCase() || null;
  if (caseNo) {
    const parsed = parseCaseNo(caseNo);
    if (!parsed) report("caseNo", "badCaseNo", caseNo);
    else if (kind && parsed.kind !== kind) report("caseNo", "caseNoKindMismatch", caseNo);
  }

  const extensionText = text(cell("extensionDays"));
  const extensionDays = extensionText === "" ? 0 : Number(extensionText);
  if (!Number.isInteger(extensionDays) || extensionDays < 0 || extensionDays > 365) {
    report("extensionDays", "badExtensionDays", extensionText);
  }

  const satisfaction = text(cell("satisfaction")) || null;
  if (satisfaction && !(SATISFACTION_LEVELS as readonly string[]).includes(satisfaction)) {
    report("satisfaction", "badSatisfaction", satisfaction);
  }

  const acceptedText = text(cell("accepted"));
  if (acceptedText !== "" && acceptedText !== "是" && acceptedText !== "否") report("accepted", "badAccepted", acceptedText);

  const phone = text(cell("complainantPhone"));
  if (phone !== "" && !/^[\d\s-]+$/.test(phone)) report("complainantPhone", "badPhone", phone);

  const respondentCode = normalizeCreditCode(text(cell("respondentCode"))) || null;
  if (respondentCode && !isCreditCode(respondentCode)) report("respondentCode", "badCreditCode", respondentCode);

  if (problems.length > 0) return { row: null, problems };
  return {
    row: {
      row: rowNumber,
      caseNo,
      kind: kind!,
      channel: channel!,
      receivedAt: receivedAt!,
      acceptedAt,
      complainantName: text(cell("complainantName")) || null,
      complainantPhone: phone.replace(/[\s-]/g, "") || null,
      townshipId: townshipId!,
      category: category!,
      subject: text(cell("subject")),
      respondentCode,
      address: text(cell("address")),
      description,
      dueAt,
      extensionDays,
      concludedAt,
      outcome: text(cell("outcome")) || null,
      satisfaction,
      accepted: acceptedText !== "否",
      state: headers.stateIndex === undefined ? null : (vocabulary.stateByName.get(text(cells[headers.stateIndex])) ?? null),
    },
    problems: [],
  };
}

/** The outcome of a concluded mediation, read from its 办理结果 text. */
export function mediationOutcomeOf(outcome: string | null): MediationOutcome {
  const value = outcome ?? "";
  if (/撤回|撤销申请/.test(value)) return "withdrawn";
  if (/不成|未达成|失败|诉讼|仲裁/.test(value)) return "failure";
  return "agreement";
}

/** Whole days from the due instant's day to the conclusion's (or today's) day; null when on time. */
export function daysOverdue(dueAt: Date | null, concludedAt: Date | null, now: Date): number | null {
  if (!dueAt) return null;
  const judgedAt = concludedAt ?? now;
  if (judgedAt.getTime() <= dueAt.getTime()) return null;
  const days = Math.ceil((judgedAt.getTime() - dueAt.getTime()) / 86_400_000);
  return Math.max(1, days);
}

export const ledgerDateTime = (instant: Date | null) => (instant ? formatLocalDateTime(instant) : "");

/**
 * A spreadsheet opening a CSV file runs a cell that begins with = + - @ (or a tab or carriage return
 * before them) as a formula: `=HYPERLINK(...)` typed as a subject would become a live link. Such a
 * cell is written with a leading apostrophe, which spreadsheets read as "this is text" (OWASP, CSV
 * injection); reading a ledger back removes it again, so an export imports as what was typed (a cell
 * typed with its own apostrophe before a formula character gets one more, and keeps its own).
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function spreadsheetSafeCell(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export function textOfSpreadsheetCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
