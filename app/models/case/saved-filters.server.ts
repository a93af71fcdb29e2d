import { prisma } from "~/db.server";
import { InputError } from "~/models/errors";

/** A user keeps a handful of lists they open every day; more is a list of its own to tidy. */
export const MAX_SAVED_FILTERS = 20;

/** One user's saved filters, by name. */
export function listSavedFilters(userId: number) {
  return prisma.savedFilter.findMany({
    where: { userId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, query: true },
  });
}

/**
 * Saves the list's canonical query (app/forms/case-list.ts) under a name; the same name again replaces
 * what it held. Refused without a filter, or past the limit.
 */
export async function saveFilter(userId: number, name: string, query: string) {
  if (!query) throw new InputError({ name: "emptyFilter" });
  await prisma.$transaction(async (tx) => {
    const existing = await tx.savedFilter.findUnique({ where: { userId_name: { userId, name } } });
    if (existing) {
      await tx.savedFilter.update({ where: { id: existing.id }, data: { query } });
      return;
    }
    if ((await tx.savedFilter.count({ where: { userId } })) >= MAX_SAVED_FILTERS) {
      throw new InputError({ name: "tooManyFilters" });
    }
    await tx.savedFilter.create({ data: { userId, name, query } });
  });
}

/** Removes one of the user's own saved filters; another's, or one already gone, changes nothing. */
export async function deleteSavedFilter(userId: number, filterId: number) {
  const { count } = await prisma.savedFilter.deleteMany({ where: { id: filterId, userId } });
  return count === 1;
}
