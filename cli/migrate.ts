import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { config } from "~/config.server";
import { projectPath } from "~/paths.server";

const POSTGRES_MIGRATIONS = projectPath("prisma/postgres/migrations");

/**
 * Applies pending migrations. SQLite: Prisma's own deploy command (WebAssembly engine, no download).
 * PostgreSQL: Prisma's deploy cannot read the catalogue through the pg adapter (prisma/orm#27403), so
 * the migrations of prisma/postgres/migrations are applied here, each in its own transaction, in name
 * order, and recorded with their checksum; a changed applied migration stops the run (docs/decisions/0008).
 */
export async function migrateDatabase(url = config().DATABASE_URL) {
  if (!/^postgres(ql)?:\/\//.test(url)) {
    execFileSync(process.execPath, [require.resolve("prisma/build/index.js"), "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    return;
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS "_greenline_migrations" (
      "name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now())`);
    // One migrating process at a time (several start together in a cluster).
    await client.query("SELECT pg_advisory_lock(72657)");
    const applied = new Map(
      (await client.query<{ name: string; checksum: string }>(`SELECT "name", "checksum" FROM "_greenline_migrations"`)).rows.map(
        (row) => [row.name, row.checksum],
      ),
    );
    const names = readdirSync(POSTGRES_MIGRATIONS, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    for (const name of names) {
      const sql = readFileSync(path.join(POSTGRES_MIGRATIONS, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      if (applied.has(name)) {
        if (applied.get(name) !== checksum) throw new Error(`migration ${name} was changed after it was applied`);
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(`INSERT INTO "_greenline_migrations" ("name", "checksum") VALUES ($1, $2)`, [name, checksum]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${name} failed: ${(error as Error).message}`);
      }
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock(72657)").catch(() => undefined);
    await client.end();
  }
}
