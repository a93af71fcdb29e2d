import { type ThrottleLimits, type ThrottleState, afterFailure, takeAttempt } from "~/domain/security";
import { writeTransaction } from "../db/write-transaction.server";

/**
 * Attempts counted under keys (sign-in: the account name, and name + address; case lookup: the client's
 * address, and the case number), in the `SignInThrottle` table (docs/security.md). The rules are
 * app/domain/security.ts's; this module keeps their state.
 */
export interface ThrottleKey {
  key: string;
  limit: number;
}

const NO_FAILURES: ThrottleState = { failures: 0, lockouts: 0, blockedUntil: null };

/**
 * Takes one try from every key in one writing transaction (rows locked on PostgreSQL, the write lock on
 * SQLite), so that concurrent attempts are counted one after another. Refused when any key is used up,
 * with the latest time the refusing keys free again (null while attempts of the same burst are checked).
 */
export async function takeThrottledAttempt(keys: ThrottleKey[], now: Date) {
  const names = keys.map((entry) => entry.key);
  return writeTransaction(async (tx) => {
    for (const key of names) {
      await tx.signInThrottle.upsert({ where: { key }, create: { key, updatedAt: now }, update: { updatedAt: now } });
    }
    const rows = await tx.signInThrottle.findMany({ where: { key: { in: names } } });
    const stateOf = (key: string) => rows.find((row) => row.key === key) ?? NO_FAILURES;
    const decisions = keys.map((entry) => ({ key: entry.key, decision: takeAttempt(stateOf(entry.key), entry.limit, now) }));
    const refused = decisions.filter((entry) => !entry.decision.allowed);
    if (refused.length > 0) {
      const retryAt = refused
        .map((entry) => (entry.decision.allowed ? null : entry.decision.blockedUntil))
        .reduce<Date | null>((latest, date) => (date && (!latest || date > latest) ? date : latest), null);
      return { allowed: false as const, retryAt };
    }
    for (const { key, decision } of decisions) {
      if (decision.allowed) await tx.signInThrottle.update({ where: { key }, data: { ...decision.next, updatedAt: now } });
    }
    return { allowed: true as const };
  });
}

/** A success clears its keys. */
export function clearThrottle(keys: ThrottleKey[], now: Date) {
  return writeTransaction((tx) =>
    tx.signInThrottle.updateMany({
      where: { key: { in: keys.map((entry) => entry.key) } },
      data: { failures: 0, lockouts: 0, blockedUntil: null, updatedAt: now },
    }),
  );
}

/** A success that should not clear a key (a shared address) gives its one try back. */
export function giveBackAttempt(keys: ThrottleKey[], now: Date) {
  return writeTransaction((tx) =>
    tx.signInThrottle.updateMany({
      where: { key: { in: keys.map((entry) => entry.key) }, failures: { gt: 0 }, blockedUntil: null },
      data: { failures: { decrement: 1 }, updatedAt: now },
    }),
  );
}

/** A failure blocks the keys whose allowance it used up; returns those newly blocked. */
export function recordThrottledFailure(keys: ThrottleKey[], limits: ThrottleLimits, now: Date) {
  return writeTransaction(async (tx) => {
    const rows = await tx.signInThrottle.findMany({ where: { key: { in: keys.map((entry) => entry.key) } } });
    const newlyBlocked: string[] = [];
    for (const row of rows) {
      const limit = keys.find((entry) => entry.key === row.key)!.limit;
      const next = afterFailure(row, limit, limits, now);
      if (next.blockedUntil !== row.blockedUntil) {
        newlyBlocked.push(row.key);
        await tx.signInThrottle.update({ where: { key: row.key }, data: { ...next, updatedAt: now } });
      }
    }
    return newlyBlocked;
  });
}
