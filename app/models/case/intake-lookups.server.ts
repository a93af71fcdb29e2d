import { prisma } from "~/db.server";
import { normalizePhone } from "~/domain/masking";
import { looksLikeSameReport } from "~/domain/similarity";
import { HANDLING_STATES } from "~/domain/workflow";
import { LIST_SELECT, withUnitNames } from "./lists.server";

const DUPLICATE_WINDOW_DAYS = 30;

/**
 * What the intake form shows while a report is typed: the caller's earlier cases, and open cases of
 * the same township and category from the last 30 days with a similar subject or address.
 */
export async function intakeLookups(
  input: { phone?: string; townshipId?: number; category?: string; subject?: string; address?: string },
  now = new Date(),
) {
  const phone = input.phone ? normalizePhone(input.phone) : "";
  const callerHistory =
    phone.length >= 7
      ? await prisma.case.findMany({
          where: { complainantPhone: phone },
          select: { ...LIST_SELECT, description: true },
          orderBy: { receivedAt: "desc" },
          take: 10,
        })
      : [];
  let duplicates: (typeof callerHistory)[number][] = [];
  if (input.townshipId && input.category && (input.subject?.trim() || input.address?.trim())) {
    const candidates = await prisma.case.findMany({
      where: {
        townshipId: input.townshipId,
        category: input.category,
        state: { in: [...HANDLING_STATES] },
        receivedAt: { gte: new Date(now.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000) },
      },
      select: { ...LIST_SELECT, description: true },
      orderBy: { receivedAt: "desc" },
      take: 200,
    });
    duplicates = candidates.filter(
      (candidate) =>
        (input.subject && looksLikeSameReport(input.subject, candidate.subject)) ||
        (input.address && looksLikeSameReport(input.address, candidate.address)),
    );
  }
  const [named, namedDuplicates] = await Promise.all([withUnitNames(callerHistory), withUnitNames(duplicates.slice(0, 10))]);
  return { callerHistory: named, duplicates: namedDuplicates };
}

export type IntakeLookups = Awaited<ReturnType<typeof intakeLookups>>;
