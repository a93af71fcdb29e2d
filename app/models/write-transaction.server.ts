import { prisma, type Transaction } from "~/db.server";
import { takeWriteLock } from "./sql-dialect.server";

/**
 * A transaction that writes: on SQLite it takes the database's write lock before it reads anything.
 *
 * Prisma begins SQLite transactions DEFERRED. When two processes (web, workers, CLI) each read and then
 * try to write, the one whose snapshot went stale cannot wait for the lock and fails at once. Starting
 * with a write (an empty DELETE, which takes the lock like BEGIN IMMEDIATE) makes the second writer wait
 * its turn (busy timeout) instead. Bursts queue for the one writer, so the waits are generous.
 */
export const WRITE_TRANSACTION = { maxWait: 60_000, timeout: 60_000 };

export function writeTransaction<T>(work: (tx: Transaction) => Promise<T>, options: { timeout?: number } = {}): Promise<T> {
  return prisma.$transaction(
    async (tx) => {
      await takeWriteLock(tx);
      return work(tx);
    },
    { ...WRITE_TRANSACTION, ...options },
  );
}
