import { z } from "zod";
import { TRANSFER_MODES } from "~/domain/partners";
import { databaseId, requiredText } from "../fields";

/** Transfers out (docs/integrations.md "Transfers out"): sending the case to another body, and its reply. */
export const transferOutSchemas = {
  transferOut: z
    .object({
      partnerId: databaseId("unknownPartner"),
      mode: z.enum(TRANSFER_MODES, { required_error: "required", invalid_type_error: "required" }),
      reason: requiredText(500),
      legalBasis: requiredText(500),
      partnerTownship: z.string().trim().max(50, "tooLong").optional(),
      replyDays: z
        .number({ invalid_type_error: "replyDays" })
        .int("replyDays")
        .min(1, "replyDays")
        .max(90, "replyDays")
        .optional(),
    })
    .transform((value) => ({ action: "transferOut" as const, ...value, replyDays: value.replyDays ?? null })),
  transferReply: z
    .object({ transferId: databaseId("unknownTransfer"), text: requiredText() })
    .transform((value) => ({ action: "transferReply" as const, transferId: value.transferId, text: value.text })),
};
