import { z } from "zod";
import { SATISFACTION_LEVELS, type Satisfaction } from "~/domain/case-kinds";
import { databaseId, optionalText, requiredText } from "../fields";

/** Handling a case: assignment, the handler's work and result, the desk's review, closing and reopening. */
const reason = <A extends string>(action: A) =>
  z.object({ reason: requiredText() }).transform((value) => ({ action, reason: value.reason }));
const text = <A extends string>(action: A) =>
  z.object({ text: requiredText() }).transform((value) => ({ action, text: value.text }));

export const handlingSchemas = {
  assign: z
    .object({ assigneeId: databaseId("unknownAssignee") })
    .transform((value) => ({ action: "assign" as const, assigneeId: value.assigneeId })),
  signFor: z.object({}).transform(() => ({ action: "signFor" as const })),
  note: text("note"),
  onSite: text("onSite"),
  submit: text("submit"),
  sendBack: reason("sendBack"),
  conclude: text("conclude"),
  close: z
    .object({ satisfaction: z.enum(SATISFACTION_LEVELS).optional() })
    .transform((value): { action: "close"; satisfaction?: Satisfaction | null } => ({
      action: "close",
      satisfaction: value.satisfaction,
    })),
  reopen: reason("reopen"),
  /** The complainant's rating on the lookup page; unlike the call's answer at closing, the rating is the point. */
  rateAnswer: z
    .object({
      satisfaction: z.enum(SATISFACTION_LEVELS, { required_error: "required", invalid_type_error: "required" }),
      comment: optionalText(500),
    })
    .transform((value) => ({ action: "rateAnswer" as const, satisfaction: value.satisfaction, comment: value.comment ?? null })),
};
