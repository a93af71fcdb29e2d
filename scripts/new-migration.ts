/**
 * Writes the next migration from the difference between the schema as last migrated and the schema now.
 * `prisma migrate dev` needs a shadow database, which the WebAssembly engine cannot provide here
 * (docs/decisions/0002), so this does the diff between two schema files instead.
 *
 *   npx tsx scripts/new-migration.ts <name>
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: tsx scripts/new-migration.ts <name in snake_case>");
  process.exit(2);
}
const migrationsDir = path.join("prisma", "migrations");
const snapshot = path.join(migrationsDir, "schema-at-last-migration.prisma");
const schema = path.join("prisma", "schema.prisma");
const from = existsSync(snapshot) ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
const sql = execFileSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", schema, "--script"], {
  encoding: "utf8",
});
if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
  console.log("The schema has not changed since the last migration.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
copyFileSync(schema, snapshot);
if (!existsSync(path.join(migrationsDir, "migration_lock.toml"))) {
  writeFileSync(path.join(migrationsDir, "migration_lock.toml"), 'provider = "sqlite"\n');
}
console.log(`Wrote ${dir}/migration.sql; review it, then add hand-written SQL (triggers, pragmas) below the generated part.`);
