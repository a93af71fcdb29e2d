import { prisma, type Transaction } from "~/db.server";
import type { CreditGrade } from "~/domain/credit-grades";
import { cardsOfUnit } from "./cards.server";
import { writeTransaction } from "../db/write-transaction.server";
import type { UnitFields, UnitProblem } from "~/domain/enterprise-register";
import { readUnitRows } from "~/domain/enterprise-register";
import { isCreditCode, normalizeCreditCode } from "~/domain/credit-code";
import { nameStem } from "~/domain/typed-choice";
import { CASE_STATES, HANDLING_STATES } from "~/domain/workflow";
import { overdueNow } from "../case/lists.server";
import { dueStatusOf } from "~/domain/case-deadlines";
import { SHOWN_WARNING, shownWarning, warningsInForceAt } from "./repeat-reports.server";
import { REGISTER_READERS, mayEnterCreditGrades } from "~/domain/roles";
import { ActionNotAllowedError } from "../errors";
import type { SignedInUser } from "~/session.server";
import { LedgerFileError, ledgerFormatOf, readLedgerFile } from "~/models/ledger/file.server";
import type { LedgerImportProgress } from "~/models/ledger/import.server";

/** Township ids by name and by name without 街道/镇, as register files write them. */
async function townshipIdsByName() {
  const townships = await prisma.township.findMany({ where: { kind: "township" }, select: { id: true, name: true } });
  const byName = new Map<string, number>();
  for (const township of townships) {
    byName.set(township.name, township.id);
    byName.set(nameStem(township.name), township.id);
  }
  return byName;
}

/** How far an import is: the ledger import's phases (reading, checking, writing, done). */
export type RegisterImportProgress = LedgerImportProgress;

export interface RegisterImportSummary {
  rows: number;
  created: number;
  updated: number;
  problems: UnitProblem[];
  unknownColumns: string[];
  applied: boolean;
}

/**
 * Checks a register file (CSV or XLSX) and, with `apply` and no problem at all, imports it whole in one
 * transaction: a unit already known by its code is updated, any other created. A file with a problem
 * changes nothing.
 */
export async function importRegister(
  file: { content: Buffer; fileName: string },
  options: { apply: boolean; onProgress?: (progress: RegisterImportProgress) => void | Promise<void> },
): Promise<RegisterImportSummary> {
  const format = ledgerFormatOf(file.fileName);
  const empty = { rows: 0, created: 0, updated: 0, unknownColumns: [], applied: false };
  if (!format) return { ...empty, problems: [{ row: 0, column: "", problem: "unsupportedFile" }] };
  let rows;
  try {
    await options.onProgress?.({ phase: "reading", done: 0, total: 0 });
    rows = await readLedgerFile(file.content, format);
  } catch (error) {
    if (error instanceof LedgerFileError) return { ...empty, problems: [{ row: 0, column: "", problem: "unreadableFile" }] };
    throw error;
  }
  await options.onProgress?.({ phase: "checking", done: 0, total: Math.max(rows.length - 1, 0) });
  const { units, problems, unknownColumns } = readUnitRows(rows, await townshipIdsByName());
  const known = new Set(
    (
      await prisma.regulatedUnit.findMany({
        where: { creditCode: { in: units.map((unit) => unit.creditCode) } },
        select: { creditCode: true },
      })
    ).map((unit) => unit.creditCode),
  );
  const summary = {
    rows: Math.max(rows.length - 1, 0),
    created: units.filter((unit) => !known.has(unit.creditCode)).length,
    updated: units.filter((unit) => known.has(unit.creditCode)).length,
    problems,
    unknownColumns,
    applied: false,
  };
  if (!options.apply || problems.length > 0) return summary;
  await writeTransaction(
    async (tx) => {
      for (const [index, unit] of units.entries()) {
        const { creditGrade, ...data } = unitData(unit);
        const saved = await tx.regulatedUnit.upsert({ where: { creditCode: unit.creditCode }, create: data, update: data });
        if (creditGrade) await saveCreditGrade(tx, saved.id, creditGrade, null);
        // Every hundredth unit, and the last: a worker's progress is a Redis write.
        if ((index + 1) % 100 === 0 || index + 1 === units.length) {
          await options.onProgress?.({ phase: "writing", done: index + 1, total: units.length });
        }
      }
    },
    { timeout: 10 * 60_000 },
  );
  await options.onProgress?.({ phase: "done", done: units.length, total: units.length });
  return { ...summary, applied: true };
}

