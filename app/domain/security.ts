/**
 * Rules of sign-in, sessions and the security log (docs/security.md), free of I/O so that they can be
 * tested exhaustively. The models apply them to the database.
 */

/** What the security audit log records. */
export const SECURITY_EVENT_TYPES = [
  "signInSucceeded",
  "signInFailed",
  "signInThrottled",
  "accountLocked",
  "accountUnlocked",
  "sessionEnded",
  "permissionRefused",
  "crossSiteRequestRefused",
  "caseLookupSucceeded",
  "caseLookupFailed",
  "caseLookupThrottled",
] as const;
export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];

export const SESSION_END_REASONS = [
  "signOut",
  "idle",
  "expired",
  "passwordChanged",
  "accountChanged",
  "locked",
  "endedByAdmin",
] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
}

export interface SessionPolicy {
  idleTimeoutMs: number;
}

/** Whether a stored session still opens pages at `now`, and if not, why it ended. */
export function sessionStatus(
  session: SessionTimes,
  policy: SessionPolicy,
  now: Date,
): { open: true } | { open: false; reason: SessionEndReason | "ended" } {
  if (session.endedAt) return { open: false, reason: "ended" };
  if (now.getTime() >= session.expiresAt.getTime()) return { open: false, reason: "expired" };
  if (now.getTime() - session.lastSeenAt.getTime() >= policy.idleTimeoutMs) return { open: false, reason: "idle" };
  return { open: true };
}

/** Last-seen times are written at most this often, so that reading pages does not queue for the writer. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

export function lastSeenIsStale(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS;
}

/**
 * Sign-in throttling. Failures are counted per account name (whether or not such an account exists, so
 * that the answers cannot tell the two apart) and per account name with the client's address. A key
 * that reaches its limit is blocked; each further block of the same key lasts twice as long, up to a day.
 */
export interface ThrottleLimits {
  /** Failures from one address for one account name before that pair is blocked. */
  perAccountAndAddress: number;
  /** Failures for one account name from all addresses before the account name is blocked. */
  perAccount: number;
  /** The first block's length. */
  firstLockoutMs: number;
}

export const MAX_LOCKOUT_MS = 24 * 60 * 60_000;

export function lockoutDuration(lockouts: number, limits: ThrottleLimits): number {
  const doubling = Math.max(0, Math.min(lockouts - 1, 20));
  return Math.min(limits.firstLockoutMs * 2 ** doubling, MAX_LOCKOUT_MS);
}

export const throttleKeys = (username: string, clientAddress: string) => {
  const account = normalizeUsername(username);
  return { account: `account:${account}`, pair: `pair:${account}|${clientAddress}` };
};

/** The account name a throttle key counts failures for (the inverse of throttleKeys). */
export function accountNameOfThrottleKey(key: string): string {
  return key.replace(/^(account|pair):/, "").split("|")[0];
}

/** Account names are compared case-insensitively and without surrounding blanks. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase().slice(0, 64);
}

export interface ThrottleState {
  failures: number;
  lockouts: number;
  blockedUntil: Date | null;
}

/**
 * Takes one attempt from a key's allowance. Attempts are counted before the password is checked, so a
 * burst of simultaneous requests never gets more tries than the limit; a success gives the try back.
 * A block that has run out starts a fresh allowance.
 */
export function takeAttempt(
  state: ThrottleState,
  limit: number,
  now: Date,
): { allowed: true; next: ThrottleState } | { allowed: false; blockedUntil: Date | null } {
  if (state.blockedUntil && state.blockedUntil.getTime() > now.getTime()) {
    return { allowed: false, blockedUntil: state.blockedUntil };
  }
  const failures = state.blockedUntil ? 0 : state.failures;
  // The allowance is taken by attempts still being checked; the block starts when they have failed.
  if (failures >= limit) return { allowed: false, blockedUntil: null };
  return { allowed: true, next: { failures: failures + 1, lockouts: state.lockouts, blockedUntil: null } };
}

/** After a wrong password: the key is blocked when its allowance is used up. */
export function afterFailure(state: ThrottleState, limit: number, limits: ThrottleLimits, now: Date): ThrottleState {
  if (state.failures < limit) return state;
  const lockouts = state.lockouts + 1;
  return { failures: state.failures, lockouts, blockedUntil: new Date(now.getTime() + lockoutDuration(lockouts, limits)) };
}

/**
 * Where to go after signing in: only a path of this site. The target is resolved as a browser would
 * resolve it (backslashes, tabs and newlines included) and refused unless it stays on the same origin.
 */
export function safeRedirectPath(target: unknown, fallback = "/"): string {
  if (typeof target !== "string" || target === "" || target.length > 2000) return fallback;
  if (!target.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(target)) return fallback;
  const base = "http://greenline.invalid";
  let resolved: URL;
  try {
    resolved = new URL(target, base);
  } catch {
    return fallback;
  }
  if (resolved.origin !== base) return fallback;
  const path = resolved.pathname + resolved.search + resolved.hash;
  return path.startsWith("//") ? fallback : path;
}

/** Control characters other than tab, line feed and carriage return never belong in text a user types. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export function withoutControlCharacters(value: string): string {
  return value.replace(CONTROL_CHARACTERS, "");
}

/** The deepest nesting of arrays and objects another program's JSON may have; ours never exceed a few. */
export const MAX_JSON_NESTING = 32;

/**
 * Whether JSON text nests arrays and objects deeper than `limit`, read from the text itself (brackets
 * inside strings do not count) before anything parses or walks it: a body of 5,000 "[" would otherwise
 * exhaust the stack of whatever walks the parsed value.
 */
export function jsonNestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c)
        index += 1; // a backslash escapes the next character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (code === 0x5d || code === 0x7d) depth -= 1;
  }
  return false;
}

/**
 * Whether a request that changes something came from another site: its `Origin` is not ours (the
 * configured public origin when there is one, else what the request's own Host says), or, without an
 * `Origin`, the browser says `Sec-Fetch-Site` is cross-site. A request with neither comes from a program.
 */
export function isCrossSiteRequest(request: {
  origin: string | undefined;
  fetchSite: string | undefined;
  ownOriginByHost: string;
  publicOrigin: string | undefined;
}): boolean {
  const own = (request.publicOrigin ?? request.ownOriginByHost).toLowerCase();
  if (request.origin !== undefined) return request.origin.toLowerCase() !== own;
  return request.fetchSite !== undefined && !["same-origin", "none"].includes(request.fetchSite);
}
