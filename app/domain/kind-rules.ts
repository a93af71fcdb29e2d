import type { WorkCalendar } from "./calendar";
import type { CaseKind } from "./case-kinds";
import { computeDueAt } from "./deadlines";
import { type LocalDate, localDateOf, startOfLocalDay } from "./local-time";

/**
 * What differs between complaints, petitions and mediations beyond their deadline policies
 * (docs/domain.md "Petition lifecycle", "Mediation lifecycle"): how far and how often a conclusion
 * deadline may be extended, and the petition's review rounds. One mechanism, these rules per kind.
 */
export interface ExtensionRule {
  /** The largest extension, in the conclusion milestone's unit. */
  max: number;
  /** Approved extensions allowed per handling round; null for no limit. */
  perRound: number | null;
  /**
   * What must be recorded on approval: the reason told to the petitioner (信访工作条例), or both
   * parties' consent (mediation).
   */
  partyNotice: "petitionerTold" | "partiesConsent" | null;
}

export const EXTENSION_RULES: Record<CaseKind, ExtensionRule> = {
  complaint: { max: 60, perRound: null, partyNotice: null },
  petition: { max: 30, perRound: 1, partyNotice: "petitionerTold" },
  mediation: { max: 15, perRound: 1, partyNotice: "partiesConsent" },
};

export type ExtensionProblem = "extensionAmount" | "extensionUsed";

/** Why an extension of `amount` cannot be asked for, or null when it can. */
export function extensionProblem(kind: CaseKind, amount: number, approvedThisRound: number): ExtensionProblem | null {
  const rule = EXTENSION_RULES[kind];
  if (!Number.isInteger(amount) || amount < 1 || amount > rule.max) return "extensionAmount";
  if (rule.perRound !== null && approvedThisRound >= rule.perRound) return "extensionUsed";
  return null;
}

/** A petition's rounds: the handling (办理), the review (复查) and the re-check (复核). */
export const PETITION_ROUNDS = ["handling", "review", "recheck"] as const;
export type PetitionRound = (typeof PETITION_ROUNDS)[number];

export function petitionRoundOf(round: number): PetitionRound {
  return PETITION_ROUNDS[Math.min(round, PETITION_ROUNDS.length) - 1];
}

/** The petitioner may ask for review (then re-check) within 30 days of the answer; each is answered within 30. */
export const REVIEW_REQUEST_DAYS = 30;
export const REVIEW_ANSWER_DAYS = 30;

/** The last instant a review request is in time: the end of the 30th calendar day after the answer (last-day rule). */
export function reviewRequestDeadline(calendar: WorkCalendar, answeredAt: Date): Date {
  return computeDueAt(calendar, answeredAt, REVIEW_REQUEST_DAYS, "calendar_days").dueAt;
}

export type ReviewProblem = "reviewRoundsUsed" | "reviewTooLate" | "reviewBeforeAnswer";

/** Why a review request received on `requestedOn` is refused, or null when it opens the next round. */
export function reviewProblem(
  calendar: WorkCalendar,
  round: number,
  answeredAt: Date | null,
  requestedOn: LocalDate,
): ReviewProblem | null {
  if (round >= PETITION_ROUNDS.length) return "reviewRoundsUsed";
  if (!answeredAt || requestedOn < localDateOf(answeredAt)) return "reviewBeforeAnswer";
  if (startOfLocalDay(requestedOn) > reviewRequestDeadline(calendar, answeredAt)) return "reviewTooLate";
  return null;
}

/** Parties to a mediation agreement may jointly ask a court to confirm it within 30 days (人民调解法 art. 33). */
export const COURT_CONFIRMATION_DAYS = 30;