function unitData(unit: UnitFields) {
  return { ...unit, formerNames: unit.formerNames.join("\n") };
}

/** A unit's grade for a year, entered (by `enteredById`) or imported (null): the year's one grade. */
export async function saveCreditGrade(
  db: Transaction,
  unitId: number,
  { year, grade }: { year: number; grade: CreditGrade },
  enteredById: number | null,
) {
  const data = { grade, enteredById, updatedAt: new Date() };
  await db.creditGrade.upsert({ where: { unitId_year: { unitId, year } }, create: { unitId, year, ...data }, update: data });
}

/** A grade entered on the unit's page; false when there is no such unit. */
export async function enterCreditGrade(
  user: Pick<SignedInUser, "id" | "role">,
  unitId: number,
  value: { year: number; grade: CreditGrade },
) {
  if (!mayEnterCreditGrades(user)) throw new ActionNotAllowedError("creditGrade");
  const unit = await prisma.regulatedUnit.findUnique({ where: { id: unitId }, select: { id: true } });
  if (!unit) return false;
  await prisma.$transaction((tx) => saveCreditGrade(tx, unit.id, value, user.id));
  return true;
}

/** What a township user may see of the register: their township's units only. */
function visibleUnits(user: Pick<SignedInUser, "role" | "townshipId">) {
  return user.role === "township" ? { townshipId: user.townshipId ?? -1 } : {};
}

/** Units by name, former name or code, as typed (a code in any spacing or case). */
export async function searchUnits(user: Pick<SignedInUser, "role" | "townshipId">, query: string, limit = 20) {
  const text = query.trim().slice(0, 100);
  const code = text.replace(/[\s-]/g, "").toUpperCase();
  return prisma.regulatedUnit.findMany({
    where: {
      ...visibleUnits(user),
      ...(text
        ? { OR: [{ name: { contains: text } }, { formerNames: { contains: text } }, { creditCode: { startsWith: code } }] }
        : {}),
    },
    select: {
      id: true,
      creditCode: true,
      name: true,
      address: true,
      industry: true,
      township: { select: { id: true, name: true } },
      creditGrades: { orderBy: { year: "desc" }, take: 1, select: { year: true, grade: true } },
      // The repeat-report warning in force, which the intake tells the operator of.
      repeatWarnings: {
        where: warningsInForceAt(new Date()),
        orderBy: { raisedAt: "desc" },
        take: 1,
        select: { windowEndsAt: true, _count: { select: { cases: true } } },
      },
    },
    orderBy: { name: "asc" },
    take: limit,
  });
}

/** A unit's page lists its latest cases; the counts are of all of them. */
export const UNIT_CASES_SHOWN = 500;

/**
 * A unit's page: its fields and every case about it across kinds and years, newest first, with the
 * counts the desk reads (open, overdue, by outcome). A township user sees a unit of their township and
 * only its cases in their township; anyone else sees nothing of another township's unit.
 */
