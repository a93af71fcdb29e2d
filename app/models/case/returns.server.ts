import { prisma } from "~/db.server";
import { HANDLING_STATES } from "~/domain/workflow";

/**
 * What the supervision board shows of the chain between units (docs/domain.md "Returns are decided",
 * "Problem cases"): problem cases still without a lead unit, and returns the desk has not decided in time.
 */
export async function problemCases() {
  const cases = await prisma.case.findMany({
    where: { problemSince: { not: null }, leadUnitId: null, state: { in: [...HANDLING_STATES] } },
    orderBy: [{ problemSince: "asc" }, { id: "asc" }],
    select: {
      caseNo: true,
      state: true,
      overdue: true,
      subject: true,
      problemSince: true,
      unitChanges: true,
      assignedTo: { select: { name: true } },
      _count: { select: { returns: true } },
    },
    take: 500,
  });
  return cases.map(({ _count, ...item }) => ({ ...item, returns: _count.returns }));
}

export function overdueReturns(now = new Date()) {
  return prisma.caseReturn.findMany({
    where: { decidedAt: null, dueAt: { lt: now } },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      ground: true,
      returnedAt: true,
      dueAt: true,
      fromUnit: { select: { name: true } },
      case: { select: { caseNo: true, subject: true } },
    },
    take: 500,
  });
}
