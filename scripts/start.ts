/**
 * `npm start`: migrate, seed reference data (and demo data into an empty database), make sure a Redis
 * answers, then run the web server and the deadline worker as child processes.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import IORedis from "ioredis";
import { ConfigError, config } from "~/config.server";
import { projectPath } from "~/paths.server";

async function redisAnswers(url: string): Promise<boolean> {
  const probe = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1500, retryStrategy: () => null });
  probe.on("error", () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/** REDIS_URL if set; else the local default; else a redis-server of our own under data/redis. */
async function ensureRedis(children: ChildProcess[]): Promise<void> {
  const { REDIS_URL, DATA_DIR } = config();
  if (await redisAnswers(REDIS_URL)) return;
  if (process.env.REDIS_URL) {
    console.warn(`Redis at ${REDIS_URL} does not answer: the deadline worker waits for it.`);
    return;
  }
  if (spawnSync("redis-server", ["--version"]).status !== 0) {
    console.warn(
      "No Redis answers on 127.0.0.1:6379 and redis-server is not installed: the deadline worker waits for a Redis to answer.",
    );
    return;
  }
  const dir = path.resolve(DATA_DIR, "redis");
  mkdirSync(dir, { recursive: true });
  const redis = spawn(
    "redis-server",
    ["--port", "6379", "--bind", "127.0.0.1", "--dir", dir, "--appendonly", "yes", "--save", ""],
    {
      stdio: "ignore",
    },
  );
  children.push(redis);
  for (let attempt = 0; attempt < 20; attempt += 1) {
    if (await redisAnswers(REDIS_URL)) {
      console.log(`Started redis-server with its data in ${dir}.`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  console.warn("redis-server did not start: the deadline worker waits for a Redis to answer.");
}

/** Runs one of the built processes (build/server/, made by `npm run build`). */
function runChild(name: string, bundle: string, children: ChildProcess[], onExit: (code: number | null) => void) {
  const child = spawn(process.execPath, ["--enable-source-maps", projectPath("build/server", bundle)], {
    stdio: "inherit",
    env: process.env,
  });
  children.push(child);
  child.on("exit", (code) => {
    console.log(`${name} exited (${code ?? "signal"}).`);
    onExit(code);
  });
  return child;
}

async function main() {
  // Checked before anything else loads, so that a bad value is one clear message.
  const { PORT } = config();
  const { migrateDatabase } = await import("../cli/migrate");
  const { prisma } = await import("~/db.server");
  const { DEMO_PASSWORD, DEMO_USERS, seedDemoData, seedReferenceData } = await import("~/models/reference/seed.server");
  console.log("Applying database migrations and reference data…");
  await migrateDatabase();
  await seedReferenceData();
  if ((await prisma.case.count()) === 0) console.log("Empty database: creating demo data (about 15 s)…");
  const demo = await seedDemoData();
  if (demo.cases > 0) console.log(`Demo data added: ${demo.cases} cases.`);
  await prisma.$disconnect();

  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = (code = 0) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) child.kill("SIGTERM");
    setTimeout(() => process.exit(code), 5000).unref();
  };
  process.once("SIGINT", () => stop());
  process.once("SIGTERM", () => stop());

  await ensureRedis(children);
  runChild("web server", "web.js", children, (code) => stop(code ?? 0));
  const startWorker = (): void => {
    runChild("deadline worker", "worker.js", children, () => {
      if (!stopping) setTimeout(startWorker, 2000);
    });
  };
  // Always: without Redis the worker waits for it, and restores the queues from the database once it answers.
  startWorker();

  console.log(`\nGreenline is starting on http://localhost:${PORT}`);
  console.log(`Demo accounts (password "${DEMO_PASSWORD}"):`);
  for (const user of DEMO_USERS) console.log(`  ${user.username.padEnd(11)} ${user.displayName}`);
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
