import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

// The schema's datasource reads DATABASE_URL; the application's default applies to the CLI too.
process.env.DATABASE_URL ??= "file:./data/greenline.db";
// No usage reports to Prisma's servers: installations run on closed networks.
process.env.CHECKPOINT_DISABLE ??= "1";

// `postgresql://…` selects the PostgreSQL variant of the schema (derived by scripts/postgres-schema.ts)
// and its own migrations; `file:…` the SQLite one (docs/decisions/0008).
const postgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL);
const prismaDir = postgres ? path.join("prisma", "postgres") : "prisma";

// Prisma 6.19 with the WebAssembly schema engine: no native engine download (docs/decisions/0002).
export default defineConfig({
  schema: path.join(prismaDir, "schema.prisma"),
  migrations: { path: path.join(prismaDir, "migrations") },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const url = process.env.DATABASE_URL!;
    if (postgres) return new PrismaPg({ connectionString: url });
    const file = url.replace(/^file:/, "");
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    return new PrismaBetterSQLite3({ url }, { timestampFormat: "unixepoch-ms" });
  },
});
