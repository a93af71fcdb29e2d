import { execFileSync } from "node:child_process";

import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "~/generated/postgres/client";
import { PrismaClient as SqliteClient } from "~/generated/prisma/client";
import { projectPath } from "~/paths.server";
import { migrateDatabase } from "./migrate";

/**
 * `greenline migrate-data --from file:… --to postgresql://…`: copies a SQLite installation into an
 * empty PostgreSQL database, table by table in key order, keeping every id (and moving PostgreSQL's
 * id sequences past them); then compares the row counts and every year's annual figures on both sides.
 */

/** Tables in an order in which each row's references already exist. */
const TABLES = [
  "township",
  "regulatedUnit",
  "channel",
  "category",
  "user",
  "savedFilter",
  "replyTemplate",
  "knowledgeEntry",
  "creditGrade",
  "repeatReportWarning",
  "unitCard",
  "apiKey",
  "partner",
  "holidayDate",
  "deadlinePolicy",
  "caseSequence",
  "case",
  // Kept by the target's triggers as the cases arrive (docs/decisions/0024): not copied, and checked by
  // the annual figures below, which read it.
  "statisticsMonth",
  "repeatReportCase",
  "caseMilestone",
  "caseReturn",
  "caseAssignment",
  "clockPause",
  "assistingPart",
  "caseTransfer",
  "apiRequest",
  "receivedDelivery",
  "deadlineStep",
  "extension",
  "auditEvent",
  "notification",
  "supervisionInstruction",
  "setting",
  "webhookDelivery",
  "complainantMessage",
  "caseParty",
  "mediationSession",
  "agreementObligation",
  "userSession",
  "signInThrottle",
  "securityEvent",
  // Attachments' rows; their files stay in FILES_DIR, which the PostgreSQL installation uses too (decision 0014).
  "storedFile",
  "attachment",
] as const;

/** Tables without an integer id, copied whole. */
const KEYED_OTHERWISE = new Set([
  "channel",
  "category",
  "holidayDate",
  "caseSequence",
  "setting",
  "signInThrottle",
  "storedFile",
  "repeatReportCase",
]);
const BATCH = 1000;

// The two generated clients have the same models; copying is generic over the model name.
type Delegate = {
  findMany(args: object): Promise<Record<string, unknown>[]>;
  createMany(args: { data: Record<string, unknown>[] }): Promise<unknown>;
  count(): Promise<number>;
  update(args: object): Promise<unknown>;
};
const model = (client: object, name: string) => (client as Record<string, Delegate>)[name];
const tableName = (name: string) => name[0].toUpperCase() + name.slice(1);

async function copyTable(
  source: SqliteClient,
  target: PostgresClient,
  name: (typeof TABLES)[number],
  log: (line: string) => void,
) {
  const from = model(source, name);
  const to = model(target, name);
  let copied = 0;
  const deferred: { id: number; mergedIntoId: unknown; relatedCaseId: unknown }[] = [];
  const mediators: { id: number; mediators: { id: number }[] }[] = [];
  for (let skip = 0; ; skip += BATCH) {
    const rows = await from.findMany({
      ...(KEYED_OTHERWISE.has(name) ? { skip } : { orderBy: { id: "asc" }, skip }),
      take: BATCH,
      ...(name === "mediationSession" ? { include: { mediators: { select: { id: true } } } } : {}),
    });
    if (rows.length === 0) break;
    const data = rows.map((row) => {
      if (name === "case") {
        // Cases may point at later cases (a merge target, a related complaint): those links follow.
        deferred.push({ id: row.id as number, mergedIntoId: row.mergedIntoId, relatedCaseId: row.relatedCaseId });
        return { ...row, mergedIntoId: null, relatedCaseId: null };
      }
      if (name === "mediationSession") {
        const { mediators: people, ...rest } = row as Record<string, unknown> & { mediators: { id: number }[] };
        mediators.push({ id: row.id as number, mediators: people });
        return rest;
      }
      return row;
    });
    await to.createMany({ data });
    copied += rows.length;
    if (KEYED_OTHERWISE.has(name) && rows.length < BATCH) break;
  }
  for (const link of deferred.filter((d) => d.mergedIntoId !== null || d.relatedCaseId !== null)) {
    await to.update({ where: { id: link.id }, data: { mergedIntoId: link.mergedIntoId, relatedCaseId: link.relatedCaseId } });
  }
  for (const session of mediators.filter((s) => s.mediators.length > 0)) {
    await to.update({ where: { id: session.id }, data: { mediators: { connect: session.mediators } } });
  }
  if (!KEYED_OTHERWISE.has(name)) {
    await target.$executeRawUnsafe(
      `SELECT setval(pg_get_serial_sequence('"${tableName(name)}"', 'id'), COALESCE((SELECT MAX("id") FROM "${tableName(name)}"), 0) + 1, false)`,
    );
  }
  log(`  ${tableName(name).padEnd(24)} ${copied}`);
  return copied;
}

/** The annual figures as the other installation's own `greenline` computes them. */
function figuresOf(url: string) {
  const output = execFileSync(process.execPath, [projectPath("bin/greenline.cjs"), "report", "figures", "--json"], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent" },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(output) as Record<string, unknown>;
}

export async function migrateDataCommand(from: string, to: string, log = (line: string) => console.log(line)) {
  if (!from.startsWith("file:") || !/^postgres(ql)?:\/\//.test(to)) {
    console.error("migrate-data copies a SQLite installation (--from file:…) into PostgreSQL (--to postgresql://…).");
    return 2;
  }
  log("Migrating the PostgreSQL database…");
  await migrateDatabase(to);
  const source = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: from }, { timestampFormat: "unixepoch-ms" }) });
  const target = new PostgresClient({ adapter: new PrismaPg({ connectionString: to }) });
  try {
    const occupied = await Promise.all([target.case.count(), target.user.count(), target.township.count()]);
    if (occupied.some((count) => count > 0)) {
      console.error("The PostgreSQL database is not empty; migrate-data only fills an empty one.");
      return 1;
    }
    log("Copying (rows per table):");
    const mismatches: string[] = [];
    for (const name of TABLES) {
      if (name === "statisticsMonth") continue;
      await copyTable(source, target, name, log);
      const [before, after] = await Promise.all([model(source, name).count(), model(target, name).count()]);
      if (before !== after) mismatches.push(`${tableName(name)}: ${before} in SQLite, ${after} in PostgreSQL`);
    }
    log("Comparing every year's annual figures…");
    const [expected, actual] = [figuresOf(from), figuresOf(to)];
    for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      if (JSON.stringify(expected[key]) !== JSON.stringify(actual[key])) mismatches.push(`annual figures ${key} differ`);
    }
    if (mismatches.length > 0) {
      for (const line of mismatches) console.error(line);
      return 1;
    }
    log(`Done: the counts of all ${TABLES.length} tables and ${Object.keys(expected).length} sets of annual figures agree.`);
    return 0;
  } finally {
    await Promise.all([source.$disconnect(), target.$disconnect()]);
  }
}
