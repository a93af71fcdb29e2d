import { z } from "zod";
import { SATISFACTION_LEVELS } from "~/domain/case-kinds";
import { isLocalDate, parseLocalDateTime } from "~/domain/local-time";
import { MEDIATION_OUTCOMES } from "~/domain/statistics";
import type { CaseAction } from "~/domain/workflow";
import type { CaseChange } from "~/domain/case-commands";
import { databaseId } from "./fields";
import { intakeFieldsFrom, intakeSchema } from "./intake";

const requiredText = z.string({ required_error: "required" }).trim().min(1, "required").max(4000, "tooLong");
const optionalText = z.string().trim().max(4000, "tooLong").optional();
const localDate = z.string({ required_error: "required" }).refine(isLocalDate, "letterDate");
const localDateTime = z.string({ required_error: "required" }).refine((value) => parseLocalDateTime(value) !== null, "dateTime");
const OBLIGATION_ROWS = [1, 2, 3] as const;
const obligationFields = Object.fromEntries(
  OBLIGATION_ROWS.flatMap((n) => [
    [`party${n}`, optionalText],
    [`obligation${n}`, optionalText],
    [`due${n}`, z.string().optional()],
  ]),
) as Record<string, z.ZodOptional<z.ZodTypeAny>>;

/** One schema per case action; messages are catalogue keys under "error.". */
export const caseActionSchemas = {
  edit: intakeSchema,
  accept: z.object({ letterDate: localDate.optional() }),
  reject: z.object({ reason: requiredText, letterDate: localDate.optional() }),
  merge: z.object({ targetCaseNo: z.string({ required_error: "required" }).trim().min(1, "required") }),
  assign: z.object({ assigneeId: databaseId("unknownAssignee") }),
  return: z.object({ reason: requiredText }),
  note: z.object({ text: requiredText }),
  onSite: z.object({ text: requiredText }),
  submit: z.object({ text: requiredText }),
  sendBack: z.object({ reason: requiredText }),
  requestExtension: z.object({
    amount: z.coerce
      .number({ invalid_type_error: "extensionAmount" })
      .int("extensionAmount")
      .min(1, "extensionAmount")
      .max(60, "extensionAmount"),
    reason: requiredText,
  }),
  approveExtension: z.object({ note: optionalText, partyNotice: optionalText }),
  refuseExtension: z.object({ reason: requiredText }),
  conclude: z.object({ text: requiredText }),
  close: z.object({ satisfaction: z.enum(SATISFACTION_LEVELS).optional() }),
  reopen: z.object({ reason: requiredText }),
  requestReview: z.object({ requestedOn: localDate, text: requiredText }),
  session: z.object({
    sessionId: databaseId("sessionNotScheduled").optional(),
    status: z.enum(["scheduled", "held"]),
    scheduledAt: localDateTime,
    place: requiredText,
    mediatorIds: z.array(databaseId("mediatorsRequired")).min(1, "mediatorsRequired"),
    attendees: optionalText,
    notes: optionalText,
  }),
  concludeMediation: z.object({
    outcome: z.enum(MEDIATION_OUTCOMES, { errorMap: () => ({ message: "required" }) }),
    text: requiredText,
    ...obligationFields,
  }),
  followUpAgreement: z.object({
    obligationId: databaseId("required"),
    performed: z.enum(["yes", "no"]),
    text: requiredText,
  }),
  instruct: z.object({ text: requiredText }),
  acknowledge: z.object({}),
} satisfies Record<CaseAction, z.ZodTypeAny>;

/** Form fields as zod reads them: checkboxes "on", empty strings absent, numbers for ids. */
export function formToObject(formData: FormData): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string" || value.trim() === "") continue;
    if (key === "mediatorIds") object[key] = [...((object[key] as string[]) ?? []), value];
    else if (value === "on") object[key] = true;
    else if (key === "townshipId") object[key] = Number(value);
    else object[key] = value;
  }
  return object;
}

type Parsed<A extends CaseAction> = z.infer<(typeof caseActionSchemas)[A]>;

/** The change the case service takes, from a validated form. */
export function toCaseChange(action: CaseAction, value: Record<string, unknown>): CaseChange {
  switch (action) {
    case "edit":
      return { action, fields: intakeFieldsFrom(value as Parsed<"edit">) };
    case "merge":
      return { action, targetCaseNo: (value as Parsed<"merge">).targetCaseNo };
    case "assign":
      return { action, assigneeId: (value as Parsed<"assign">).assigneeId };
    case "requestExtension": {
      const v = value as Parsed<"requestExtension">;
      return { action, amount: v.amount, reason: v.reason };
    }
    case "approveExtension": {
      const v = value as Parsed<"approveExtension">;
      return { action, note: v.note, partyNotice: v.partyNotice };
    }
    case "requestReview": {
      const v = value as Parsed<"requestReview">;
      return { action, requestedOn: v.requestedOn, text: v.text };
    }
    case "session": {
      const v = value as Parsed<"session">;
      const { sessionId, status, place, mediatorIds, attendees, notes } = v;
      return {
        action,
        session: { sessionId, status, place, mediatorIds, attendees, notes, scheduledAt: parseLocalDateTime(v.scheduledAt)! },
      };
    }
    case "concludeMediation": {
      const v = value as Parsed<"concludeMediation"> & Record<string, string | undefined>;
      const obligations = OBLIGATION_ROWS.map((n) => ({
        party: v[`party${n}`] ?? "",
        obligation: v[`obligation${n}`] ?? "",
        dueDate: v[`due${n}`] ?? "",
      })).filter((row) => row.party || row.obligation || row.dueDate);
      return { action, outcome: v.outcome, text: v.text, obligations };
    }
    case "followUpAgreement": {
      const v = value as Parsed<"followUpAgreement">;
      return { action, obligationId: v.obligationId, performed: v.performed === "yes", text: v.text };
    }
    case "close":
      return { action, satisfaction: (value as Parsed<"close">).satisfaction ?? null };
    case "accept":
      return { action, letterDate: (value as Parsed<"accept">).letterDate ?? null };
    case "reject": {
      const v = value as Parsed<"reject">;
      return { action, reason: v.reason, letterDate: v.letterDate ?? null };
    }
    case "acknowledge":
      return { action };
    case "return":
    case "sendBack":
    case "refuseExtension":
    case "reopen":
      return { action, reason: String(value.reason) };
    case "note":
    case "onSite":
    case "submit":
    case "conclude":
    case "instruct":
      return { action, text: String(value.text) };
  }
}
