/**
 * npm run bench:report-load — does a large report hold the web process? BENCH_CASES (default 1,000,000)
 * cases over five years in a fresh SQLite file; a leader asks for the five-year report
 * (/reports?from=2021-01-01&to=2025-12-31) while another client asks /healthz every 20 ms. Printed: the
 * report's time and /healthz's answer times while it ran, first with no worker (the report is computed
 * in the web process), then with one worker running (computed there, docs/decisions/0011).
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fillSqliteCases } from "./cases";
import { percentile, prepareBenchEnvironment, removeRedisKeys, startServer } from "./setup";

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const REPORT = "/reports?from=2021-01-01&to=2025-12-31";

async function healthDuring(base: string, cookie: string) {
  const latencies: number[] = [];
  let done = false;
  const started = Date.now();
  const report = fetch(`${base}${REPORT}`, { headers: { cookie } }).then(async (response) => {
    await response.text();
    done = true;
    return { status: response.status, ms: Date.now() - started };
  });
  while (!done) {
    const t = Date.now();
    await fetch(`${base}/healthz`).then((response) => response.text());
    latencies.push(Date.now() - t);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  latencies.sort((a, b) => a - b);
  return { report: await report, probes: latencies.length, p50: percentile(latencies, 50), max: latencies[latencies.length - 1] };
}

async function main() {
  const db = prepareBenchEnvironment("report-load");
  const { seedReferenceData, seedDemoUsers, DEMO_PASSWORD } = await import("~/models/reference/seed.server");
  const { prisma } = await import("~/db.server");
  await seedReferenceData();
  await seedDemoUsers();
  await prisma.$disconnect();
  const fillStart = Date.now();
  await fillSqliteCases(db.file, CASES);
  console.log(`${CASES.toLocaleString("en")} cases written in ${((Date.now() - fillStart) / 1000).toFixed(1)} s`);
  const server = await startServer(1);
  const base = `http://127.0.0.1:${server.port}`;
  let worker: ChildProcess | undefined;
  try {
    const login = await fetch(`${base}/login`, {
      method: "POST",
      body: new URLSearchParams({ username: "leader", password: DEMO_PASSWORD }),
      redirect: "manual",
    });
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    await fetch(`${base}${REPORT}`, { headers: { cookie } }).then((response) => response.text()); // warm the page cache
    const inline = await healthDuring(base, cookie);
    console.log(
      `no worker:  five-year report ${inline.report.ms} ms (${inline.report.status}); /healthz while it ran: ${inline.probes} answers, p50 ${inline.p50} ms, max ${inline.max} ms`,
    );
    worker = spawn(process.execPath, ["--enable-source-maps", "build/server/worker.js"], {
      cwd: path.resolve(__dirname, ".."),
      env: process.env,
      stdio: "ignore",
    });
    for (;;) {
      const health = (await (await fetch(`${base}/healthz`)).json()) as { deadlines: string };
      if (health.deadlines === "running") break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await fetch(`${base}${REPORT}`, { headers: { cookie } }).then((response) => response.text()); // warm the worker
    const offloaded = await healthDuring(base, cookie);
    console.log(
      `one worker: five-year report ${offloaded.report.ms} ms (${offloaded.report.status}); /healthz while it ran: ${offloaded.probes} answers, p50 ${offloaded.p50} ms, max ${offloaded.max} ms`,
    );
  } finally {
    worker?.kill("SIGTERM");
    server.child.kill("SIGTERM");
    await new Promise((resolve) => server.child.once("exit", resolve));
    await removeRedisKeys(process.env.REDIS_PREFIX!);
    db.remove();
  }
}

void main();
