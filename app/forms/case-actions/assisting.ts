import { z } from "zod";
import { DEFAULT_PART_WORKING_DAYS, MAX_ASSISTING_UNITS, MAX_PART_WORKING_DAYS } from "~/domain/assisting";
import { databaseId, requiredText } from "../fields";

/** The desk asks units to assist the lead (协办), and an assisting unit submits its part. */
export const assistingSchemas = {
  requestAssistance: z
    .object({
      unitIds: z.array(databaseId("assistingRequired")).min(1, "assistingRequired").max(MAX_ASSISTING_UNITS, "assistingTooMany"),
      workingDays: z.coerce
        .number({ invalid_type_error: "wholeNumber" })
        .int("wholeNumber")
        .min(1, "wholeNumber")
        .max(MAX_PART_WORKING_DAYS, "partDaysTooMany")
        .default(DEFAULT_PART_WORKING_DAYS),
      instruction: requiredText(),
    })
    .transform((value) => ({ action: "requestAssistance" as const, ...value })),
  submitPart: z.object({ text: requiredText() }).transform((value) => ({ action: "submitPart" as const, text: value.text })),
};
