import { execFileSync } from "node:child_process";
import { config } from "~/config.server";

/** Applies pending migrations with Prisma's own deploy command (WebAssembly engine, no download). */
export function migrateDatabase() {
  const prismaCli = require.resolve("prisma/build/index.js");
  execFileSync(process.execPath, [prismaCli, "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: config().DATABASE_URL },
    stdio: ["ignore", "pipe", "pipe"],
  });
}
