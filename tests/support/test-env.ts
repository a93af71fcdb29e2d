import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll } from "vitest";

// Each test file gets its own SQLite file and its own Redis key prefix, removed afterwards.
const id = randomUUID().slice(0, 8);
const tmpDir = path.resolve(__dirname, "../.tmp");
const databaseFile = path.join(tmpDir, `test-${id}.db`);
copyFileSync(path.join(tmpDir, "template.db"), databaseFile);

process.env.NODE_ENV = "test";
process.env.DATABASE_URL = `file:${databaseFile}`;
process.env.REDIS_PREFIX = `greenline-test-${id}`;
process.env.DATA_DIR = tmpDir;
process.env.SESSION_SECRET = "test-session-secret-of-at-least-32-characters";
process.env.LOG_LEVEL = "silent";
process.env.WEBHOOK_RETRY_DELAY_MS = "50";

afterAll(async () => {
  const { cleanUpTestResources } = await import("./cleanup");
  await cleanUpTestResources();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(databaseFile + suffix, { force: true });
});
