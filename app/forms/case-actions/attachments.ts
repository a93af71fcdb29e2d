import { z } from "zod";
import { ATTACHMENT_KINDS } from "~/domain/attachments";
import { databaseId, optionalText, requiredText, submissionKey } from "../fields";

/** Withdrawing an attachment added in error: hidden from the case page, kept in the record with the reason. */
export const attachmentSchemas = {
  withdrawAttachment: z
    .object({ attachmentId: databaseId("unknownAttachment"), reason: requiredText() })
    .transform((value) => ({ action: "withdrawAttachment" as const, ...value })),
};

/**
 * What a step's form says about the files it carries (the files themselves are streamed to storage
 * before the form is read, app/models/attachments/store.server.ts), and the key that makes a resend of
 * the same submission find its step instead of making another.
 */
export const attachmentFieldsSchema = z.object({
  attachmentKind: z.enum(ATTACHMENT_KINDS).optional(),
  attachmentCaption: optionalText(200),
  attachmentConfidential: z.boolean().optional(),
  submissionKey: submissionKey.optional(),
});
