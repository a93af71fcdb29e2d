import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// The schema's datasource reads DATABASE_URL; the application's default applies to the CLI too.
process.env.DATABASE_URL ??= "file:./data/greenline.db";
// No usage reports to Prisma's servers: installations run on closed networks.
process.env.CHECKPOINT_DISABLE ??= "1";

// Prisma 6.19 with the WebAssembly schema engine: no native engine download (docs/decisions/0002).
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const file = process.env.DATABASE_URL!.replace(/^file:/, "");
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL! }, { timestampFormat: "unixepoch-ms" });
  },
});
