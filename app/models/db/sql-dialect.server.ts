import { config } from "~/config.server";
import type { Transaction } from "~/db.server";

/**
 * The one module that knows the SQL dialect (docs/decisions/0008). Raw SQL elsewhere (statistics,
 * deadline steps, bulk inserts) is written once with these pieces and runs on SQLite and PostgreSQL:
 * instants are Unix milliseconds in SQLite (docs/decisions/0002) and timestamps in PostgreSQL.
 */
export const isPostgres = () => config().dialect === "postgresql";

type Value = string | number | boolean | Date | null;

/** A value as the database binds it: SQLite stores instants as milliseconds and booleans as 0/1. */
export function bindable(value: Value): Value {
  if (isPostgres()) return value;
  return value instanceof Date ? value.getTime() : typeof value === "boolean" ? (value ? 1 : 0) : value;
}

/** Positional parameters in the dialect's syntax (`?` or `$n`), collected in order. */
export class Params {
  readonly values: Value[] = [];
  add(value: Value): string {
    this.values.push(bindable(value));
    return isPostgres() ? `$${this.values.length}` : "?";
  }
}

/** An instant column as Unix milliseconds, for arithmetic (handling time). */
export function epochMs(column: string): string {
  return isPostgres() ? `(EXTRACT(EPOCH FROM ${column}) * 1000)` : column;
}

/** An instant column moved by a number of milliseconds the code chose (never input). */
export function instantPlus(column: string, milliseconds: number): string {
  return isPostgres() ? `(${column} + INTERVAL '${milliseconds} milliseconds')` : `(${column} + ${milliseconds})`;
}

/** SQLite's planner is told which covering index to use; PostgreSQL's chooses well by itself. */
export function indexedBy(index: string): string {
  return isPostgres() ? "" : `INDEXED BY "${index}"`;
}

/** Rows of expressions aggregated into one JSON text value (an array of arrays). */
export function jsonArrayAgg(expressions: string[]): string {
  const list = expressions.join(", ");
  return isPostgres() ? `COALESCE(json_agg(json_build_array(${list}))::text, '[]')` : `json_group_array(json_array(${list}))`;
}

/**
 * Locks for the rest of the transaction what a writer is about to change. SQLite: the database's write
 * lock, taken before any read (see write-transaction.server.ts). PostgreSQL: rows lock themselves as they
 * are written, so nothing is needed.
 */
export async function takeWriteLock(tx: Transaction) {
  if (!isPostgres()) await tx.$executeRawUnsafe(`DELETE FROM "Setting" WHERE 1 = 0`);
}

/** `FOR UPDATE SKIP LOCKED` where rows can be locked (PostgreSQL): concurrent workers take different rows. */
export function skipLocked(): string {
  return isPostgres() ? "FOR UPDATE SKIP LOCKED" : "";
}

/**
 * An instant as an SQL literal, for instants the code computed (period boundaries, never input): a
 * number of milliseconds in SQLite, a UTC timestamp in PostgreSQL (Prisma's DateTime columns hold UTC).
 */
export function instantLiteral(instant: Date): string {
  if (!isPostgres()) return String(instant.getTime());
  return `TIMESTAMP '${instant.toISOString().replace("T", " ").replace("Z", "")}'`;
}

/** How many ids a text search may hand to a list query; a broader term is searched by scanning instead. */
export const TEXT_SEARCH_LIMIT = 900;

/**
 * The ids of cases whose number, subject, address or description contain `text`, through SQLite's FTS5
 * trigram index ("CaseSearch"); null when the index cannot answer (a term of fewer than three
 * characters, or more than TEXT_SEARCH_LIMIT matches) or on PostgreSQL, where the pg_trgm indexes serve
 * the ordinary `LIKE` of the list query directly.
 */
export async function textSearchCaseIds(db: { $queryRawUnsafe: Transaction["$queryRawUnsafe"] }, text: string) {
  if (isPostgres() || [...text].length < 3) return null;
  const phrase = `"${text.replace(/"/g, '""')}"`;
  const rows = await db.$queryRawUnsafe<{ id: number | bigint }[]>(
    `SELECT rowid AS "id" FROM "CaseSearch" WHERE "CaseSearch" MATCH ? LIMIT ${TEXT_SEARCH_LIMIT + 1}`,
    phrase,
  );
  return rows.length > TEXT_SEARCH_LIMIT ? null : rows.map((row) => Number(row.id));
}

/** How many cases a search term with LIKE's wildcard characters may find through literalTextCaseIds. */
export const LITERAL_SEARCH_LIMIT = 5000;

/**
 * The ids of cases whose number, subject, address or description (and, with `parties`, a party's name)
 * contain `text` literally, for a term with `%`, `_` or `\`: Prisma's `contains` would read those as
 * LIKE's wildcards (`_` would match every case), so they are escaped here.
 */
export async function literalTextCaseIds(
  db: { $queryRawUnsafe: Transaction["$queryRawUnsafe"] },
  text: string,
  parties: boolean,
) {
  const pattern = `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
  const params = new Params();
  const like = (column: string) => `${column} LIKE ${params.add(pattern)} ESCAPE '\\'`;
  const inCases = ['"caseNo"', '"subject"', '"address"', '"description"'].map(like).join(" OR ");
  const sql =
    `SELECT "id" FROM "Case" WHERE ${inCases}` +
    (parties ? ` UNION SELECT "caseId" AS "id" FROM "CaseParty" WHERE ${like('"name"')}` : "") +
    ` LIMIT ${LITERAL_SEARCH_LIMIT}`;
  const rows = await db.$queryRawUnsafe<{ id: number | bigint }[]>(sql, ...params.values);
  return rows.map((row) => Number(row.id));
}
