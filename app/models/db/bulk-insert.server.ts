import type { Transaction } from "~/db.server";
import { Params } from "./sql-dialect.server";

/**
 * Many rows in one INSERT statement, for bulk writes (a ledger import) where Prisma's createMany
 * costs a round trip per row. Values are bound, never spliced (in the dialect's form, see
 * sql-dialect.server.ts). Column names come from code, never from input.
 */
type Value = string | number | boolean | Date | null;

export async function bulkInsert<R = never>(
  tx: Transaction,
  table: string,
  rows: Record<string, Value>[],
  returning?: string,
): Promise<R[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]);
  const params = new Params();
  const values = rows.map((row) => `(${columns.map((column) => params.add(row[column] ?? null)).join(",")})`);
  const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES ${values.join(",")}`;
  if (returning) return tx.$queryRawUnsafe<R[]>(`${sql} RETURNING ${returning}`, ...params.values);
  await tx.$executeRawUnsafe(sql, ...params.values);
  return [];
}
