import { InputError, isUniqueViolation } from "../errors";
import { prisma } from "~/db.server";
import { type LocalDate, localDateOf } from "~/domain/local-time";
import { defaultReviewBy, rankKnowledge } from "~/domain/knowledge";
import { redactorFor } from "~/domain/masking";
import type { Role } from "~/domain/roles";
import { canViewCase } from "~/domain/workflow";
import type { SignedInUser } from "~/session.server";

/** Everyone on the staff reads the knowledge base; the desk and the administrator keep it. */
export const KNOWLEDGE_EDITORS = ["dispatcher", "admin"] as const satisfies readonly Role[];
export const mayEditKnowledge = (user: Pick<SignedInUser, "role">) =>
  (KNOWLEDGE_EDITORS as readonly string[]).includes(user.role);

const ENTRY_SELECT = {
  id: true,
  question: true,
  answer: true,
  department: true,
  legalBasis: true,
  reviewBy: true,
  sourceCaseNo: true,
  updatedAt: true,
} as const;

export interface KnowledgeInput {
  question: string;
  answer: string;
  department: string;
  legalBasis: string;
  reviewBy: LocalDate;
}

/**
 * The entries that answer a query, best first (app/domain/knowledge.ts); without one, the newest. A
 * bureau's knowledge base is hundreds of entries, read whole and ranked in the process.
 */
export async function searchKnowledge(query: string, limit = 20) {
  const entries = await prisma.knowledgeEntry.findMany({ select: ENTRY_SELECT, orderBy: { updatedAt: "desc" } });
  return query.trim() ? rankKnowledge(query, entries, limit) : entries.slice(0, limit);
}

/** Entries whose review date has passed, the longest overdue first. */
export async function entriesPastReview(now = new Date()) {
  // isPastReview (app/domain/knowledge.ts) as a query: local dates compare as text.
  return prisma.knowledgeEntry.findMany({
    where: { reviewBy: { lt: localDateOf(now) } },
    select: ENTRY_SELECT,
    orderBy: { reviewBy: "asc" },
  });
}

export async function createKnowledgeEntry(
  user: Pick<SignedInUser, "id">,
  input: KnowledgeInput & { sourceCaseNo?: string | null },
  submissionKey?: string,
) {
  // The same form sent again (a double click, a retry) is the entry it added; another user's key adds nothing.
  const earlier = () =>
    submissionKey ? prisma.knowledgeEntry.findFirst({ where: { submissionKey, createdById: user.id } }) : null;
  const found = await earlier();
  if (found) return found;
  try {
    return await prisma.knowledgeEntry.create({
      data: { ...input, sourceCaseNo: input.sourceCaseNo ?? null, createdById: user.id, submissionKey: submissionKey ?? null },
    });
  } catch (error) {
    const first = isUniqueViolation(error) ? await earlier() : null;
    if (first) return first;
    if (isUniqueViolation(error)) throw new InputError({ form: "badRequest" });
    throw error;
  }
}

/** Changes or removes an entry; false when there is none with that id. */
export async function updateKnowledgeEntry(entryId: number, change: KnowledgeInput | "delete") {
  const found = await prisma.knowledgeEntry.findUnique({ where: { id: entryId }, select: { id: true } });
  if (!found) return false;
  if (change === "delete") await prisma.knowledgeEntry.delete({ where: { id: entryId } });
  else await prisma.knowledgeEntry.update({ where: { id: entryId }, data: change });
  return true;
}

/**
 * A new entry's draft from a concluded case's answer: the case's subject and description as the
 * question, its reply as the answer. Township staff read the knowledge base, so the complainant's and
 * the parties' identities are masked whatever the complainant consented to. Null when the user cannot see
 * the case or it has no answer yet.
 */
export async function knowledgeDraftFromCase(user: SignedInUser, caseNo: string, now = new Date()) {
  const record = await prisma.case.findUnique({
    where: { caseNo: caseNo.slice(0, 30) },
    include: { parties: { select: { type: true, name: true, phone: true, address: true } } },
  });
  if (!record || !canViewCase(user, record) || !record.replyText) return null;
  const redact = redactorFor({ ...record, consentToDisclose: false });
  const question = [record.subject, record.description].filter(Boolean).join("：");
  return {
    question: redact(question).slice(0, 500),
    answer: redact(record.replyText),
    department: "",
    legalBasis: "",
    reviewBy: defaultReviewBy(localDateOf(now)),
    sourceCaseNo: record.caseNo,
  };
}
