/**
 * A fresh, migrated database file and Redis prefix for a benchmark, set in the environment before
 * any application module reads its configuration.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

export function prepareBenchEnvironment(name: string) {
  const dir = path.resolve(__dirname, ".tmp");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${process.pid}.db`);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  process.env.DATABASE_URL = `file:${file}`;
  process.env.REDIS_PREFIX = `greenline-bench-${name}-${process.pid}`;
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? "warn";
  process.env.DATA_DIR = dir;
  execFileSync(process.execPath, [require.resolve("prisma/build/index.js"), "migrate", "deploy"], {
    env: process.env,
    stdio: "ignore",
  });
  return {
    file,
    remove: () => {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    },
  };
}

/** The median of five timed runs in milliseconds (one decimal), after one untimed run when asked to warm up. */
export async function medianMs(run: () => Promise<unknown> | unknown, options: { warmUp?: boolean } = {}) {
  if (options.warmUp) await run();
  const times: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const start = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return Math.round(times.sort((a, b) => a - b)[2] * 10) / 10;
}

export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function removeRedisKeys(prefix: string) {
  const { default: IORedis } = await import("ioredis");
  const redis = new IORedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== "0");
  redis.disconnect();
}

/**
 * The built web server (`npm run build`) with `processes` web processes on a free port, against this
 * environment. `logLines` counts the log lines so far whose message is the given one (at LOG_LEVEL=trace,
 * "query" counts the statements, app/db.server.ts). With BENCH_CPU_PROFILE=dir, each web process writes
 * a CPU profile (.cpuprofile, for Chrome's DevTools) into dir when it stops.
 */
export function startServer(
  processes: number,
  logLevel = "info",
): Promise<{ port: number; child: ChildProcess; logLines: (message: string) => number }> {
  const profile = process.env.BENCH_CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, "--enable-source-maps", "build/server/web.js"], {
    cwd: path.resolve(__dirname, ".."),
    env: { ...process.env, PORT: "0", WEB_PROCESSES: String(processes), NODE_ENV: "production", LOG_LEVEL: logLevel },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  const logLines = (message: string) => output.split(`"msg":${JSON.stringify(message)}`).length - 1;
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      const match = /"port":(\d+)/.exec(output);
      if (match) resolve({ port: Number(match[1]), child, logLines });
    });
    child.once("exit", (code) => reject(new Error(`server exited ${code}`)));
  });
}

/**
 * The statements one request takes, whole (session, form, checks, writes, what follows the commit): one
 * web process at LOG_LEVEL=trace logs each (app/db.server.ts); 3 requests warm it up (what a process
 * reads once), then the median of 20 sent one at a time. `senderFor` signs in and returns the request.
 */
export async function statementsPerRequest(senderFor: (base: string) => Promise<(index: number) => Promise<unknown>>) {
  const server = await startServer(1, "trace");
  try {
    const send = await senderFor(`http://127.0.0.1:${server.port}`);
    // The log of a request's last statements may follow its answer by a moment.
    const settle = () => new Promise((resolve) => setTimeout(resolve, 100));
    for (let i = 0; i < 3; i += 1) await send(-100 - i);
    const counts: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      await settle();
      const before = server.logLines("query");
      await send(-200 - i);
      await settle();
      counts.push(server.logLines("query") - before);
    }
    return counts.sort((a, b) => a - b)[10];
  } finally {
    server.child.kill("SIGTERM");
    await new Promise((resolve) => server.child.once("exit", resolve));
  }
}
