import type { CaseKind, Urgency } from "./case-kinds";
import type { LocalDate } from "./local-time";
import type { MediationOutcome } from "./statistics";

/**
 * The commands of the case service: what intake records and what each action changes, as data. The
 * forms produce them (app/forms), the case service (app/models/cases.server.ts) carries them out.
 */

/** The fields an operator records at intake (and may edit until acceptance). */
export interface IntakeFields {
  kind: CaseKind;
  channel: string;
  receivedAt: Date;
  complainantName: string | null;
  complainantPhone: string | null;
  consentToDisclose: boolean;
  townshipId: number;
  category: string;
  subject: string;
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

/** A mediation session: scheduled ahead, or recorded as held (`sessionId` records a scheduled one). */
export interface SessionInput {
  sessionId?: number | null;
  status: "scheduled" | "held";
  scheduledAt: Date;
  place: string;
  mediatorIds: number[];
  attendees?: string;
  notes?: string;
}

/** What one party undertakes in a mediation agreement, by when. */
export interface ObligationInput {
  party: string;
  obligation: string;
  dueDate: LocalDate;
}

/** A change to a case, as the case service (`changeCase`) accepts it. */
export type CaseChange =
  | { action: "edit"; fields: Partial<Omit<IntakeFields, "kind">> }
  | { action: "accept"; letterDate?: LocalDate | null }
  | { action: "reject"; reason: string; letterDate?: LocalDate | null }
  | { action: "merge"; targetCaseNo: string; reason?: string }
  | { action: "assign"; assigneeId: number }
  | { action: "return"; reason: string }
  | { action: "note"; text: string }
  | { action: "onSite"; text: string }
  | { action: "submit"; text: string }
  | { action: "sendBack"; reason: string }
  | { action: "requestExtension"; amount: number; reason: string }
  | { action: "approveExtension"; note?: string; partyNotice?: string }
  | { action: "refuseExtension"; reason: string }
  | { action: "conclude"; text: string }
  | { action: "close"; satisfaction?: string | null }
  | { action: "reopen"; reason: string }
  | { action: "requestReview"; requestedOn: LocalDate; text: string }
  | { action: "session"; session: SessionInput }
  | { action: "concludeMediation"; outcome: MediationOutcome; text: string; obligations: ObligationInput[] }
  | { action: "followUpAgreement"; obligationId: number; performed: boolean; text: string }
  | { action: "instruct"; text: string }
  | { action: "acknowledge" };
