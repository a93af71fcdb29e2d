/**
 * npm run bench:stats — the annual report over a million cases, the case list, and a large import.
 *
 * 1. 1,000,000 cases over five years (2021–2025) and 21 townships, written straight into a migrated
 *    SQLite file (its triggers keep the month buckets as they are written). The annual report for 2023
 *    through the application's statistics module, beside the floor (one pass over the year's received
 *    and concluded index entries, counting only), the same figures counted from the cases alone, and the
 *    best hand-written SQL for them run straight through better-sqlite3 on the same file; then the report
 *    page's whole contents (three kinds, the units' ranking, the register's figures, the charts).
 * 2. The lists' first pages: the case list with a filter (township and category) and with the overdue
 *    filter, the supervision board, a township's inbox and the desk's queues (counts and the first tab).
 * 3. A 100,000-row ledger imported (checked, then written) into an empty database.
 * Each figure is the median of several runs; BENCH_CASES and BENCH_IMPORT_ROWS scale it down.
 */
import { isDeepStrictEqual } from "node:util";
import Database from "better-sqlite3";
import { DAY, OFFSET, REPORT_YEAR, fillSqliteCases, random } from "./cases";
import { medianMs, prepareBenchEnvironment, removeRedisKeys } from "./setup";

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
// Warmed up: a list's first call in a process pays for compiling its queries, which a server does once.
const median = (run: () => Promise<unknown> | unknown) => medianMs(run, { warmUp: true });

/**
 * The best hand-written SQL for the annual figures: each figure from the index that covers it, and
 * the breakdowns grouped in the same passes. Month labels come from the Shanghai offset directly.
 */
function rawAnnualReport(db: Database.Database, kind: string, start: number, end: number) {
  const month = (column: string) => `strftime('%m', (${column} + ${OFFSET}) / 1000, 'unixepoch')`;
  const intake = db
    .prepare(
      `SELECT channel, category, townshipId, ${month("receivedAt")} AS m, COUNT(*) AS received,
         SUM(state = 'merged') AS merged
       FROM "Case" INDEXED BY "Case_statistics_received"
       WHERE kind = ? AND receivedAt >= ? AND receivedAt < ? GROUP BY 1, 2, 3, 4`,
    )
    .all(kind, start, end);
  const conclusions = db
    .prepare(
      `SELECT channel, category, townshipId, ${month("concludedAt")} AS m, COUNT(*) AS concluded,
         SUM(dueAt IS NULL OR concludedAt <= dueAt) AS onTime, SUM(concludedAt - receivedAt) AS ms,
         SUM(satisfaction IS NOT NULL) AS followedUp, SUM(satisfaction IN ('满意', '基本满意')) AS satisfied,
         SUM(mediationOutcome = 'agreement') AS succeeded, SUM(mediationOutcome = 'failure') AS failed,
         SUM(mediationOutcome = 'withdrawn') AS withdrawn
       FROM "Case" INDEXED BY "Case_statistics_concluded"
       WHERE kind = ? AND concludedAt >= ? AND concludedAt < ? GROUP BY 1, 2, 3, 4`,
    )
    .all(kind, start, end) as { concluded: number }[];
  const atEnd = db
    .prepare(
      `SELECT
         (SELECT COUNT(*) FROM "Case" INDEXED BY "Case_statistics_accepted" WHERE kind = @kind AND acceptedAt >= @start AND acceptedAt < @end) AS accepted,
         (SELECT COUNT(*) FROM "Case" INDEXED BY "Case_statistics_rejected" WHERE kind = @kind AND rejectedAt >= @start AND rejectedAt < @end) AS rejected,
         COUNT(*) AS openAtEnd, SUM(dueAt < @end) AS overdueAtEnd
       FROM "Case" INDEXED BY "Case_statistics_received"
       WHERE kind = @kind AND receivedAt < @end AND state <> 'merged'
         AND (concludedAt IS NULL OR concludedAt >= @end) AND (rejectedAt IS NULL OR rejectedAt >= @end)`,
    )
    .get({ kind, start, end });
  const concluded = conclusions.reduce((sum, row) => sum + row.concluded, 0);
  const middle = db
    .prepare(
      `SELECT concludedAt - receivedAt AS ms FROM "Case" INDEXED BY "Case_statistics_concluded"
       WHERE kind = ? AND concludedAt >= ? AND concludedAt < ? ORDER BY 1 LIMIT 2 OFFSET ?`,
    )
    .all(kind, start, end, Math.max(0, Math.floor((concluded - 1) / 2)));
  return { intake, conclusions, atEnd, middle };
}

