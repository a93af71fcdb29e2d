import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { config } from "~/config.server";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "~/generated/postgres/client";
import { type Prisma, PrismaClient } from "~/generated/prisma/client";
import { logger } from "~/logger.server";

export type Database = PrismaClient;
export type Transaction = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

function createSqliteClient(url: string, file: string): PrismaClient {
  mkdirSync(path.dirname(file), { recursive: true });
  // Several processes (web, workers, CLI) share the file: wait for the write lock (a burst of intakes
  // queues for it; see write-transaction.server.ts) instead of failing.
  const adapter = new PrismaBetterSQLite3({ url, timeout: 60_000 }, { timestampFormat: "unixepoch-ms" });
  const client = new PrismaClient({ adapter, ...queryLogOptions() });
  // Prisma's queries are lazy: each runs only once `then` is called. Called here at creation, they are
  // the first statements on the one connection, so they apply before any other.
  for (const pragma of ["journal_mode = WAL", "synchronous = NORMAL", "foreign_keys = ON"]) {
    client.$queryRawUnsafe(`PRAGMA ${pragma}`).then(
      () => undefined,
      (error: Error) => console.error(`PRAGMA ${pragma} failed: ${error.message}`),
    );
  }
  return client;
}

/**
 * The PostgreSQL variant: its own client generated from the derived schema (scripts/postgres-schema.ts)
 * with the same models, so the application uses it through the SQLite client's type.
 */
function createPostgresClient(url: string, poolSize: number): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: poolSize });
  return new PostgresClient({ adapter, ...queryLogOptions() }) as unknown as PrismaClient;
}

/**
 * At LOG_LEVEL=trace every statement is logged (its text and duration, never its parameters, which carry
 * personal data): how the benchmark counts a request's queries (bench/scale.ts).
 */
function queryLogOptions(): { log: Prisma.LogDefinition[] } {
  return { log: config().LOG_LEVEL === "trace" ? [{ emit: "event", level: "query" }] : [] };
}

function logQueriesOf(client: PrismaClient): PrismaClient {
  if (config().LOG_LEVEL !== "trace") return client;
  const events = client as unknown as { $on(event: "query", listener: (event: Prisma.QueryEvent) => void): void };
  events.$on("query", (event) => logger.trace({ query: event.query, durationMs: event.duration }, "query"));
  return client;
}

function createClient(): PrismaClient {
  const { DATABASE_URL, DATABASE_POOL_SIZE, databaseFile } = config();
  return logQueriesOf(
    databaseFile ? createSqliteClient(DATABASE_URL, databaseFile) : createPostgresClient(DATABASE_URL, DATABASE_POOL_SIZE),
  );
}

const globalForPrisma = globalThis as unknown as { greenlinePrisma?: PrismaClient };

/** The one Prisma client of this process. */
export const prisma: PrismaClient = (globalForPrisma.greenlinePrisma ??= createClient());
