import { prisma, type Transaction } from "~/db.server";
import { CASE_KINDS, type CaseKind, parseCaseNo } from "~/domain/case-kinds";
import {
  type HeaderMatch,
  type LedgerProblem,
  type LedgerRow,
  type LedgerVocabulary,
  matchHeaders,
  readLedgerRow,
} from "~/domain/ledger";
import { type ImportedCase, planImportedCase } from "~/domain/ledger-import";
import { localDateOf, yearOf } from "~/domain/local-time";
import { selectPolicy } from "~/domain/policies";
import { CASE_STATES, type CaseState } from "~/domain/workflow";
import { tKey } from "~/i18n";
import { logger } from "~/logger.server";
import { bulkInsert } from "../db/bulk-insert.server";
import { reserveCaseNumbers } from "../case/intake.server";
import { writeTransaction } from "../db/write-transaction.server";
import { scheduleDeadlinesOf } from "../deadlines/queue.server";
import { type LedgerFormat, LedgerFileError, ledgerFormatOf, readLedgerFile } from "./file.server";
import { loadPolicies, loadWorkCalendar } from "../reference/reference-data.server";

/**
 * Imports a ledger (docs/ledger-format.md): reads and checks every row, reports every problem by row and
 * column, and only when there is none (and `apply` is set) writes all new cases in one transaction,
 * each with its milestones and one audit event naming the file. Rows already present (same 编号, or the
 * same kind, receipt, township and content when 编号 is empty) are left alone; a 编号 present with other
 * content is a conflict.
 */

export type ImportPhase = "reading" | "checking" | "writing" | "done";

export interface LedgerImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
}

export interface LedgerImportSummary {
  fileName: string;
  applied: boolean;
  rows: number;
  created: number;
  unchanged: number;
  byKind: Record<CaseKind, number>;
  open: number;
  overdueOpen: number;
  concluded: number;
  rejected: number;
  unknownColumns: string[];
  problems: LedgerProblem[];
}

export interface LedgerImportOptions {
  apply: boolean;
  actorId: number | null;
  now?: Date;
  onProgress?: (progress: LedgerImportProgress) => void | Promise<void>;
}

const CHECK_CHUNK = 500;
const WRITE_CHUNK = 400;

async function ledgerVocabulary(): Promise<LedgerVocabulary> {
  const [channels, categories, townships] = await Promise.all([
    prisma.channel.findMany({ where: { active: true } }),
    prisma.category.findMany({ where: { active: true } }),
    prisma.township.findMany({ where: { active: true, kind: "township" } }),
  ]);
  return {
    channelByName: new Map(channels.map((c) => [c.name, c.code])),
    categoryByName: new Map(categories.map((c) => [c.name, c.code])),
    townshipByName: new Map(townships.map((t) => [t.name, t.id])),
    stateByName: new Map(CASE_STATES.map((state) => [tKey("state", state), state as CaseState])),
  };
}

/** What makes two records of a case the same, for a rerun of the same ledger. */
function sameCase(row: LedgerRow, existing: { kind: string; receivedAt: Date; townshipId: number; description: string }) {
  return (
    existing.kind === row.kind &&
    existing.receivedAt.getTime() === row.receivedAt.getTime() &&
    existing.townshipId === row.townshipId &&
    existing.description === row.description
  );
}

const contentKey = (c: { kind: string; receivedAt: Date; townshipId: number; description: string }) =>
  `${c.kind}|${c.receivedAt.getTime()}|${c.townshipId}|${c.description}`;

