import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ThrottleLimits,
  afterFailure,
  lockoutDuration,
  MAX_LOCKOUT_MS,
  safeRedirectPath,
  sessionStatus,
  takeAttempt,
  throttleKeys,
  withoutControlCharacters,
  MAX_JSON_NESTING,
  isCrossSiteRequest,
  jsonNestsDeeperThan,
} from "./security";

describe("safeRedirectPath", () => {
  it.each([
    ["/cases?overdue=1", "/cases?overdue=1"],
    ["/cases/TS-2020-00001#timeline", "/cases/TS-2020-00001#timeline"],
    ["/a/../admin/users", "/admin/users"],
  ])("keeps the same-site path %s", (target, expected) => {
    expect(safeRedirectPath(target)).toBe(expected);
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    " /cases",
    "evil.example",
    "/%2F%2Fevil.example/..",
    "///evil.example",
    "/.//evil.example",
    "",
    "\u0000/cases",
  ])("refuses %j", (target) => {
    const path = safeRedirectPath(target, "/home");
    expect(path === "/home" || new URL(path, "http://greenline.invalid").origin === "http://greenline.invalid").toBe(true);
    expect(path.startsWith("//")).toBe(false);
    expect(path).not.toContain("\\");
  });

  it("never answers a path that a browser would take off-site", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (tail) => {
        const path = safeRedirectPath(`/${tail}`, "/");
        expect(new URL(path, "http://greenline.invalid").origin).toBe("http://greenline.invalid");
        expect(path.startsWith("/")).toBe(true);
        expect(path.startsWith("//")).toBe(false);
      }),
    );
  });

  it("falls back for non-strings", () => {
    expect(safeRedirectPath(null, "/x")).toBe("/x");
    expect(safeRedirectPath(undefined, "/x")).toBe("/x");
  });
});

const limits: ThrottleLimits = { perAccountAndAddress: 5, perAccount: 20, firstLockoutMs: 15 * 60_000 };
const now = new Date("2026-03-02T02:00:00Z");
const later = (ms: number) => new Date(now.getTime() + ms);

describe("sign-in throttling", () => {
  it("allows the limit's number of attempts, counting each before the password is checked", () => {
    let state = { failures: 0, lockouts: 0, blockedUntil: null as Date | null };
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const decision = takeAttempt(state, 5, now);
      expect(decision.allowed).toBe(true);
      if (decision.allowed) state = decision.next;
    }
    expect(state.failures).toBe(5);
    expect(takeAttempt(state, 5, now)).toEqual({ allowed: false, blockedUntil: null });
  });

  it("blocks when the allowance is used up, and each further block of the key lasts twice as long", () => {
    const blocked = afterFailure({ failures: 5, lockouts: 0, blockedUntil: null }, 5, limits, now);
    expect(blocked).toEqual({ failures: 5, lockouts: 1, blockedUntil: later(15 * 60_000) });
    expect(takeAttempt(blocked, 5, later(15 * 60_000 - 1))).toEqual({ allowed: false, blockedUntil: later(15 * 60_000) });
    const again = takeAttempt(blocked, 5, later(15 * 60_000));
    expect(again).toEqual({ allowed: true, next: { failures: 1, lockouts: 1, blockedUntil: null } });
    const secondBlock = afterFailure({ failures: 5, lockouts: 1, blockedUntil: null }, 5, limits, now);
    expect(secondBlock.blockedUntil).toEqual(later(30 * 60_000));
  });

  it("leaves a key below its limit unblocked", () => {
    const state = { failures: 4, lockouts: 2, blockedUntil: null };
    expect(afterFailure(state, 5, limits, now)).toBe(state);
  });

  it("never blocks for more than a day", () => {
    expect(lockoutDuration(1, limits)).toBe(15 * 60_000);
    expect(lockoutDuration(3, limits)).toBe(60 * 60_000);
    expect(lockoutDuration(50, limits)).toBe(MAX_LOCKOUT_MS);
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), (n) => lockoutDuration(n, limits) <= MAX_LOCKOUT_MS));
  });

  it("names keys by the account name, whatever its case and blanks", () => {
    expect(throttleKeys(" Operator ", "10.0.0.1")).toEqual({ account: "account:operator", pair: "pair:operator|10.0.0.1" });
  });
});

