import { prisma } from "~/db.server";
import { type LocalDate, localDateOf, localDaysBetween } from "~/domain/local-time";
import { LATENESS_BUCKETS, latenessBoundaries, latenessBucket } from "~/domain/supervision";
import { loadUnitNames } from "../reference/reference-data.server";
import { inIdOrder, overdueNow, pageOfIds, withUnitNames } from "../case/lists.server";

/** The board lists the latest cases first up to this many; the case list's overdue filter shows them all. */
export const BOARD_ROWS = 100;

/**
 * The supervision board (督办): cases still being handled that are past a due time or under supervision,
 * counted by handler and by days late in the database (docs/decisions/0025), and the latest BOARD_ROWS of
 * them, most days late first, with how late each is.
 */
export async function supervisionBoard(now = new Date()) {
  const today = localDateOf(now);
  const [counts, cases] = await Promise.all([latenessCounts(today, now), overdueRows(now)]);
  const names = await loadUnitNames(counts.map((row) => row.unitId));
  const rows = cases.map((item) => {
    const daysLate = item.nextDueAt ? Math.max(0, localDaysBetween(localDateOf(item.nextDueAt), today)) : 0;
    return {
      caseNo: item.caseNo,
      state: item.state,
      subject: item.subject,
      nextDueAt: item.nextDueAt,
      township: item.township.name,
      handler: item.assignedTo?.name ?? null,
      daysLate,
      bucket: latenessBucket(daysLate),
      supervised: item.firedSteps.some((step) => step.round === item.round),
      instructions: item.instructions.length,
      unacknowledged: item.instructions.filter((instruction) => !instruction.acknowledgedAt).length,
    };
  });
  const byHandler = new Map<string, Record<string, number>>();
  for (const row of counts) {
    const name = names.get(row.unitId) ?? String(row.unitId);
    const tally = byHandler.get(name) ?? Object.fromEntries(LATENESS_BUCKETS.map((bucket) => [bucket.key, 0]));
    tally[String(row.bucket)] += Number(row.count);
    byHandler.set(name, tally);
  }
  const handlers = [...byHandler.entries()]
    .map(([name, tally]) => ({ name, counts: tally, total: Object.values(tally).reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total);
  return { rows, total: handlers.reduce((sum, handler) => sum + handler.total, 0), byHandler: handlers };
}

/** The board's first rows, from the ids the (state, nextDueAt, overdue) index orders. */
async function overdueRows(now: Date) {
  const ids = await pageOfIds(overdueNow(now), [{ nextDueAt: "asc" }, { id: "asc" }], 0, BOARD_ROWS);
  const rows = await prisma.case.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      caseNo: true,
      state: true,
      round: true,
      subject: true,
      nextDueAt: true,
      townshipId: true,
      assignedToId: true,
      firedSteps: { where: { step: "supervision" }, select: { round: true } },
      instructions: { select: { acknowledgedAt: true } },
    },
  });
  return withUnitNames(inIdOrder(ids, rows));
}

/**
 * Cases past due (the one rule, `overdueNow`) by handling unit (the township reported in, before
 * assignment) and days-late bucket: one grouped count per bucket, each a range of due instants.
 */
async function latenessCounts(today: LocalDate, now: Date) {
  const boundaries = latenessBoundaries(today);
  const grouped = await Promise.all(
    boundaries.map((b, index) => {
      const earlier = boundaries[index - 1]?.dueBefore;
      const due =
        b.dueBefore === null
          ? { OR: [{ nextDueAt: null }, { nextDueAt: { gte: earlier! } }] }
          : { nextDueAt: { lt: b.dueBefore, ...(earlier ? { gte: earlier } : {}) } };
      return prisma.case.groupBy({ by: ["assignedToId", "townshipId"], where: { AND: [overdueNow(now), due] }, _count: true });
    }),
  );
  return grouped.flatMap((groups, index) =>
    groups.map((group) => ({
      unitId: group.assignedToId ?? group.townshipId,
      bucket: boundaries[index].key,
      count: group._count,
    })),
  );
}
