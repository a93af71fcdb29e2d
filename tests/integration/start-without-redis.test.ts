import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import IORedis from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { waitFor } from "../support/wait";

const ROOT = path.resolve(__dirname, "../..");
const children: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const stopped = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });

afterAll(async () => {
  await Promise.all(children.map(stopped));
});

// Generous: `npm start`'s own start-up (migrations, demo data, web server, worker) on two shared cores.
// Two tests, each well under the minute after which vitest's worker times out reporting to the main process.
describe("npm start before Redis is there", { timeout: 240_000 }, () => {
  let port: number;
  let redisUrl: string;
  let output = "";

  it("starts the worker anyway, which waits for Redis", async () => {
    port = await freePort();
    redisUrl = `redis://127.0.0.1:${port}`;
    const start = spawn(process.execPath, ["--enable-source-maps", "build/server/start.js"], {
      cwd: ROOT,
      env: { ...process.env, REDIS_URL: redisUrl, PORT: "0", LOG_LEVEL: "info", SWEEP_INTERVAL_MS: "2000" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(start);
    start.stdout!.on("data", (chunk) => (output += chunk));
    start.stderr!.on("data", (chunk) => (output += chunk));

    // The demo data has overdue cases, none of whose steps can fire while Redis is away.
    const exited = () => start.exitCode !== null || start.signalCode !== null;
    await waitFor(
      async () => (exited() ? `exited: ${output}` : output),
      (text) => text.startsWith("exited") || (text.includes("waits for it") && text.includes("Redis does not answer yet")),
      180_000,
      250,
    );
    expect(exited(), output).toBe(false);
    // Only now: a connection of this process, opened while `npm start` migrates, would hold up the migration.
    const { prisma } = await import("~/db.server");
    expect(await prisma.case.count({ where: { overdue: false, nextDueAt: { lt: new Date() } } })).toBeGreaterThan(0);
    expect(await prisma.deadlineStep.count()).toBe(0);
  });

  it("once Redis answers, the worker restores the queues and fires what fell due", async () => {
    const { prisma } = await import("~/db.server");
    const redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: "ignore",
    });
    children.push(redis);
    const fired = await waitFor(
      () => prisma.deadlineStep.count(),
      (count) => count > 0,
      120_000,
      500,
    );
    expect(fired).toBeGreaterThan(0);
    const connection = new IORedis(redisUrl);
    try {
      // The heartbeat that tells the pages deadline processing runs again.
      const heartbeat = await waitFor(
        () => connection.exists(`${process.env.REDIS_PREFIX}:workers:heartbeat`),
        (n) => n === 1,
        30_000,
      );
      expect(heartbeat).toBe(1);
    } finally {
      connection.disconnect();
    }
    await waitFor(
      async () => output,
      (text) => text.includes("deadline queues restored from the database"),
      60_000,
      250,
    );
  });
});
