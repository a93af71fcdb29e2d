import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { prisma } from "~/db.server";

/**
 * Open, assigned complaints with one conclusion milestone whose ladder instants (in ladder order) are given, written
 * straight into the tables (thousands in a second) for worker tests and benchmarks.
 */
export async function insertOpenCases(
  count: number,
  instants: (index: number) => { warningAt: Date; dueAt: Date; supervisionAt: Date; nextStep?: "warning" | "overdue" },
  options: { year?: number; batchSize?: number } = {},
) {
  const year = options.year ?? 2030;
  const batchSize = options.batchSize ?? 2000;
  const [township, policy] = await Promise.all([
    prisma.township.findFirstOrThrow({ where: { kind: "township" }, orderBy: { id: "asc" } }),
    prisma.deadlinePolicy.findFirstOrThrow({ where: { kind: "complaint", urgency: null } }),
  ]);
  const sequence = await prisma.caseSequence.upsert({
    where: { kind_year: { kind: "complaint", year } },
    create: { kind: "complaint", year, lastSeq: count },
    update: { lastSeq: { increment: count } },
  });
  const firstSeq = sequence.lastSeq - count + 1;
  const receivedAt = new Date(Date.UTC(year, 0, 2));
  for (let start = 0; start < count; start += batchSize) {
    const size = Math.min(batchSize, count - start);
    const rows = Array.from({ length: size }, (_, offset) => {
      const seq = firstSeq + start + offset;
      const times = instants(start + offset);
      return { seq, times, caseNo: `TS-${year}-${String(seq).padStart(5, "0")}` };
    });
    await prisma.case.createMany({
      data: rows.map((row) => ({
        caseNo: row.caseNo,
        kind: "complaint",
        year,
        seq: row.seq,
        state: "assigned",
        channel: "hotline12369",
        category: "noise",
        townshipId: township.id,
        assignedToId: township.id,
        receivedAt,
        description: "批量测试案件",
        policyId: policy.id,
        nextDueAt: row.times.dueAt,
      })),
    });
    const cases = await prisma.case.findMany({
      where: { caseNo: { in: rows.map((row) => row.caseNo) } },
      select: { id: true, caseNo: true },
    });
    const idByNo = new Map(cases.map((c) => [c.caseNo, c.id]));
    await prisma.caseMilestone.createMany({
      data: rows.map((row) => ({
        caseId: idByNo.get(row.caseNo)!,
        round: 1,
        milestone: "conclude",
        startAt: receivedAt,
        amount: 15,
        unit: "working_days",
        warningAt: row.times.warningAt,
        dueAt: row.times.dueAt,
        supervisionAt: row.times.supervisionAt,
        // "overdue" stands for a warning that fired before the test began.
        nextStep: row.times.nextStep ?? "warning",
        nextStepAt: row.times.nextStep === "overdue" ? row.times.dueAt : row.times.warningAt,
      })),
    });
  }
}

/** A worker process (the built `workers/index.ts`, as production runs it) on this test's database and Redis prefix. */
export function spawnWorker(env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ["--enable-source-maps", "build/server/worker.js"], {
    cwd: path.resolve(__dirname, "../.."),
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
}
