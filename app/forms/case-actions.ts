import { z } from "zod";
import { SATISFACTION_LEVELS } from "~/domain/case-kinds";
import type { CaseAction } from "~/domain/workflow";
import type { CaseChange } from "~/models/cases.server";
import { intakeFieldsFrom, intakeSchema } from "./intake";

const requiredText = z.string({ required_error: "required" }).trim().min(1, "required").max(4000, "tooLong");
const optionalText = z.string().trim().max(4000, "tooLong").optional();

/** One schema per case action; messages are catalogue keys under "error.". */
export const caseActionSchemas = {
  edit: intakeSchema,
  accept: z.object({}),
  reject: z.object({ reason: requiredText }),
  merge: z.object({ targetCaseNo: z.string({ required_error: "required" }).trim().min(1, "required") }),
  assign: z.object({ assigneeId: z.coerce.number({ invalid_type_error: "unknownAssignee" }).int().min(1, "unknownAssignee") }),
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
  approveExtension: z.object({ note: optionalText }),
  refuseExtension: z.object({ reason: requiredText }),
  conclude: z.object({ text: requiredText }),
  close: z.object({ satisfaction: z.enum(SATISFACTION_LEVELS).optional() }),
  reopen: z.object({ reason: requiredText }),
  instruct: z.object({ text: requiredText }),
  acknowledge: z.object({}),
} satisfies Record<CaseAction, z.ZodTypeAny>;

/** Form fields as zod reads them: checkboxes "on", empty strings absent, numbers for ids. */
export function formToObject(formData: FormData): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string" || value.trim() === "") continue;
    if (value === "on") object[key] = true;
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
    case "approveExtension":
      return { action, note: (value as Parsed<"approveExtension">).note };
    case "close":
      return { action, satisfaction: (value as Parsed<"close">).satisfaction ?? null };
    case "accept":
    case "acknowledge":
      return { action };
    case "reject":
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
