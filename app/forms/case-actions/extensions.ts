import { z } from "zod";
import { EXTENSION_RULES } from "~/domain/kind-rules";
import { optionalText, requiredText } from "../fields";

/** The most any kind allows; the case service applies the case's own kind's limit (extensionProblem). */
const LARGEST_EXTENSION = Math.max(...Object.values(EXTENSION_RULES).map((rule) => rule.max));

/** Extensions: the handler asks, the desk approves (recording how the parties were told) or refuses. */
export const extensionSchemas = {
  requestExtension: z
    .object({
      amount: z
        .number({ invalid_type_error: "extensionAmount", required_error: "extensionAmount" })
        .int("extensionAmount")
        .min(1, "extensionAmount")
        .max(LARGEST_EXTENSION, "extensionAmount"),
      reason: requiredText(),
    })
    .transform((value) => ({ action: "requestExtension" as const, amount: value.amount, reason: value.reason })),
  approveExtension: z
    .object({ note: optionalText(), partyNotice: optionalText() })
    .transform((value) => ({ action: "approveExtension" as const, ...value })),
  refuseExtension: z
    .object({ reason: requiredText() })
    .transform((value) => ({ action: "refuseExtension" as const, reason: value.reason })),
};
