import { existsSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { config } from "~/config.server";

/**
 * `greenline backup FILE`: a consistent copy of the SQLite database while the application runs
 * (SQLite's online backup API: readers and writers carry on). Refuses to overwrite a file.
 */
export async function backupCommand(target: string) {
  const { databaseFile } = config();
  if (!databaseFile) {
    console.error("This installation runs on PostgreSQL: back it up with pg_dump (see README, Running at scale).");
    return 1;
  }
  const destination = path.resolve(target);
  if (existsSync(destination)) {
    console.error(`${destination} exists; choose a new file name.`);
    return 1;
  }
  if (!existsSync(databaseFile)) {
    console.error(`No database at ${databaseFile}.`);
    return 1;
  }
  const source = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const started = Date.now();
    await source.backup(destination);
    const copy = new Database(destination, { readonly: true });
    const check = copy.pragma("integrity_check", { simple: true });
    const cases = (copy.prepare(`SELECT COUNT(*) AS n FROM "Case"`).get() as { n: number }).n;
    copy.close();
    console.log(`Backed up ${databaseFile} to ${destination} in ${Date.now() - started} ms: ${cases} cases, integrity ${check}.`);
    return check === "ok" ? 0 : 1;
  } finally {
    source.close();
  }
}
