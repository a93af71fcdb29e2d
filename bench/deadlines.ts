/**
 * npm run bench:deadlines — how late deadline steps fire, and what the sweep and a full re-enqueue cost.
 *
 * 1. 10,000 open cases whose overdue steps fall due within the same minute, fired by one worker
 *    process, then (on a fresh database) by two: lateness = recorded time − due instant.
 * 2. The sweep over 100,000 open cases with nothing to fire, and re-enqueueing all their steps after
 *    the queue was emptied.
 */
import { type ChildProcess, spawnSync } from "node:child_process";
import { percentile, prepareBenchEnvironment, removeRedisKeys } from "./setup";

const LATE_CASES = Number(process.env.BENCH_LATE_CASES ?? 10_000);
const SWEEP_CASES = Number(process.env.BENCH_SWEEP_CASES ?? 100_000);
const FAR = new Date("2099-01-01T00:00:00Z");

async function lateness(workers: number) {
  const db = prepareBenchEnvironment(`late-${workers}`);
  const { prisma } = await import("~/db.server");
  const { seedReferenceData } = await import("~/models/reference/seed.server");
  const { insertOpenCases, spawnWorker } = await import("../tests/support/bulk-cases");
  const { requeueAllDeadlines } = await import("~/models/deadlines/queue.server");
  const { closeRedisResources } = await import("~/redis.server");
  await seedReferenceData();
  const start = Date.now() + 30_000;
  await insertOpenCases(LATE_CASES, (i) => {
    const dueAt = new Date(start + Math.floor((i * 60_000) / LATE_CASES));
    // The warnings fired two days earlier; the overdue steps are what is measured.
    return { warningAt: new Date(dueAt.getTime() - 2 * 86_400_000), dueAt, supervisionAt: FAR, nextStep: "overdue" };
  });
  await requeueAllDeadlines();
  const children: ChildProcess[] = Array.from({ length: workers }, () => spawnWorker({ SWEEP_INTERVAL_MS: "60000" }));
  try {
    for (;;) {
      const fired = await prisma.deadlineStep.count({ where: { step: "overdue" } });
      if (fired >= LATE_CASES) break;
      if (Date.now() > start + 600_000) throw new Error(`only ${fired} of ${LATE_CASES} steps fired in ten minutes`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const steps = await prisma.deadlineStep.findMany({ where: { step: "overdue" }, select: { stepAt: true, firedAt: true } });
    const late = steps.map((s) => s.firedAt.getTime() - s.stepAt.getTime()).sort((a, b) => a - b);
    return { workers, steps: steps.length, p50: percentile(late, 50), p99: percentile(late, 99), max: late[late.length - 1] };
  } finally {
    for (const child of children) child.kill("SIGTERM");
    await Promise.all(children.map((child) => new Promise((resolve) => child.once("exit", resolve))));
    await closeRedisResources();
    await prisma.$disconnect();
    await removeRedisKeys(process.env.REDIS_PREFIX!);
    db.remove();
  }
}

async function sweepAndRequeue() {
  const db = prepareBenchEnvironment("sweep");
  const { prisma } = await import("~/db.server");
  const { seedReferenceData } = await import("~/models/reference/seed.server");
  const { insertOpenCases } = await import("../tests/support/bulk-cases");
  const { deadlineJobs, requeueAllDeadlines } = await import("~/models/deadlines/queue.server");
  const { sweepDueSteps } = await import("~/models/deadlines/sweep.server");
  const { queueOf } = await import("~/models/jobs/queues.server");
  const { closeRedisResources } = await import("~/redis.server");
  await seedReferenceData();
  await insertOpenCases(SWEEP_CASES, () => ({ warningAt: FAR, dueAt: FAR, supervisionAt: FAR }));
  const sweeps: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const started = performance.now();
    const result = await sweepDueSteps();
    sweeps.push(performance.now() - started);
    if (result.fired !== 0) throw new Error("the sweep fired something");
  }
  await queueOf(deadlineJobs).obliterate({ force: true });
  const started = performance.now();
  const queued = await requeueAllDeadlines();
  const requeueMs = performance.now() - started;
  await closeRedisResources();
  await prisma.$disconnect();
  await removeRedisKeys(process.env.REDIS_PREFIX!);
  db.remove();
  sweeps.sort((a, b) => a - b);
  return {
    cases: SWEEP_CASES,
    sweepMedianMs: Math.round(sweeps[2]),
    sweepMaxMs: Math.round(sweeps[4]),
    requeuedJobs: queued,
    requeueMs: Math.round(requeueMs),
  };
}

/** Each part runs in a process of its own: the application's modules read their configuration once. */
function runPart(args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", __filename, ...args], { stdio: "inherit", env: process.env });
  if (result.status !== 0) throw new Error(`bench part ${args.join(" ")} failed`);
}

async function main() {
  const [mode = "all", workers = "1"] = process.argv.slice(2);
  if (mode === "all") {
    runPart(["sweep"]);
    runPart(["late", "1"]);
    runPart(["late", "2"]);
  } else if (mode === "sweep") {
    const result = await sweepAndRequeue();
    console.log(
      `sweep over ${result.cases} open cases with nothing to fire: median ${result.sweepMedianMs} ms, max ${result.sweepMaxMs} ms (goal < 200 ms)`,
    );
    console.log(
      `re-enqueue after the queue was emptied: ${result.requeuedJobs} jobs in ${result.requeueMs} ms (goal < 10000 ms)`,
    );
  } else if (mode === "late") {
    const result = await lateness(Number(workers));
    console.log(
      `${result.steps} overdue steps due within one minute, ${result.workers} worker process(es): lateness p50 ${result.p50} ms, p99 ${result.p99} ms, max ${result.max} ms (goal p99 < 1000 ms)`,
    );
  } else {
    throw new Error("usage: bench/deadlines.ts [all | sweep | late WORKERS]");
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