/** The floor: one pass over the year's received and concluded index entries, counting only. */
function floorPass(db: Database.Database, kind: string, start: number, end: number) {
  return db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM "Case" INDEXED BY "Case_statistics_received" WHERE kind = @kind AND receivedAt >= @start AND receivedAt < @end)
            + (SELECT COUNT(*) FROM "Case" INDEXED BY "Case_statistics_concluded" WHERE kind = @kind AND concludedAt >= @start AND concludedAt < @end) AS entries`,
    )
    .get({ kind, start, end });
}

/** The obvious SQL: the same core figures with a join to the conclusion milestone and no index chosen. */
function obviousCoreFigures(db: Database.Database, kind: string, start: number, end: number) {
  return db
    .prepare(
      `SELECT t.name,
         SUM(c.receivedAt >= @start AND c.receivedAt < @end) AS received,
         SUM(c.concludedAt >= @start AND c.concludedAt < @end) AS concluded,
         SUM(c.concludedAt >= @start AND c.concludedAt < @end AND c.concludedAt <= c.dueAt) AS onTime,
         SUM(c.receivedAt < @end AND (c.concludedAt IS NULL OR c.concludedAt >= @end) AND c.state NOT IN ('merged', 'rejected')) AS openAtEnd,
         SUM(c.receivedAt < @end AND (c.concludedAt IS NULL OR c.concludedAt >= @end) AND c.state NOT IN ('merged', 'rejected') AND c.dueAt < @end) AS overdueAtEnd
       FROM "Case" c JOIN "Township" t ON t.id = c.townshipId
       WHERE c.kind = @kind GROUP BY t.name`,
    )
    .all({ kind, start, end });
}

async function statisticsAndList() {
  const db = prepareBenchEnvironment("stats");
  const { seedReferenceData } = await import("~/models/reference/seed.server");
  const { prisma } = await import("~/db.server");
  await seedReferenceData();
  const fillStart = Date.now();
  await fillSqliteCases(db.file, CASES);
  const fillSeconds = (Date.now() - fillStart) / 1000;
  const { caseStatistics } = await import("~/models/statistics/figures.server");
  const { yearPeriod } = await import("~/domain/statistics");
  const { listCases } = await import("~/models/case/lists.server");
  const period = yearPeriod(REPORT_YEAR);
  const now = new Date(Date.UTC(2026, 0, 10));
  const raw = new Database(db.file, { readonly: true });
  try {
    await caseStatistics("complaint", period, now); // warm the page cache and the prepared statements
    const [start, end] = [period.start.getTime(), period.end.getTime()];
    floorPass(raw, "complaint", start, end);
    const floor = await median(() => floorPass(raw, "complaint", start, end));
    const app = await median(() => caseStatistics("complaint", period, now));
    const fromCases = await median(() => caseStatistics("complaint", period, now, "cases"));
    const { reportPageData } = await import("~/models/statistics/report-page.server");
    await reportPageData(`${REPORT_YEAR}-01-01`, `${REPORT_YEAR}-12-31`, now);
    const page = await median(() => reportPageData(`${REPORT_YEAR}-01-01`, `${REPORT_YEAR}-12-31`, now));
    const best = await median(() => rawAnnualReport(raw, "complaint", period.start.getTime(), period.end.getTime()));
    const obvious = await median(() => obviousCoreFigures(raw, "complaint", period.start.getTime(), period.end.getTime()));
    const report = await caseStatistics("complaint", period, now);
    if (!isDeepStrictEqual(report, await caseStatistics("complaint", period, now, "cases")))
      throw new Error("The month buckets' figures differ from the cases'.");
    const township = await prisma.township.findFirstOrThrow({ where: { kind: "township" } });
    const dispatcher = { id: 0, role: "dispatcher" as const, townshipId: null };
    const query = { townshipId: township.id, category: "noise", sort: "received_desc" as const, page: 1 };
    await listCases(dispatcher, query);
    const list = await median(() => listCases(dispatcher, query));
    const overdueList = await median(() => listCases(dispatcher, { overdue: true, sort: "due_asc", page: 1 }));
    const { supervisionBoard } = await import("~/models/deadlines/supervision-board.server");
    const { townshipInbox } = await import("~/models/case/lists.server");
    const { deskQueue, deskQueueCounts } = await import("~/models/desk/queues.server");
    const staff = { id: 0, role: "township" as const, townshipId: township.id };
    const board = await median(() => supervisionBoard(now));
    const inbox = await median(() => townshipInbox(staff, now));
    const queues = await median(async () => {
      await deskQueueCounts();
      await deskQueue("toAccept", now);
    });
    return {
      fillSeconds,
      floor,
      app,
      fromCases,
      page,
      best,
      obvious,
      list,
      overdueList,
      board,
      inbox,
      queues,
      received: report.received,
      concluded: report.concluded,
    };
  } finally {
    // The report page asks Redis whether a worker runs: its connection must close for the process to end.
    const { closeRedisResources } = await import("~/redis.server");
    raw.close();
    await closeRedisResources();
    await prisma.$disconnect();
    await removeRedisKeys(process.env.REDIS_PREFIX!);
    db.remove();
  }
}

async function largeImport() {
  const db = prepareBenchEnvironment("import");
  const { seedReferenceData } = await import("~/models/reference/seed.server");
  const { prisma } = await import("~/db.server");
  const { importLedger } = await import("~/models/ledger/import.server");
  const { closeRedisResources } = await import("~/redis.server");
  await seedReferenceData();
  const townships = (await prisma.township.findMany({ where: { kind: "township" } })).map((t) => t.name);
  const next = random(7);
  const lines = ["类型,来源渠道,受理时间,所属街镇,问题类型,投诉内容,办结时间,回访满意度"];
  for (let i = 0; i < IMPORT_ROWS; i += 1) {
    const received = Date.UTC(2024, 0, 1) + Math.floor(next() * 360 * DAY);
    const fmt = (ms: number) => new Date(ms + OFFSET).toISOString().slice(0, 16).replace("T", " ");
    const concluded = next() < 0.95 ? fmt(received + Math.floor(next() * 20 * DAY)) : "";
    lines.push(
      `投诉举报,12345转办,${fmt(received)},${townships[i % townships.length]},噪声,第${i}号基准投诉：夜间施工噪声,${concluded},${concluded ? "满意" : ""}`,
    );
  }
  const content = Buffer.from(lines.join("\n"));
  try {
    const start = Date.now();
    const summary = await importLedger({ content, fileName: "bench.csv" }, { apply: true, actorId: null });
    const seconds = (Date.now() - start) / 1000;
    if (!summary.applied) throw new Error(`import not applied: ${summary.problems.length} problems`);
    return { rows: IMPORT_ROWS, seconds, created: summary.created, megabytes: Math.round(content.byteLength / 1e5) / 10 };
  } finally {
    await closeRedisResources();
    await prisma.$disconnect();
    await removeRedisKeys(process.env.REDIS_PREFIX!);
    db.remove();
  }
}

async function main() {
  const part = process.argv[2];
  if (part === "stats") {
    const r = await statisticsAndList();
    console.log(
      `${CASES.toLocaleString("en")} cases written in ${r.fillSeconds.toFixed(1)} s; ${REPORT_YEAR}: ${r.received} complaints received, ${r.concluded} concluded`,
    );
    const ratio = (ms: number) => `${(ms / r.floor).toFixed(2)} × the floor`;
    console.log(`floor: one pass over the year's received and concluded index entries, counting: ${r.floor} ms`);
    console.log(`annual report (every figure and breakdown), application:  ${r.app} ms  (${ratio(r.app)})`);
    console.log(`same figures counted from the cases alone (verify's way):  ${r.fromCases} ms  (${ratio(r.fromCases)})`);
    console.log(`report page's contents (3 kinds, ranking, register, charts): ${r.page} ms  (${ratio(r.page)})`);
    console.log(
      `same figures, best hand-written SQL via better-sqlite3:  ${r.best} ms  (application ÷ raw = ${(r.app / r.best).toFixed(2)})`,
    );
    console.log(`core figures by township, obvious SQL (no covering index): ${r.obvious} ms`);
    console.log(`case list, first page, township + category filter:     ${r.list} ms`);
    console.log(`case list, first page, overdue filter by due time:      ${r.overdueList} ms`);
    console.log(`supervision board (counts by handler, first rows):     ${r.board} ms`);
    console.log(`township inbox (one township's open cases):            ${r.inbox} ms`);
    console.log(`desk queues (every tab's count, the first tab):        ${r.queues} ms`);
  } else if (part === "import") {
    const r = await largeImport();
    console.log(
      `ledger import, ${r.rows.toLocaleString("en")} rows (${r.megabytes} MB CSV), checked and written: ${r.seconds.toFixed(1)} s`,
    );
  } else {
    // Each part in its own process, so that each starts with its own database and a cold heap.
    const { spawnSync } = await import("node:child_process");
    for (const name of ["stats", "import"]) {
      const result = spawnSync(process.execPath, ["--import", "tsx", __filename, name], { stdio: "inherit", env: process.env });
      if (result.status !== 0) process.exit(result.status ?? 1);
    }
  }
}

void main();