export async function unitPage(user: Pick<SignedInUser, "role" | "townshipId">, unitId: number, now = new Date()) {
  const unit = await prisma.regulatedUnit.findFirst({
    where: { id: unitId, ...visibleUnits(user) },
    include: { township: { select: { name: true } } },
  });
  if (!unit) return null;
  const where = { respondentId: unit.id, ...(user.role === "township" ? { townshipId: user.townshipId ?? -1 } : {}) };
  const [cases, byState, overdue] = await Promise.all([
    prisma.case.findMany({
      where,
      select: {
        caseNo: true,
        kind: true,
        state: true,
        receivedAt: true,
        concludedAt: true,
        overdue: true,
        nextDueAt: true,
        nextWarningAt: true,
        township: { select: { name: true } },
      },
      orderBy: { receivedAt: "desc" },
      take: UNIT_CASES_SHOWN,
    }),
    prisma.case.groupBy({ by: ["state"], where, _count: { _all: true } }),
    // Overdue by the one rule of "overdue" (dueStatusOf, in its query form), as every list says it.
    prisma.case.count({ where: { ...where, ...overdueNow(now) } }),
  ]);
  const ofStates = (states: readonly string[]) =>
    byState.filter((row) => states.includes(row.state)).reduce((total, row) => total + row._count._all, 0);
  const shown = cases.map(({ nextWarningAt, ...item }) => ({
    ...item,
    overdue: dueStatusOf({ ...item, nextWarningAt }, now) === "red",
  }));
  const [repeatWarnings, creditGrades] = await Promise.all([
    prisma.repeatReportWarning.findMany({
      where: { unitId: unit.id },
      orderBy: { raisedAt: "desc" },
      select: SHOWN_WARNING,
    }),
    prisma.creditGrade.findMany({ where: { unitId: unit.id }, orderBy: { year: "desc" }, select: { year: true, grade: true } }),
  ]);
  return {
    unit: { ...unit, formerNames: unit.formerNames ? unit.formerNames.split("\n") : [] },
    repeatWarnings: repeatWarnings.map((warning) => shownWarning(warning, now)),
    creditGrades,
    cases: shown,
    counts: {
      total: ofStates(CASE_STATES),
      open: ofStates(HANDLING_STATES),
      overdue,
      // How the others ended: answered (concluded or closed), not accepted, or merged into another case.
      concluded: ofStates(["concluded", "closed"]),
      rejected: ofStates(["rejected"]),
      merged: ofStates(["merged"]),
    },
  };
}

/** Whether a user may open a unit's page: the register's readers; township staff their township's units only. */
export function mayOpenUnit(user: Pick<SignedInUser, "role" | "townshipId">, unit: { townshipId: number }) {
  return (
    (REGISTER_READERS as readonly string[]).includes(user.role) &&
    (user.role !== "township" || unit.townshipId === user.townshipId)
  );
}

/** A unit by its code as the command line shows it: the bureau's full view. */
export async function unitReport(code: string, now = new Date()) {
  const unit = await prisma.regulatedUnit.findUnique({ where: { creditCode: code }, select: { id: true, townshipId: true } });
  const page = unit ? await unitPage({ role: "admin", townshipId: null }, unit.id, now) : null;
  if (!unit || !page) return null;
  const cards = await cardsOfUnit({ id: 0, role: "admin", townshipId: null }, unit, now);
  return { ...page, cards: cards.map(({ allowedActions: _steps, history: _history, ...card }) => card) };
}

/**
 * The registered unit a respondent as typed at intake names: its code (in any spacing or case), its
 * name, or one of its former names, when exactly one unit has it; otherwise none, and the respondent is
 * recorded as typed (an unregistered one).
 */
export async function resolveRespondent(typed: string) {
  const text = typed.trim();
  if (!text) return null;
  const select = { id: true, name: true, townshipId: true } as const;
  const code = normalizeCreditCode(text);
  if (isCreditCode(code)) return prisma.regulatedUnit.findUnique({ where: { creditCode: code }, select });
  const named = await prisma.regulatedUnit.findMany({ where: { name: text }, select, take: 2 });
  if (named.length > 0) return named.length === 1 ? named[0] : null;
  const former = await prisma.regulatedUnit.findMany({
    where: { formerNames: { contains: text } },
    select: { ...select, formerNames: true },
    take: 20,
  });
  const exact = former.filter((unit) => unit.formerNames.split("\n").includes(text));
  return exact.length === 1 ? { id: exact[0].id, name: exact[0].name, townshipId: exact[0].townshipId } : null;
}