/** Splits checked rows into new ones and ones already imported; conflicts become problems. */
async function matchExisting(
  rows: LedgerRow[],
  caseNoColumn: string,
  problems: LedgerProblem[],
  progress: (done: number) => Promise<void>,
) {
  const fresh: LedgerRow[] = [];
  let unchanged = 0;
  const select = { caseNo: true, kind: true, receivedAt: true, townshipId: true, description: true } as const;
  for (let start = 0; start < rows.length; start += CHECK_CHUNK) {
    const chunk = rows.slice(start, start + CHECK_CHUNK);
    const numbers = chunk.flatMap((row) => (row.caseNo ? [row.caseNo] : []));
    const instants = chunk.filter((row) => !row.caseNo).map((row) => row.receivedAt);
    const [byNumber, byContent] = await Promise.all([
      numbers.length > 0 ? prisma.case.findMany({ where: { caseNo: { in: numbers } }, select }) : [],
      instants.length > 0 ? prisma.case.findMany({ where: { receivedAt: { in: instants } }, select }) : [],
    ]);
    const numbered = new Map(byNumber.map((c) => [c.caseNo, c]));
    const contents = new Set(byContent.map(contentKey));
    for (const row of chunk) {
      const existing = row.caseNo ? numbered.get(row.caseNo) : undefined;
      if (existing && !sameCase(row, existing)) {
        problems.push({ row: row.row, column: caseNoColumn, problem: "conflict", value: row.caseNo! });
      } else if (existing || (!row.caseNo && contents.has(contentKey(row)))) {
        unchanged += 1;
      } else {
        fresh.push(row);
      }
    }
    await progress(Math.min(rows.length, start + CHECK_CHUNK));
  }
  return { fresh, unchanged };
}

interface PlannedCase {
  row: LedgerRow;
  policyId: number;
  plan: ImportedCase;
  /** The register's unit the row's credit code names. */
  respondent: { id: number; name: string } | null;
}

/**
 * The register's units of the rows' credit codes; a code the register lacks is a problem of its row (the
 * register is imported first, so that the case points to its unit).
 */
async function unitsOfCodes(rows: LedgerRow[], column: string, problems: LedgerProblem[]) {
  const codes = [...new Set(rows.flatMap((row) => (row.respondentCode ? [row.respondentCode] : [])))];
  const units = new Map<string, { id: number; name: string }>();
  for (let start = 0; start < codes.length; start += CHECK_CHUNK) {
    const found = await prisma.regulatedUnit.findMany({
      where: { creditCode: { in: codes.slice(start, start + CHECK_CHUNK) } },
      select: { id: true, name: true, creditCode: true },
    });
    for (const unit of found) units.set(unit.creditCode, { id: unit.id, name: unit.name });
  }
  for (const row of rows) {
    if (row.respondentCode && !units.has(row.respondentCode)) {
      problems.push({ row: row.row, column, problem: "unregisteredUnit", value: row.respondentCode });
    }
  }
  return units;
}

/**
 * Numbers for the new cases: the file's own, and for the rest numbers reserved as at intake, above
 * both the sequence and the file's highest own number of each kind and year.
 */
async function numberCases(tx: Transaction, planned: PlannedCase[]) {
  const groups = new Map<string, { kind: CaseKind; year: number; highest: number; unnumbered: number }>();
  const groupOf = (row: LedgerRow) => {
    const year = parseCaseNo(row.caseNo ?? "")?.year ?? yearOf(localDateOf(row.receivedAt));
    const key = `${row.kind}:${year}`;
    if (!groups.has(key)) groups.set(key, { kind: row.kind, year, highest: 0, unnumbered: 0 });
    return groups.get(key)!;
  };
  for (const { row } of planned) {
    const group = groupOf(row);
    if (row.caseNo) group.highest = Math.max(group.highest, parseCaseNo(row.caseNo)!.seq);
    else group.unnumbered += 1;
  }
  const reserved = new Map<object, { year: number; seq: number; caseNo: string }[]>();
  for (const group of groups.values()) {
    reserved.set(group, await reserveCaseNumbers(tx, group.kind, group.year, group.unnumbered, group.highest));
  }
  return planned.map(({ row }) => {
    if (!row.caseNo) return reserved.get(groupOf(row))!.shift()!;
    const parsed = parseCaseNo(row.caseNo)!;
    return { caseNo: row.caseNo, year: parsed.year, seq: parsed.seq };
  });
}

