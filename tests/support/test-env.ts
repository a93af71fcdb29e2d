import { randomUUID } from "node:crypto";
import { afterAll } from "vitest";
import { TMP_DIR, copyOfTemplate } from "./databases";

// Each test file gets its own database (a SQLite file, or a PostgreSQL database) and its own Redis key
// prefix, removed afterwards.
const id = randomUUID().slice(0, 8);
const database = copyOfTemplate(`test-${id}`);

process.env.NODE_ENV = "test";
process.env.DATABASE_URL = database.url;
process.env.REDIS_PREFIX = `greenline-test-${id}`;
process.env.DATA_DIR = TMP_DIR;
process.env.FILES_DIR = `${TMP_DIR}/files-${id}`;
process.env.SESSION_SECRET = "test-session-secret-of-at-least-32-characters";
process.env.LOG_LEVEL = "silent";
process.env.WEBHOOK_RETRY_DELAY_MS = "50";
// The tests' work orders were received in March 2026; a receipt older than this is still refused (2000-01-01).
process.env.TRANSFER_IN_MAX_AGE_DAYS = "3660";
// The tests' receivers and partner installations listen on this machine, which production refuses.
process.env.OUTBOUND_ALLOWED_HOSTS = "127.0.0.1,localhost";
// A bureau's own name and hotline, so that what complainants read is seen to come from the settings.
process.env.BUREAU_NAME = "綦江区生态环境局";
process.env.BUREAU_HOTLINE = "023-12369";

afterAll(async () => {
  try {
    const { cleanUpTestResources } = await import("./cleanup");
    await cleanUpTestResources();
  } finally {
    database.remove();
  }
});
