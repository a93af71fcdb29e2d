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

/** The built web server (`npm run build`) with `processes` web processes on a free port, against this environment. */
export function startServer(processes: number): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--enable-source-maps", "build/server/web.js"], {
    cwd: path.resolve(__dirname, ".."),
    env: { ...process.env, PORT: "0", WEB_PROCESSES: String(processes), NODE_ENV: "production", LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      const match = /"port":(\d+)/.exec(output);
      if (match) resolve({ port: Number(match[1]), child });
    });
    child.once("exit", (code) => reject(new Error(`server exited ${code}`)));
  });
}
