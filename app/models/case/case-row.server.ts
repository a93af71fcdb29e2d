import type { Transaction } from "~/db.server";
import { type Case, Prisma } from "~/generated/prisma/client";
import { bulkInsert } from "../db/bulk-insert.server";

/**
 * A new case's row written as one raw INSERT … RETURNING, for registration, the busiest write there is:
 * Prisma's `case.create` costs three times the same statement raw in the web process's CPU (its query
 * compiler, docs/decisions/0026), and intake's pace is that CPU's. The row read back is the case as
 * Prisma would answer it: both adapters type a raw row by its columns (instants as Date, booleans as
 * booleans), and the table's defaults fill what the data leaves out.
 */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type CaseRequired = Extract<RequiredKeys<Prisma.CaseUncheckedCreateInput>, keyof Case>;
export type NewCaseRow = Pick<Case, CaseRequired> & Partial<Omit<Case, "id" | "updatedAt">>;

const CASE_COLUMNS = new Set<string>(Object.values(Prisma.CaseScalarFieldEnum));

export async function insertCase(tx: Transaction, data: NewCaseRow): Promise<Case> {
  const row: Record<string, string | number | boolean | Date | null> = {};
  for (const [column, value] of Object.entries(data)) {
    // Column names are the code's, never input's; one that is not the model's is a mistake here.
    if (!CASE_COLUMNS.has(column)) throw new Error(`insertCase: "${column}" is not a column of Case`);
    if (value !== undefined) row[column] = value as string | number | boolean | Date | null;
  }
  // Prisma's @default(now()) and @updatedAt are the client's, not the table's.
  const now = new Date();
  row.createdAt ??= now;
  row.updatedAt = now;
  const [record] = await bulkInsert<Case>(tx, "Case", [row], "*");
  return record;
}
