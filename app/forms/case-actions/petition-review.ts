import { z } from "zod";
import { localDate, requiredText } from "../fields";

/** A petitioner's request for review (复查) or re-check (复核) of the answer, dated as received. */
export const petitionReviewSchemas = {
  requestReview: z
    .object({ requestedOn: localDate(), text: requiredText() })
    .transform((value) => ({ action: "requestReview" as const, requestedOn: value.requestedOn, text: value.text })),
};
