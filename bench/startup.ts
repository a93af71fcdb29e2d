/**
 * `npm run bench:startup`: how long `npm start` takes to answer /login — on an empty database (migrations,
 * reference data, demo data) and then, twice, on that existing database (nothing to build, migrate or seed).
 * Each run is a fresh `npm start` (its supervisor, web server and worker), stopped once it answers.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { removeRedisKeys } from "./setup";

const ROOT = path.resolve(__dirname, "..");
const DIR = path.join(__dirname, ".tmp", `startup-${process.pid}`);
const PORT = 3400 + (process.pid % 500);
const PREFIX = `greenline-bench-startup-${process.pid}`;

async function answers(): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${PORT}/login`)).status === 200;
  } catch {
    return false;
  }
}

function stop(child: ChildProcess) {
  return new Promise((resolve) => {
    child.once("exit", resolve);
    // The supervisor and its children are one process group.
    process.kill(-child.pid!, "SIGTERM");
  });
}

async function timedStart(): Promise<number> {
  const started = performance.now();
  const child = spawn("npm", ["start"], {
    cwd: ROOT,
    detached: true,
    stdio: "ignore",
    env: {
      ...process.env,
      DATA_DIR: DIR,
      DATABASE_URL: `file:${path.join(DIR, "greenline.db")}`,
      PORT: String(PORT),
      REDIS_PREFIX: PREFIX,
      LOG_LEVEL: "warn",
    },
  });
  try {
    while (!(await answers())) {
      if (performance.now() - started > 180_000) throw new Error("npm start did not answer /login within three minutes");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return performance.now() - started;
  } finally {
    await stop(child);
    // The web processes close their connections after the supervisor exits: the next start must not be
    // timed against a server still answering (it measured 0.1 s).
    while (await answers()) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function main() {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  try {
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(`first start, empty database (demo data): ${seconds(await timedStart())}`);
    for (const run of [1, 2]) console.log(`start on the existing database, run ${run}: ${seconds(await timedStart())}`);
  } finally {
    rmSync(DIR, { recursive: true, force: true });
    await removeRedisKeys(PREFIX);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
