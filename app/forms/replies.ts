import { z } from "zod";
import { MAX_REPLY_TEMPLATE_LENGTH, REPLY_PURPOSES, unknownReplyVariables } from "~/domain/reply-templates";
import { databaseId, requiredText, submissionKey } from "./fields";

/** The reply templates page's forms (docs/working-pages.md, "Replies written once"). */
const templateFields = {
  purpose: z.enum(REPLY_PURPOSES, { errorMap: () => ({ message: "required" }) }),
  title: requiredText(40),
  body: requiredText(MAX_REPLY_TEMPLATE_LENGTH).refine((body) => unknownReplyVariables(body).length === 0, "unknownVariable"),
};

export const replyTemplateSchemas = {
  create: z.object({
    intent: z.literal("create"),
    ...templateFields,
    // The bureau's templates are everybody's; only an administrator may keep them.
    scope: z.enum(["own", "bureau"]).default("own"),
    submissionKey: submissionKey.optional(),
  }),
  update: z.object({ intent: z.literal("update"), templateId: databaseId("badRequest"), ...templateFields }),
  delete: z.object({ intent: z.literal("delete"), templateId: databaseId("badRequest") }),
};

export type ReplyTemplateIntent = keyof typeof replyTemplateSchemas;
export const isReplyTemplateIntent = (intent: unknown): intent is ReplyTemplateIntent =>
  intent === "create" || intent === "update" || intent === "delete";
