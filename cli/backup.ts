import { existsSync } from "node:fs";
import { cp } from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import { config } from "~/config.server";
import { objectPath } from "~/models/attachments/store.server";

/**
 * `greenline backup FILE`: a consistent copy of the SQLite database while the application runs
 * (SQLite's online backup API: readers and writers carry on), and beside it, in FILE.files/, every
 * attachment's file the copy names. Files are never changed once stored (named by their content), so
 * copying them after the database is consistent. Refuses to overwrite anything.
 */
export async function backupCommand(target: string) {
  const { databaseFile } = config();
  if (!databaseFile) {
    console.error("This installation runs on PostgreSQL: back it up with pg_dump (see README, Running at scale).");
    return 1;
  }
  const destination = path.resolve(target);
  const filesDestination = `${destination}.files`;
  if (existsSync(destination) || existsSync(filesDestination)) {
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
    const files = (copy.prepare(`SELECT "sha256" FROM "StoredFile"`).all() as { sha256: string }[]).map((row) => row.sha256);
    copy.close();
    const missing: string[] = [];
    for (const sha256 of files) {
      const relative = path.relative(config().FILES_DIR, objectPath(sha256));
      if (!existsSync(objectPath(sha256))) missing.push(sha256);
      else await cp(objectPath(sha256), path.join(filesDestination, relative), { errorOnExist: true, force: false });
    }
    console.log(
      `Backed up ${databaseFile} to ${destination} in ${Date.now() - started} ms: ${cases} cases, integrity ${check}; ` +
        `${files.length - missing.length} attachment files to ${filesDestination}.`,
    );
    if (missing.length > 0)
      console.error(`${missing.length} stored files are missing from ${config().FILES_DIR}: ${missing.slice(0, 5).join(", ")}`);
    return check === "ok" && missing.length === 0 ? 0 : 1;
  } finally {
    source.close();
  }
}
