import { z } from "zod";
import { isLocalDate } from "~/domain/local-time";
import { MEDIATION_OUTCOMES } from "~/domain/statistics";
import { databaseId, localDateTime, optionalText, requiredText } from "../fields";

/** The rows an agreement form offers for obligations; empty rows are left out. */
export const OBLIGATION_ROWS = 3;

const obligationRow = z.object({
  party: optionalText(200),
  obligation: optionalText(1000),
  dueDate: z.string().optional(),
});

/** A mediation's sessions (调解会), its conclusion, and the follow-up of an agreement's obligations. */
export const mediationSchemas = {
  mediationSession: z
    .object({
      sessionId: databaseId("sessionNotScheduled").optional(),
      status: z.enum(["scheduled", "held"]),
      scheduledAt: localDateTime,
      place: requiredText(200),
      mediatorIds: z.array(databaseId("mediatorsRequired")).min(1, "mediatorsRequired"),
      attendees: optionalText(),
      notes: optionalText(),
    })
    .transform((session) => ({ action: "mediationSession" as const, session })),
  concludeMediation: z
    .object({
      outcome: z.enum(MEDIATION_OUTCOMES, { errorMap: () => ({ message: "required" }) }),
      text: requiredText(),
      obligations: z.array(obligationRow).max(OBLIGATION_ROWS).default([]),
    })
    .superRefine((value, context) => {
      const incomplete = value.obligations.some(
        (row) => (row.party || row.obligation || row.dueDate) && !(row.party && row.obligation && isLocalDate(row.dueDate ?? "")),
      );
      if (incomplete) context.addIssue({ path: ["obligations"], code: "custom", message: "obligationIncomplete" });
    })
    .transform((value) => ({
      action: "concludeMediation" as const,
      outcome: value.outcome,
      text: value.text,
      obligations: value.obligations
        .filter((row) => row.party && row.obligation && row.dueDate)
        .map((row) => ({ party: row.party!, obligation: row.obligation!, dueDate: row.dueDate! })),
    })),
  followUpAgreement: z
    .object({ obligationId: databaseId("required"), performed: z.enum(["yes", "no"]), text: requiredText() })
    .transform((value) => ({
      action: "followUpAgreement" as const,
      obligationId: value.obligationId,
      performed: value.performed === "yes",
      text: value.text,
    })),
};
