/**
 * The PostgreSQL variant of the one schema source (prisma/schema.prisma): the same models with the
 * postgresql provider and their own generated client. Its migrations live in prisma/postgres/migrations.
 *
 *   npx tsx scripts/postgres-schema.ts            write prisma/postgres/schema.prisma
 *   npx tsx scripts/postgres-schema.ts --check    exit 1 when it (or its migrations) drifted from the source
 *   npx tsx scripts/postgres-schema.ts --migration NAME
 *                                                 write the next PostgreSQL migration from the difference
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const SOURCE = path.join(ROOT, "prisma", "schema.prisma");
const TARGET_DIR = path.join(ROOT, "prisma", "postgres");
const TARGET = path.join(TARGET_DIR, "schema.prisma");
const MIGRATIONS = path.join(TARGET_DIR, "migrations");
const LAST_MIGRATED = path.join(MIGRATIONS, "schema-at-last-migration.prisma");
const DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export function postgresSchema(source: string): string {
  const derived = source
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"\.\.\/app\/generated\/prisma"/, 'output       = "../../app/generated/postgres"');
  if (derived === source || !derived.includes('provider = "postgresql"') || !derived.includes("generated/postgres")) {
    throw new Error("prisma/schema.prisma no longer has the datasource or generator lines this script rewrites");
  }
  return `// Generated from prisma/schema.prisma by scripts/postgres-schema.ts; do not edit.\n${derived}`;
}

function prismaDiff(from: string[], to: string) {
  return execFileSync(
    process.execPath,
    [require.resolve("prisma/build/index.js"), "migrate", "diff", ...from, "--to-schema-datamodel", to, "--script"],
    // Prisma connects its adapter even for a diff of two files; any reachable server will do (it is not changed).
    { encoding: "utf8", cwd: ROOT, env: { ...process.env, DATABASE_URL: process.env.POSTGRES_URL ?? DEFAULT_POSTGRES_URL } },
  );
}

const changes = (sql: string) => /\b(CREATE|ALTER|DROP)\b/.test(sql);

function main() {
  const expected = postgresSchema(readFileSync(SOURCE, "utf8"));
  const mode = process.argv[2];
  if (mode === "--check") {
    const problems: string[] = [];
    if (!existsSync(TARGET) || readFileSync(TARGET, "utf8") !== expected) {
      problems.push("prisma/postgres/schema.prisma differs from prisma/schema.prisma: run npx tsx scripts/postgres-schema.ts");
    } else if (changes(prismaDiff(["--from-schema-datamodel", LAST_MIGRATED], TARGET))) {
      problems.push("the PostgreSQL migrations lag behind the schema: run npx tsx scripts/postgres-schema.ts --migration NAME");
    }
    for (const problem of problems) console.error(problem);
    process.exit(problems.length > 0 ? 1 : 0);
  }
  mkdirSync(TARGET_DIR, { recursive: true });
  writeFileSync(TARGET, expected);
  if (mode === "--migration") {
    const name = process.argv[3];
    if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("--migration needs a name in snake_case");
    const from = existsSync(LAST_MIGRATED) ? ["--from-schema-datamodel", LAST_MIGRATED] : ["--from-empty"];
    const sql = prismaDiff(from, TARGET);
    if (!changes(sql)) {
      console.log("The PostgreSQL migrations are up to date.");
      return;
    }
    const dir = path.join(MIGRATIONS, `${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql);
    copyFileSync(TARGET, LAST_MIGRATED);
    writeFileSync(path.join(MIGRATIONS, "migration_lock.toml"), 'provider = "postgresql"\n');
    console.log(`Wrote ${path.relative(ROOT, dir)}/migration.sql; append hand-written SQL below the generated part.`);
  } else {
    console.log("Wrote prisma/postgres/schema.prisma.");
  }
}

if (require.main === module) main();