describe("sessionStatus", () => {
  const policy = { idleTimeoutMs: 2 * 60 * 60_000 };
  const session = { createdAt: now, lastSeenAt: now, expiresAt: later(12 * 60 * 60_000), endedAt: null };

  it("is open until idle for the timeout", () => {
    expect(sessionStatus(session, policy, later(2 * 60 * 60_000 - 1))).toEqual({ open: true });
    expect(sessionStatus(session, policy, later(2 * 60 * 60_000))).toEqual({ open: false, reason: "idle" });
  });

  it("ends at its absolute lifetime however active", () => {
    const active = { ...session, lastSeenAt: later(12 * 60 * 60_000 - 1000) };
    expect(sessionStatus(active, policy, later(12 * 60 * 60_000 - 1))).toEqual({ open: true });
    expect(sessionStatus(active, policy, later(12 * 60 * 60_000))).toEqual({ open: false, reason: "expired" });
  });

  it("stays ended once ended", () => {
    expect(sessionStatus({ ...session, endedAt: now }, policy, now)).toEqual({ open: false, reason: "ended" });
  });
});

describe("withoutControlCharacters", () => {
  it("drops NUL and other control characters, keeps tabs, line breaks and Chinese text", () => {
    expect(withoutControlCharacters("a\u0000b\u0007c\u001f\u007f")).toBe("abc");
    expect(withoutControlCharacters("第一行\r\n第二行\t结束")).toBe("第一行\r\n第二行\t结束");
  });
});

describe("JSON nesting, read from the text before it is parsed", () => {
  it("counts arrays and objects, not brackets inside strings or escaped quotes", () => {
    expect(jsonNestsDeeperThan("[[[]]]", 3)).toBe(false);
    expect(jsonNestsDeeperThan("[[[[]]]]", 3)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":{"b":[1]}}', 3)).toBe(false);
    expect(jsonNestsDeeperThan('{"a":{"b":[{}]}}', 3)).toBe(true);
    expect(jsonNestsDeeperThan(`{"s":"${"[".repeat(50)}"}`, 1)).toBe(false);
    expect(jsonNestsDeeperThan(`{"s":"\\"[[[[["}`, 1)).toBe(false);
    expect(jsonNestsDeeperThan(`{"s":"\\\\"}`, 1)).toBe(false);
    expect(jsonNestsDeeperThan("[".repeat(5000) + "]".repeat(5000), MAX_JSON_NESTING)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":'.repeat(MAX_JSON_NESTING) + "1" + "}".repeat(MAX_JSON_NESTING), MAX_JSON_NESTING)).toBe(
      false,
    );
    expect(jsonNestsDeeperThan('"just a string"', 0)).toBe(false);
  });
});

describe("cross-site posts", () => {
  const post = (origin: string | undefined, host = "http://greenline.local", publicOrigin?: string, fetchSite?: string) =>
    isCrossSiteRequest({ origin, fetchSite, ownOriginByHost: host, publicOrigin });

  it("compare the Origin with the request's own host, or with the configured public origin whatever the Host says", () => {
    expect(post("http://greenline.local")).toBe(false);
    expect(post("https://evil.example")).toBe(true);
    // A forged Host header that matches the attacker's Origin no longer passes once the origin is configured.
    expect(post("https://evil.example", "https://evil.example")).toBe(false);
    expect(post("https://evil.example", "https://evil.example", "https://greenline.gov.cn")).toBe(true);
    expect(post("https://GreenLine.gov.cn", "http://10.0.0.5:3000", "https://greenline.gov.cn")).toBe(false);
    expect(post(undefined, "http://greenline.local", undefined, "cross-site")).toBe(true);
    expect(post(undefined, "http://greenline.local", undefined, "same-origin")).toBe(false);
    expect(post(undefined)).toBe(false);
  });
});
