import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { config } from "~/config.server";
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { parseCaseNo, typedCaseNo } from "~/domain/case-kinds";
import { type PublicProgress, lookupCodeFrom, lookupProof, publicProgressOf } from "~/domain/case-lookup";
import { normalizePhone } from "~/domain/masking";
import { recordSecurityEvent } from "../accounts/security-log.server";
import {
  type ThrottleKey,
  clearThrottle,
  giveBackAttempt,
  recordThrottledFailure,
  takeThrottledAttempt,
} from "../accounts/throttle.server";

/**
 * Progress lookup for complainants (/query, no sign-in; docs/security.md "Case lookup"): the case number
 * with the phone number given at intake or the receipt's lookup code. An unknown case number and a wrong
 * proof take the same work and get the same answer; tries are limited per client address and per case
 * number, and every one is in the security log.
 */

/** Ten wrong tries from one address, or at one case number, block for the sign-in lockout (15 min, doubling). */
export const LOOKUP_MAX_FAILURES = 10;

export const newLookupCode = () => lookupCodeFrom(randomBytes(32));

/**
 * The lookup code of a registration sent from the intake form, derived from its submission key and author
 * with the session secret: a resend of the form (whose first answer the browser may have dropped, as a
 * double click does) shows the same receipt again, and the code is still nowhere in the database.
 */
export const lookupCodeOfSubmission = (actorId: number | null, submissionKey: string) =>
  lookupCodeFrom(createHmac("sha512", config().SESSION_SECRET).update(`lookup:${actorId}:${submissionKey}`).digest());

export const lookupCodeHash = (caseNo: string, code: string) => createHash("sha256").update(`${caseNo}:${code}`).digest("hex");

// Compared against when the case does not exist, so that both answers cost the same.
const ABSENT_HASH = lookupCodeHash("XX-0000-00000", "ABSENT00");

export type LookupResult =
  | { ok: true; progress: PublicProgress }
  | { ok: false; reason: "noMatch" }
  | { ok: false; reason: "throttled"; retryAt: Date | null };

export async function lookUpCase(
  attempt: { caseNo: string; proof: string; clientAddress: string },
  now = new Date(),
): Promise<LookupResult> {
  const caseNo = typedCaseNo(attempt.caseNo).slice(0, 30);
  const address: ThrottleKey = { key: `lookup-address:${attempt.clientAddress}`, limit: LOOKUP_MAX_FAILURES };
  const target: ThrottleKey = { key: `lookup-case:${caseNo}`, limit: LOOKUP_MAX_FAILURES };
  const keys = [address, target];
  const event = (type: "caseLookupSucceeded" | "caseLookupFailed" | "caseLookupThrottled") =>
    recordSecurityEvent({ type, clientAddress: attempt.clientAddress, detail: { caseNo } }, now);
  const taken = await takeThrottledAttempt(keys, now);
  if (!taken.allowed) {
    await event("caseLookupThrottled");
    return { ok: false, reason: "throttled", retryAt: taken.retryAt };
  }
  const record = await caseForLookup(caseNo);
  if (record && proves(record, caseNo, attempt.proof)) {
    // The case's own count starts again; an address (many people behind one) only gets this try back,
    // so that one known case cannot reset the guessing of others.
    await clearThrottle([target], now);
    await giveBackAttempt([address], now);
    await event("caseLookupSucceeded");
    return { ok: true, progress: progressOf(record) };
  }
  await recordThrottledFailure(keys, lookupLimits(), now);
  await event("caseLookupFailed");
  return { ok: false, reason: "noMatch" };
}

/** What the public progress of a case is read from (the lookup's and the API's): its extensions and conclusion. */
export const CASE_FOR_PROGRESS = {
  extensions: { orderBy: { id: "asc" } },
  milestones: { where: { milestone: "conclude" }, orderBy: { round: "desc" }, take: 1 },
} satisfies Prisma.CaseInclude;

export const progressOf = (record: Prisma.CaseGetPayload<{ include: typeof CASE_FOR_PROGRESS }>) =>
  publicProgressOf({ ...record, milestoneUnit: record.milestones[0]?.unit ?? "working_days" });

function caseForLookup(caseNo: string) {
  if (!parseCaseNo(caseNo)) return Promise.resolve(null);
  return prisma.case.findUnique({ where: { caseNo }, include: CASE_FOR_PROGRESS });
}

/** The progress of a case this browser has already proved is the complainant's (app/utils/lookup-grant.server.ts). */
export async function progressOfProvenCase(caseNo: string): Promise<PublicProgress | null> {
  const record = await caseForLookup(caseNo);
  return record ? progressOf(record) : null;
}

function lookupLimits() {
  const firstLockoutMs = config().SIGN_IN_LOCKOUT_MINUTES * 60_000;
  return { perAccount: LOOKUP_MAX_FAILURES, perAccountAndAddress: LOOKUP_MAX_FAILURES, firstLockoutMs };
}

/** The phone given at intake, or the receipt's code; an anonymous report is looked up by code only. */
function proves(record: { complainantPhone: string | null; lookupCodeHash: string | null }, caseNo: string, input: string) {
  const proof = lookupProof(input);
  const expected = Buffer.from(record.lookupCodeHash ?? ABSENT_HASH, "hex");
  const given = Buffer.from(lookupCodeHash(caseNo, proof?.kind === "code" ? proof.value : ""), "hex");
  const codeMatches = timingSafeEqual(expected, given) && record.lookupCodeHash !== null;
  if (proof?.kind === "code") return codeMatches;
  if (proof?.kind === "phone")
    return Boolean(record.complainantPhone) && normalizePhone(record.complainantPhone!) === proof.value;
  return false;
}
