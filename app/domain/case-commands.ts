import type { CaseKind, Urgency } from "./case-kinds";

/**
 * What intake records, as data. The forms produce it (app/forms), the case service
 * (app/models/case/service.server.ts) carries it out; the commands of the actions on a case are the outputs of
 * their schemas (`CaseChange` in app/forms/case-actions).
 */

/** How far ahead of the server's clock a receipt time may be (another system's clock, a typed minute). */
export const RECEIPT_CLOCK_SKEW_MS = 60_000;

/** A receipt time later than now is a mistake, wherever it comes from (a form, the API, a ledger). */
export function isReceivedInFuture(receivedAt: Date, now: Date): boolean {
  return receivedAt.getTime() > now.getTime() + RECEIPT_CLOCK_SKEW_MS;
}

/** The fields an operator records at intake (and may edit until acceptance). */
export interface IntakeFields {
  kind: CaseKind;
  channel: string;
  receivedAt: Date;
  complainantName: string | null;
  complainantPhone: string | null;
  consentToDisclose: boolean;
  /** The complainant does not want text messages about the case (docs/domain.md "Messages to complainants"). */
  refusesMessages?: boolean;
  /** The complainant agreed that the description and the exact address may be published (Open311). */
  consentToPublish?: boolean;
  /** The point reported with the case (Open311 requests carry one). */
  latitude?: number | null;
  longitude?: number | null;
  townshipId: number;
  category: string;
  subject: string;
  /** The registered unit the subject names (the enterprise register), or null for an unregistered one. */
  respondentId?: number | null;
  address: string;
  description: string;
  urgency: Urgency;
}

/** A party to a mediation as the application names it. */
export interface PartyInput {
  role: "applicant" | "respondent";
  type: "person" | "unit";
  name: string;
  phone: string | null;
  address: string;
}

export interface MediationApplication {
  parties: PartyInput[];
  claim: string;
  /** The complaint the dispute arose from, if any. */
  relatedCaseNo?: string | null;
}
