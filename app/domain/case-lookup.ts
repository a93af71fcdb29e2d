import type { CaseKind } from "./case-kinds";
import { normalizePhone } from "./masking";
import type { Satisfaction } from "./case-kinds";
import { COMPLAINANT } from "./roles";
import { type CaseState, mayTakeAction } from "./workflow";

/**
 * The complainant's side (docs/domain.md, "Receipts and progress lookup"): the lookup code on the
 * receipt, and what a complainant who proves they are the one who reported may see of the case — the
 * public course of it, never internal notes, staff names or anyone else's details.
 */

/** Letters and digits that cannot be mistaken for one another when read out or copied (no 0/O, 1/I/L). */
export const LOOKUP_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const LOOKUP_CODE_LENGTH = 8;

/** A code from random bytes (one byte per character; 248 = 8 × 31 keeps the choice unbiased). */
export function lookupCodeFrom(randomBytes: Uint8Array): string {
  let code = "";
  for (const byte of randomBytes) {
    if (byte >= 248) continue;
    code += LOOKUP_ALPHABET[byte % LOOKUP_ALPHABET.length];
    if (code.length === LOOKUP_CODE_LENGTH) return code;
  }
  throw new Error("not enough random bytes for a lookup code");
}

/** As typed: case and separators do not matter. */
export function normalizeLookupCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "");
}

/** Shown in two groups of four, as it is read out over the phone. */
export const formatLookupCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

/** Whether what the complainant typed is their phone number or the code, and the value to compare. */
export function lookupProof(input: string): { kind: "phone"; value: string } | { kind: "code"; value: string } | null {
  const trimmed = input.trim();
  if (/^[\d\s+-]{7,20}$/.test(trimmed)) return { kind: "phone", value: normalizePhone(trimmed) };
  const code = normalizeLookupCode(trimmed);
  if (code.length === LOOKUP_CODE_LENGTH && [...code].every((c) => LOOKUP_ALPHABET.includes(c)))
    return { kind: "code", value: code };
  return null;
}

export const PUBLIC_STAGES = ["received", "rejected", "merged", "handling", "answered", "closed"] as const;
export type PublicStage = (typeof PUBLIC_STAGES)[number];

/**
 * The public course of a case, as platforms, partners and Open311 clients see it change: the steps the
 * complainant hears of (the same as the messages of docs/domain.md), never the desk's or township's work.
 */
export const PUBLIC_EVENTS = [
  "received",
  "accepted",
  "rejected",
  "merged",
  "extended",
  "answered",
  "closed",
  "reopened",
] as const;
export type PublicEvent = (typeof PUBLIC_EVENTS)[number];

const PUBLIC_EVENT_OF: Partial<Record<string, PublicEvent>> = {
  register: "received",
  accept: "accepted",
  reject: "rejected",
  merge: "merged",
  approveExtension: "extended",
  conclude: "answered",
  concludeMediation: "answered",
  close: "closed",
  reopen: "reopened",
  requestReview: "reopened",
};

/** The steps (audit actions) that are public events. */
export const PUBLIC_ACTIONS = Object.keys(PUBLIC_EVENT_OF);

/** The public event a step is, if the public hears of it. */
export const publicEventOf = (action: string): PublicEvent | null => PUBLIC_EVENT_OF[action] ?? null;

/**
 * The public history from the audit trail: each public step with the text meant for the complainant
 * (the reason for not accepting; the answer as that step gave it, a mediation's outcome instead).
 */
export function publicHistoryOf(
  events: { at: Date; action: string; reason: string | null; after: string | null }[],
  kind: string,
): { at: Date; event: PublicEvent; text: string | null }[] {
  return events.flatMap((audit) => {
    const event = PUBLIC_EVENT_OF[audit.action];
    if (!event) return [];
    let text: string | null = null;
    if (event === "rejected") text = audit.reason;
    if (event === "answered" && kind !== "mediation") {
      const after = audit.after ? (JSON.parse(audit.after) as { replyText?: unknown }) : {};
      text = typeof after.replyText === "string" ? after.replyText : null;
    }
    return [{ at: audit.at, event, text }];
  });
}

export function publicStageOf(state: CaseState): PublicStage {
  switch (state) {
    case "registered":
      return "received";
    case "rejected":
      return "rejected";
    case "merged":
      return "merged";
    case "accepted":
    case "assigned":
    case "submitted":
      return "handling";
    case "concluded":
      return "answered";
    case "closed":
      return "closed";
  }
}

/** What the complainant sees: only fields meant for them. */
export interface PublicProgress {
  caseNo: string;
  kind: CaseKind;
  receivedAt: Date;
  stage: PublicStage;
  acceptedAt: Date | null;
  rejectedAt: Date | null;
  /** The reason given to the complainant for not accepting. */
  rejectionReason: string | null;
  /** When the answer is due (the current round's conclusion deadline). */
  dueAt: Date | null;
  extensions: { approvedAt: Date | null; days: number; unit: string; notice: string | null }[];
  answeredAt: Date | null;
  /** The answer meant for the complainant (答复意见), once given; a mediation shows its outcome instead. */
  answer: string | null;
  mediationOutcome: string | null;
  /** The complainant's own rating of this answer, once given. */
  rating: Satisfaction | null;
  /** Whether the complainant may rate the answer now. */
  mayRate: boolean;
}

export function publicProgressOf(record: {
  caseNo: string;
  kind: string;
  state: string;
  receivedAt: Date;
  acceptedAt: Date | null;
  rejectedAt: Date | null;
  decisionReason: string | null;
  dueAt: Date | null;
  concludedAt: Date | null;
  replyText: string | null;
  mediationOutcome: string | null;
  round: number;
  satisfaction: string | null;
  satisfactionSource: string | null;
  ratedRound: number | null;
  extensions: { status: string; decidedAt: Date | null; amount: number; partyNotice: string | null }[];
  milestoneUnit: string;
}): PublicProgress {
  const stage = publicStageOf(record.state as CaseState);
  const answered = stage === "answered" || stage === "closed";
  const ratedThisRound = record.ratedRound === record.round;
  // The rating's rule needs only the kind, the state and whether this answer was rated.
  const mayRate = mayTakeAction(
    COMPLAINANT,
    {
      kind: record.kind as CaseKind,
      state: record.state as CaseState,
      assignedToId: null,
      hasPendingExtension: false,
      hasOpenRespondMilestone: false,
      hasUnacknowledgedInstruction: false,
      hasAgreement: false,
      ratedThisRound,
    },
    "rateAnswer",
  );
  return {
    caseNo: record.caseNo,
    kind: record.kind as CaseKind,
    receivedAt: record.receivedAt,
    stage,
    acceptedAt: record.acceptedAt,
    rejectedAt: record.rejectedAt,
    rejectionReason: record.rejectedAt ? record.decisionReason : null,
    dueAt: stage === "handling" || stage === "received" ? record.dueAt : null,
    extensions: record.extensions
      .filter((extension) => extension.status === "approved")
      .map((extension) => ({
        approvedAt: extension.decidedAt,
        days: extension.amount,
        unit: record.milestoneUnit,
        notice: extension.partyNotice,
      })),
    answeredAt: answered ? record.concludedAt : null,
    // An agreement's text names the other party: a mediation shows only how it ended.
    answer: answered && record.kind !== "mediation" ? record.replyText : null,
    mediationOutcome: answered && record.kind === "mediation" ? record.mediationOutcome : null,
    rating: ratedThisRound && record.satisfactionSource === "complainant" ? (record.satisfaction as Satisfaction) : null,
    mayRate,
  };
}
