import { isUniqueViolation } from "../errors";
import { prisma } from "~/db.server";
import {
  type FilledReplyTemplates,
  type ReplyPurpose,
  fillReplyTemplate,
  replyPurposeOf,
  replyValuesOf,
} from "~/domain/reply-templates";
import type { CaseAction } from "~/domain/workflow";
import type { SignedInUser } from "~/session.server";

/** A user keeps their own phrases; past this it is a list nobody reads. */
export const MAX_OWN_TEMPLATES = 100;

/** The bureau's templates and the user's own, by purpose and title: what the user may put into a step. */
export function replyTemplatesFor(userId: number) {
  return prisma.replyTemplate.findMany({
    where: { OR: [{ ownerId: null }, { ownerId: userId }] },
    orderBy: [{ purpose: "asc" }, { ownerId: "asc" }, { title: "asc" }],
    select: { id: true, ownerId: true, purpose: true, title: true, body: true },
  });
}

/** Whether the user may change a template: their own, or the bureau's for an administrator. */
export function mayEditTemplate(user: Pick<SignedInUser, "id" | "role">, template: { ownerId: number | null }) {
  return template.ownerId === null ? user.role === "admin" : template.ownerId === user.id;
}

/** Adds a template; the refusal's message key, or null once added. */
export async function createReplyTemplate(
  user: Pick<SignedInUser, "id" | "role">,
  input: { scope: "own" | "bureau"; purpose: ReplyPurpose; title: string; body: string; submissionKey?: string },
) {
  // The bureau's templates are everybody's: only an administrator keeps them.
  if (input.scope === "bureau" && user.role !== "admin") return "notAllowed" as const;
  const ownerId = input.scope === "bureau" ? null : user.id;
  if (ownerId !== null && (await prisma.replyTemplate.count({ where: { ownerId } })) >= MAX_OWN_TEMPLATES) {
    return "tooManyTemplates" as const;
  }
  // The same form sent again (a double click, a retry) is the template it added.
  const key = input.submissionKey ?? null;
  if (key && (await prisma.replyTemplate.count({ where: { submissionKey: key } })) > 0) return null;
  try {
    await prisma.replyTemplate.create({
      data: { ownerId, purpose: input.purpose, title: input.title, body: input.body, submissionKey: key },
    });
  } catch (error) {
    // Sent twice at once: the second loses on the key's uniqueness, and is the first.
    if (!isUniqueViolation(error)) throw error;
  }
  return null;
}

/** Changes or removes a template the user may edit; any other (another's, one gone) changes nothing. */
export async function updateReplyTemplate(
  user: Pick<SignedInUser, "id" | "role">,
  templateId: number,
  change: { purpose: ReplyPurpose; title: string; body: string } | "delete",
) {
  const template = await prisma.replyTemplate.findUnique({ where: { id: templateId }, select: { ownerId: true } });
  if (!template || !mayEditTemplate(user, template)) return false;
  if (change === "delete") await prisma.replyTemplate.delete({ where: { id: templateId } });
  else await prisma.replyTemplate.update({ where: { id: templateId }, data: change });
  return true;
}

/**
 * The templates a case's step forms offer, by purpose, already filled with the case's values: only for
 * a user who may take a step that has a purpose.
 */
export async function replyTemplatesForCase(
  user: Pick<SignedInUser, "id">,
  view: {
    caseNo: string;
    receivedAt: Date | string | null;
    township: { name: string };
    allowedActions: readonly CaseAction[];
    milestones: readonly { status: string; dueAt: Date | string | null }[];
  },
  bureau: string,
  now = new Date(),
): Promise<FilledReplyTemplates> {
  if (!view.allowedActions.some((action) => replyPurposeOf(action))) return {};
  const due = view.milestones.find((milestone) => milestone.status === "open")?.dueAt ?? view.milestones.at(-1)?.dueAt ?? null;
  const values = replyValuesOf(
    {
      caseNo: view.caseNo,
      receivedAt: new Date(view.receivedAt ?? now),
      dueAt: due ? new Date(due) : null,
      townshipName: view.township.name,
    },
    bureau,
    now,
  );
  const filled: FilledReplyTemplates = {};
  for (const template of await replyTemplatesFor(user.id)) {
    const purpose = template.purpose as ReplyPurpose;
    (filled[purpose] ??= []).push({ id: template.id, title: template.title, text: fillReplyTemplate(template.body, values) });
  }
  return filled;
}
