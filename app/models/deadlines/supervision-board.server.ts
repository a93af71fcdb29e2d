import { prisma } from "~/db.server";
import { localDateOf, localDaysBetween } from "~/domain/local-time";
import { LATENESS_BUCKETS, latenessBucket } from "~/domain/supervision";
import { overdueNow } from "../case/lists.server";

/**
 * The supervision board (督办): every case still being handled that is past a due time or under
 * supervision, with how late it is, counted by township and by days late.
 */
export async function supervisionBoard(now = new Date()) {
  const cases = await prisma.case.findMany({
    where: overdueNow(now),
    select: {
      id: true,
      caseNo: true,
      state: true,
      round: true,
      subject: true,
      nextDueAt: true,
      township: { select: { name: true } },
      assignedTo: { select: { name: true } },
      firedSteps: { where: { step: "supervision" }, select: { round: true } },
      instructions: { select: { acknowledgedAt: true } },
    },
    orderBy: [{ nextDueAt: "asc" }, { id: "asc" }],
  });
  const today = localDateOf(now);
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
  for (const row of rows) {
    const name = row.handler ?? row.township;
    const counts = byHandler.get(name) ?? Object.fromEntries(LATENESS_BUCKETS.map((bucket) => [bucket.key, 0]));
    counts[row.bucket] += 1;
    byHandler.set(name, counts);
  }
  return {
    rows,
    byHandler: [...byHandler.entries()]
      .map(([name, counts]) => ({ name, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) }))
      .sort((a, b) => b.total - a.total),
  };
}