async function writeCases(
  planned: PlannedCase[],
  fileName: string,
  options: LedgerImportOptions,
  now: Date,
  progress: (done: number) => Promise<void>,
) {
  return writeTransaction(
    async (tx) => {
      const numbers = await numberCases(tx, planned);
      const openCaseIds: number[] = [];
      for (let start = 0; start < planned.length; start += WRITE_CHUNK) {
        const chunk = planned.slice(start, start + WRITE_CHUNK);
        const created = await bulkInsert<{ id: number | bigint }>(
          tx,
          "Case",
          chunk.map(({ row, plan, policyId, respondent }, offset) => ({
            ...numbers[start + offset],
            kind: row.kind,
            state: plan.state,
            channel: row.channel,
            category: row.category,
            townshipId: row.townshipId,
            assignedToId: plan.assigned ? row.townshipId : null,
            receivedAt: row.receivedAt,
            complainantName: row.complainantName,
            complainantPhone: row.complainantPhone,
            subject: respondent?.name ?? row.subject,
            respondentId: respondent?.id ?? null,
            address: row.address,
            description: row.description,
            resultText: plan.rejectedAt ? null : row.outcome,
            replyText: plan.concludedAt ? row.outcome : null,
            decisionReason: plan.rejectedAt ? row.outcome : null,
            satisfaction: row.satisfaction,
            acceptedAt: plan.acceptedAt,
            rejectedAt: plan.rejectedAt,
            concludedAt: plan.concludedAt,
            closedAt: plan.closedAt,
            overdue: plan.overdue,
            dueAt: plan.dueAt,
            nextDueAt: plan.nextDueAt,
            nextWarningAt: plan.nextWarningAt,
            mediationOutcome: plan.mediationOutcome,
            outcomeText: row.kind === "mediation" && plan.concludedAt ? row.outcome : null,
            policyId,
            createdById: options.actorId,
            createdAt: now,
            updatedAt: now,
          })),
          '"id"',
        );
        const ids = created.map((c) => Number(c.id));
        await bulkInsert(
          tx,
          "CaseMilestone",
          chunk.flatMap(({ plan }, offset) => plan.milestones.map((m) => ({ ...m, caseId: ids[offset] }))),
        );
        await bulkInsert(
          tx,
          "AuditEvent",
          chunk.map(({ row }, offset) => ({
            caseId: ids[offset],
            actorId: options.actorId,
            at: now,
            action: "import",
            after: JSON.stringify({ file: fileName, row: row.row }),
          })),
        );
        chunk.forEach(({ plan }, offset) => {
          if (plan.milestones.some((m) => m.status === "open")) openCaseIds.push(ids[offset]);
        });
        await progress(Math.min(planned.length, start + WRITE_CHUNK));
      }
      return openCaseIds;
    },
    { timeout: 30 * 60_000 },
  );
}

function emptySummary(fileName: string): LedgerImportSummary {
  return {
    fileName,
    applied: false,
    rows: 0,
    created: 0,
    unchanged: 0,
    byKind: Object.fromEntries(CASE_KINDS.map((kind) => [kind, 0])) as Record<CaseKind, number>,
    open: 0,
    overdueOpen: 0,
    concluded: 0,
    rejected: 0,
    unknownColumns: [],
    problems: [],
  };
}

const nothingCreated = () => {
  const { created, byKind, open, overdueOpen, concluded, rejected } = emptySummary("");
  return { created, byKind, open, overdueOpen, concluded, rejected };
};

