import { spawnSync } from "node:child_process";
import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";

/**
 * The test suite runs on SQLite, and its integration part once more on PostgreSQL
 * (TEST_DATABASE=postgresql, against POSTGRES_URL's server): each test file gets its own database,
 * copied from a migrated template and removed afterwards.
 */
export const TMP_DIR = path.resolve(__dirname, "../.tmp");
export const onPostgres = process.env.TEST_DATABASE === "postgresql";
const SERVER_URL = process.env.POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
/** One template per run (global setup sets GREENLINE_TEST_RUN before the test files start). */
const templateName = () => `greenline_test_template_${process.env.GREENLINE_TEST_RUN ?? "x"}`;

export function postgresUrl(database: string) {
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs statements on the server's maintenance database, synchronously (setup files cannot wait). */
function adminSql(...statements: string[]) {
  const script = `const { Client } = require("pg");
    (async () => { const c = new Client({ connectionString: process.argv[1] }); await c.connect();
      try { for (const s of JSON.parse(process.argv[2])) await c.query(s); } finally { await c.end(); } })()
      .catch((e) => { console.error(e.message); process.exit(1); });`;
  const result = spawnSync(process.execPath, ["-e", script, SERVER_URL, JSON.stringify(statements)], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`PostgreSQL: ${result.stderr}`);
}

export const templateUrl = () => (onPostgres ? postgresUrl(templateName()) : `file:${path.join(TMP_DIR, "template.db")}`);

export function createTemplate() {
  if (onPostgres) adminSql(`DROP DATABASE IF EXISTS "${templateName()}" WITH (FORCE)`, `CREATE DATABASE "${templateName()}"`);
}

/** The run's template and any test database of the run that a failed file left behind. */
export function dropTemplate() {
  if (!onPostgres) return;
  const script = `const { Client } = require("pg");
    (async () => { const c = new Client({ connectionString: process.argv[1] }); await c.connect();
      const { rows } = await c.query("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [process.argv[2]]);
      for (const row of rows) await c.query('DROP DATABASE IF EXISTS "' + row.datname + '" WITH (FORCE)');
      await c.end(); })().catch((e) => { console.error(e.message); process.exit(1); });`;
  spawnSync(process.execPath, ["-e", script, SERVER_URL, `greenline_test_${process.env.GREENLINE_TEST_RUN ?? "x"}_`], {
    encoding: "utf8",
  });
  adminSql(`DROP DATABASE IF EXISTS "${templateName()}" WITH (FORCE)`);
}

/** A fresh migrated database of the suite's kind, as a DATABASE_URL, and how to remove it. */
export function copyOfTemplate(name: string): { url: string; remove: () => void } {
  if (onPostgres) {
    const database = `greenline_test_${process.env.GREENLINE_TEST_RUN ?? "x"}_${name.replace(/\W/g, "_")}`;
    adminSql(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`, `CREATE DATABASE "${database}" TEMPLATE "${templateName()}"`);
    return { url: postgresUrl(database), remove: () => adminSql(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`) };
  }
  const file = path.join(TMP_DIR, `${name}.db`);
  copyFileSync(path.join(TMP_DIR, "template.db"), file);
  return {
    url: `file:${file}`,
    remove: () => {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    },
  };
}
