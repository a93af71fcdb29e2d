import type { Transaction } from "~/db.server";

/**
 * Many rows in one INSERT statement, for bulk writes (a ledger import) where Prisma's createMany
 * costs a round trip per row. Values are bound, never spliced; instants are bound as Unix
 * milliseconds and booleans as 0/1, as the SQLite adapter stores them (docs/decisions/0002).
 * Column names come from code, never from input. SQLite dialect.
 */
type Value = string | number | boolean | Date | null;

const bindable = (value: Value) =>
  value instanceof Date ? value.getTime() : typeof value === "boolean" ? (value ? 1 : 0) : value;

export async function bulkInsert<R = never>(
  tx: Transaction,
  table: string,
  rows: Record<string, Value>[],
  returning?: string,
): Promise<R[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]);
  const placeholders = `(${columns.map(() => "?").join(",")})`;
  const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES ${rows.map(() => placeholders).join(",")}`;
  const values = rows.flatMap((row) => columns.map((column) => bindable(row[column] ?? null)));
  if (returning) return tx.$queryRawUnsafe<R[]>(`${sql} RETURNING ${returning}`, ...values);
  await tx.$executeRawUnsafe(sql, ...values);
  return [];
}