/** Checks a ledger file and, with `apply` and no problem found, imports it whole. */
export async function importLedger(file: { content: Buffer; fileName: string }, options: LedgerImportOptions) {
  const now = options.now ?? new Date();
  const summary = emptySummary(file.fileName);
  const report = async (phase: ImportPhase, done: number, total: number) => options.onProgress?.({ phase, done, total });
  const format: LedgerFormat | null = ledgerFormatOf(file.fileName);
  if (!format) {
    summary.problems.push({ row: 0, column: "", problem: "unsupportedFile", value: file.fileName });
    return summary;
  }
  await report("reading", 0, 0);
  let cells;
  try {
    cells = await readLedgerFile(file.content, format);
  } catch (error) {
    if (!(error instanceof LedgerFileError)) throw error;
    summary.problems.push({ row: 0, column: "", problem: "unreadableFile", value: error.message });
    return summary;
  }
  const [headerRow = [], ...dataRows] = cells;
  const headers: HeaderMatch = matchHeaders(headerRow.map((cell) => String(cell ?? "")));
  summary.unknownColumns = headers.unknown;
  summary.problems.push(...headers.problems);
  if (headers.problems.length > 0) return summary;

  const [vocabulary, policies, calendar] = await Promise.all([ledgerVocabulary(), loadPolicies(), loadWorkCalendar()]);
  const rows: LedgerRow[] = [];
  const seenNumbers = new Map<string, number>();
  const caseNoColumn = headers.headerOf.caseNo ?? "编号";
  dataRows.forEach((rowCells, index) => {
    if (rowCells.every((cell) => cell === null || cell === undefined || String(cell).trim() === "")) return;
    const result = readLedgerRow(rowCells, index + 2, headers, vocabulary, now);
    summary.rows += 1;
    if (!result.row) {
      summary.problems.push(...result.problems);
      return;
    }
    const { row } = result;
    if (row.caseNo) {
      const first = seenNumbers.get(row.caseNo);
      if (first !== undefined) {
        summary.problems.push({
          row: row.row,
          column: caseNoColumn,
          problem: "duplicateCaseNo",
          value: `${row.caseNo} (${first})`,
        });
        return;
      }
      seenNumbers.set(row.caseNo, row.row);
    }
    rows.push(row);
  });
  if (summary.rows === 0) summary.problems.push({ row: 2, column: "", problem: "noRows" });
  await report("checking", 0, rows.length);
  const { fresh, unchanged } = await matchExisting(rows, caseNoColumn, summary.problems, (done) =>
    report("checking", done, rows.length),
  );
  summary.unchanged = unchanged;
  const unitByCode = await unitsOfCodes(fresh, headers.headerOf.respondentCode ?? "统一社会信用代码", summary.problems);

  const planned: PlannedCase[] = [];
  for (const row of fresh) {
    const policy = selectPolicy(policies, { ...row, urgency: "normal" });
    if (!policy) {
      summary.problems.push({ row: row.row, column: headers.headerOf.kind ?? "类型", problem: "noPolicy", value: row.kind });
      continue;
    }
    const plan = planImportedCase(row, policy, calendar, now);
    const unit = row.respondentCode ? unitByCode.get(row.respondentCode) : undefined;
    planned.push({ row, policyId: policy.id, plan, respondent: unit ?? null });
    summary.byKind[row.kind] += 1;
    if (plan.concludedAt) summary.concluded += 1;
    else if (plan.state === "rejected") summary.rejected += 1;
    else if (plan.state !== "merged") {
      summary.open += 1;
      if (plan.overdue) summary.overdueOpen += 1;
    }
  }
  summary.problems.sort((a, b) => a.row - b.row);
  summary.created = planned.length;
  if (summary.problems.length > 0 || !options.apply) {
    // A file with problems imports nothing: none of its rows is a new case, open, concluded or rejected.
    if (summary.problems.length > 0) Object.assign(summary, nothingCreated());
    await report("done", rows.length, rows.length);
    return summary;
  }

  if (planned.length === 0) {
    summary.applied = true;
    await report("done", rows.length, rows.length);
    return summary;
  }
  await report("writing", 0, planned.length);
  const openCaseIds = await writeCases(planned, file.fileName, options, now, (done) => report("writing", done, planned.length));
  summary.applied = true;
  logger.info({ file: file.fileName, created: planned.length, actorId: options.actorId }, "ledger imported");
  await scheduleDeadlinesOf(openCaseIds, now);
  await report("done", planned.length, planned.length);
  return summary;
}
