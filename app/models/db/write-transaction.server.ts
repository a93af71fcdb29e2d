import { AsyncLocalStorage } from "node:async_hooks";
import { prisma, type Transaction } from "~/db.server";
import { isPostgres, takeWriteLock } from "./sql-dialect.server";

/**
 * A transaction that writes: on SQLite it takes the database's write lock before it reads anything.
 *
 * Prisma begins SQLite transactions DEFERRED. When two processes (web, workers, CLI) each read and then
 * try to write, the one whose snapshot went stale cannot wait for the lock and fails at once. Starting
 * with a write (an empty DELETE, which takes the lock like BEGIN IMMEDIATE) makes the second writer wait
 * its turn (busy timeout) instead. A read of another request on the same connection can still slip in
 * between BEGIN and that first write; the transaction then fails before it has done anything, and is run
 * again, as is a PostgreSQL transaction cancelled by a deadlock. Bursts queue for the one writer, so the
 * waits are generous.
 */
export const WRITE_TRANSACTION = { maxWait: 60_000, timeout: 60_000 };
const ATTEMPTS = 5;

/**
 * A transaction that did nothing lasting and may simply run again: on SQLite a stale snapshot or a
 * busy wait that ran out; on PostgreSQL one the server cancelled to break a deadlock (two steps
 * locking the same month buckets or cases in opposite orders) or a serialization failure.
 */
const mayRunAgain = (error: unknown) => {
  const message = String((error as Error)?.message ?? error);
  if (isPostgres()) return (error as { code?: string })?.code === "P2034" || /40P01|40001|deadlock detected/.test(message);
  return /SQLITE_BUSY|database is locked|SocketTimeout|timed out/i.test(message);
};

const openTransaction = new AsyncLocalStorage<Transaction>();

/**
 * Where a read that may happen inside a step's transaction reads: through that transaction, if one is
 * open in this request, else through the pool. Kept reference data read again in the middle of a step
 * (kept.server.ts) must not wait for a second connection on PostgreSQL: with the pool taken by steps that
 * wait for a lock this one holds (the year's case numbers, a month bucket), it would wait until the
 * transaction times out.
 */
export const readerInTransaction = (): Transaction => openTransaction.getStore() ?? prisma;

export async function writeTransaction<T>(work: (tx: Transaction) => Promise<T>, options: { timeout?: number } = {}): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await prisma.$transaction(
        async (tx) => {
          await takeWriteLock(tx);
          return openTransaction.run(tx, () => work(tx));
        },
        { ...WRITE_TRANSACTION, ...options },
      );
    } catch (error) {
      if (attempt >= ATTEMPTS || !mayRunAgain(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40 * attempt));
    }
  }
}
