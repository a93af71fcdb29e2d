import { z } from "zod";
import { requiredText } from "../fields";

/** The desk's correction of the respondent (被投诉对象): a register unit's code or name, or a name as given. */
export const respondentSchemas = {
  setRespondent: z
    .object({ subject: requiredText(200), reason: requiredText() })
    .transform((value) => ({ action: "setRespondent" as const, subject: value.subject, reason: value.reason })),
};
