import { z } from "zod";
import { databaseId, localDate, optionalText, requiredText, submissionKey } from "./fields";

/** The knowledge base's forms (docs/working-pages.md, "The knowledge base"). */
const entryFields = {
  question: requiredText(500),
  answer: requiredText(4000),
  department: requiredText(100),
  legalBasis: optionalText(500),
  reviewBy: localDate("reviewBy"),
};

export const knowledgeSchemas = {
  create: z.object({
    intent: z.literal("create"),
    ...entryFields,
    sourceCaseNo: optionalText(30),
    submissionKey: submissionKey.optional(),
  }),
  update: z.object({ intent: z.literal("update"), entryId: databaseId("badRequest"), ...entryFields }),
  delete: z.object({ intent: z.literal("delete"), entryId: databaseId("badRequest") }),
};

export type KnowledgeIntent = keyof typeof knowledgeSchemas;
export const isKnowledgeIntent = (intent: unknown): intent is KnowledgeIntent =>
  intent === "create" || intent === "update" || intent === "delete";
