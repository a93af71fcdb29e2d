import { config } from "~/config.server";
import { prisma } from "~/db.server";
import type { Role } from "~/domain/roles";
import { type ThrottleLimits, accountNameOfThrottleKey, normalizeUsername, throttleKeys } from "~/domain/security";
import { verifyPassword } from "./passwords.server";
import { recordSecurityEvent } from "./security-log.server";
import { clearThrottle, recordThrottledFailure, takeThrottledAttempt } from "./throttle.server";
import { writeTransaction } from "../db/write-transaction.server";

export interface SignInAttempt {
  username: string;
  password: string;
  clientAddress: string;
}

/**
 * Unknown, inactive and blocked accounts answer alike: "invalid" when the password was checked and
 * wrong (or there is no such account), "throttled" when this name or this client used up its tries.
 */
export type SignInResult =
  | { ok: true; user: { id: number; role: Role } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAt: Date | null };

export const throttleLimits = (): ThrottleLimits => ({
  perAccountAndAddress: config().SIGN_IN_MAX_FAILURES,
  perAccount: config().SIGN_IN_ACCOUNT_MAX_FAILURES,
  firstLockoutMs: config().SIGN_IN_LOCKOUT_MINUTES * 60_000,
});

/**
 * Checks a user name and password (docs/security.md "Sign-in"). Each attempt first takes a try from
 * both of its throttle keys in one writing transaction (rows locked on PostgreSQL, the write lock on
 * SQLite), so that concurrent attempts are counted one after another; only then is the password checked.
 */
export async function signIn(attempt: SignInAttempt, now = new Date()): Promise<SignInResult> {
  const username = normalizeUsername(attempt.username);
  const keys = throttleKeys(username, attempt.clientAddress);
  const limits = throttleLimits();
  const ordered = [
    { key: keys.account, limit: limits.perAccount },
    { key: keys.pair, limit: limits.perAccountAndAddress },
  ];
  const taken = await takeThrottledAttempt(ordered, now);
  if (!taken.allowed) {
    await recordSecurityEvent({ type: "signInThrottled", username, clientAddress: attempt.clientAddress }, now);
    return { ok: false, reason: "throttled", retryAt: taken.retryAt };
  }

  const user = await prisma.user.findUnique({
    where: { username: attempt.username.trim() },
    select: { id: true, role: true, active: true, passwordHash: true },
  });
  // An unknown name costs the same hash work as a wrong password, so the two cannot be told apart by time.
  const passwordMatches = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, attempt.password);
  if (user && user.active && passwordMatches) {
    await clearThrottle(ordered, now);
    await recordSecurityEvent({ type: "signInSucceeded", username, userId: user.id, clientAddress: attempt.clientAddress }, now);
    return { ok: true, user: { id: user.id, role: user.role as Role } };
  }

  const blocked = await recordThrottledFailure(ordered, limits, now);
  await recordSecurityEvent(
    {
      type: "signInFailed",
      username,
      userId: user?.id ?? null,
      clientAddress: attempt.clientAddress,
      detail: { knownAccount: Boolean(user) },
    },
    now,
  );
  if (blocked.length > 0) {
    await recordSecurityEvent(
      {
        type: "accountLocked",
        username,
        userId: user?.id ?? null,
        clientAddress: attempt.clientAddress,
        detail: { scope: blocked.includes(keys.account) ? "account" : "accountAndAddress" },
      },
      now,
    );
  }
  return { ok: false, reason: "invalid" };
}

/** Every throttle key of an account name: the name's own, and the name's with each client address. */
function keysOfAccount(username: string) {
  const { account, pair } = throttleKeys(username, "");
  return { OR: [{ key: account }, { key: { startsWith: pair } }] };
}

/** The blocks that still hold, by account name (the latest of its keys): of every name, or of one. */
export async function blockedAccountNames(now = new Date(), username?: string) {
  const rows = await prisma.signInThrottle.findMany({
    where: { blockedUntil: { gt: now }, ...(username ? keysOfAccount(username) : {}) },
    select: { key: true, blockedUntil: true },
  });
  const blocked = new Map<string, Date>();
  for (const row of rows) {
    const name = accountNameOfThrottleKey(row.key);
    const until = row.blockedUntil!;
    if (!blocked.has(name) || blocked.get(name)! < until) blocked.set(name, until);
  }
  return blocked;
}

/** Until when a user's account name is blocked, or null. */
export async function accountBlockedUntil(user: { username: string }, now = new Date()) {
  const name = normalizeUsername(user.username);
  return (await blockedAccountNames(now, name)).get(name) ?? null;
}

/** An administrator lifts every block of an account name, without touching its password; how many keys were cleared. */
export async function unlockAccount(user: { id: number; username: string }, actor: { id: number }, now = new Date()) {
  const name = normalizeUsername(user.username);
  const { count } = await writeTransaction((tx) => tx.signInThrottle.deleteMany({ where: keysOfAccount(name) }));
  await recordSecurityEvent({ type: "accountUnlocked", username: name, userId: user.id, detail: { byUserId: actor.id } }, now);
  return count;
}

// An argon2id hash of a random string, verified against when the username is unknown.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$DH3ofw+94vFlBDNmNr71GA$OBAgi8H7UCC8iwJ+hI1rGOjJdnG4JNao1cphdusJRoc";
