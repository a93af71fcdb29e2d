/**
 * npm run bench:scale — Greenline on SQLite and on PostgreSQL, with one and with two web processes.
 *
 * 1. Intake throughput: BENCH_INTAKES form posts to /intake (each registers a case with its audit event
 *    and queues its deadline jobs in Redis), BENCH_CONCURRENCY at a time, against the built server with
 *    WEB_PROCESSES=1 and =2, on a fresh SQLite file and a fresh PostgreSQL database (POSTGRES_URL), with
 *    each post's p50 and p99; with one process, first the statements one registration takes (the whole
 *    request: session, form, checks, writes), counted from a logging server's lines.
 * 2. The annual report over BENCH_CASES cases (default 1,000,000, as in bench:stats) on PostgreSQL,
 *    beside its floor (one pass over the year's received and concluded index entries, counting only), and
 *    the lists' first pages; the SQLite figures are bench:stats'. The fill's time and the database's size
 *    are printed with them (BENCH_CASES=10000000 for ten million). The fill writes with the triggers off
 *    (session_replication_role, which needs a superuser, as POSTGRES_URL's default user is) and recounts
 *    the month buckets once after it.
 * Each part runs in its own process with its own database and Redis prefix, removed afterwards.
 */
import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { Client } from "pg";
import { CASE_COLUMNS, INSTANT_COLUMNS, REPORT_YEAR, benchCases } from "./cases";
import { medianMs, percentile, prepareBenchEnvironment, removeRedisKeys, startServer, statementsPerRequest } from "./setup";

const INTAKES = Number(process.env.BENCH_INTAKES ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const SERVER_URL = process.env.POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const ROOT = path.resolve(__dirname, "..");

function postgresDatabase(name: string) {
  const database = `greenline_bench_${name}_${process.pid}`;
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: SERVER_URL });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  return {
    url: url.toString(),
    create: () => admin(`CREATE DATABASE "${database}"`),
    remove: () => admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`),
  };
}

/** A fresh, migrated database of the dialect, set as DATABASE_URL for this process and its children. */
async function freshDatabase(dialect: string, name: string) {
  if (dialect === "sqlite") {
    const db = prepareBenchEnvironment(name);
    return { remove: async () => db.remove() };
  }
  const db = postgresDatabase(name);
  await db.create();
  process.env.DATABASE_URL = db.url;
  process.env.REDIS_PREFIX = `greenline-bench-${name}-${process.pid}`;
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? "warn";
  process.env.DATA_DIR = path.join(__dirname, ".tmp");
  execFileSync(process.execPath, [path.join(ROOT, "bin/greenline.cjs"), "migrate"], { env: process.env, stdio: "ignore" });
  return { remove: db.remove };
}

/** A signed-in operator's intake form posts to the server at `base`; each answers its HTTP status. */
async function intakePoster(base: string, townshipIds: number[], categories: string[]) {
  const { DEMO_PASSWORD } = await import("~/models/reference/seed.server");
  const login = await fetch(`${base}/login`, {
    method: "POST",
    body: new URLSearchParams({ username: "operator", password: DEMO_PASSWORD, redirectTo: "/intake" }),
    redirect: "manual",
  });
  const cookie = login.headers.get("set-cookie")!.split(";")[0];
  // Spread over townships and categories, as a day's calls are: the duplicate check looks at open cases of
  // the same township and category. Each post carries its form's key, as the page's form does.
  return (i: number) =>
    fetch(`${base}/intake`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        intent: "register",
        submissionKey: crypto.randomUUID(),
        kind: "complaint",
        channel: "hotline12369",
        receivedAt: "2026-03-02T09:00",
        complainantName: `测试${i}`,
        complainantPhone: `1390000${String(i).padStart(4, "0")}`,
        townshipId: String(townshipIds[Math.abs(i) % townshipIds.length]),
        category: categories[Math.abs(i * 7) % categories.length],
        subject: `基准测试企业${i}`,
        description: `第 ${i} 个基准测试投诉：夜间施工噪声扰民。`,
      }),
      redirect: "manual",
    }).then((response) => response.status);
}

async function intake(dialect: string, processes: number) {
  const db = await freshDatabase(dialect, `intake-${dialect}-${processes}`);
  const { seedReferenceData, seedDemoUsers } = await import("~/models/reference/seed.server");
  const { prisma } = await import("~/db.server");
  const { closeRedisResources } = await import("~/redis.server");
  await seedReferenceData();
  await seedDemoUsers();
  const townshipIds = (await prisma.township.findMany({ where: { kind: "township" } })).map((township) => township.id);
  const categories = (await prisma.category.findMany()).map((category) => category.code);
  const queries =
    processes === 1
      ? await statementsPerRequest(async (base) => {
          const post = await intakePoster(base, townshipIds, categories);
          return async (index) => {
            if ((await post(index)) !== 302) throw new Error("a registration failed");
          };
        })
      : null;
  const server = await startServer(processes);
  try {
    const post = await intakePoster(`http://127.0.0.1:${server.port}`, townshipIds, categories);
    for (let i = 0; i < CONCURRENCY; i += 1) await post(-1 - i); // warm-up
    let nextIndex = 0;
    let failed = 0;
    const latencies: number[] = [];
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (nextIndex < INTAKES) {
          const sent = process.hrtime.bigint();
          if ((await post(nextIndex++)) !== 302) failed += 1;
          latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    latencies.sort((a, b) => a - b);
    const cases = await prisma.case.count();
    return {
      dialect,
      processes,
      perSecond: Math.round(INTAKES / seconds),
      p50: Math.round(percentile(latencies, 50)),
      p99: Math.round(percentile(latencies, 99)),
      queries,
      failed,
      cases,
    };
  } finally {
    server.child.kill("SIGTERM");
    await new Promise((resolve) => server.child.once("exit", resolve));
    await closeRedisResources();
    await prisma.$disconnect();
    await removeRedisKeys(process.env.REDIS_PREFIX!);
    await db.remove();
  }
}

async function postgresReport() {
  const db = await freshDatabase("postgresql", "report");
  const { seedReferenceData } = await import("~/models/reference/seed.server");
  const { prisma } = await import("~/db.server");
  await seedReferenceData();
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const ref = {
      townshipIds: (await prisma.township.findMany({ where: { kind: "township" } })).map((t) => t.id),
      channels: (await prisma.channel.findMany()).map((c) => c.code),
      categories: (await prisma.category.findMany()).map((c) => c.code),
      policyId: (await prisma.deadlinePolicy.findFirstOrThrow()).id,
    };
    const started = Date.now();
    // No trigger fires for the fill (a statistics trigger per row would take most of its time); the
    // month buckets are recounted once after it, as `greenline verify --recount` does.
    await client.query(`SET session_replication_role = replica`);
    const rows = benchCases(CASES, ref, new Map());
    const batch = 2000;
    for (let done = 0; done < CASES; done += batch) {
      const values: unknown[] = [];
      const tuples: string[] = [];
      for (let i = 0; i < Math.min(batch, CASES - done); i += 1) {
        const row = rows.next().value!;
        tuples.push(`(${row.map((_, c) => `$${values.length + c + 1}`).join(",")})`);
        values.push(
          ...row.map((value, c) => (INSTANT_COLUMNS.has(CASE_COLUMNS[c]) && value !== null ? new Date(value as number) : value)),
        );
      }
      await client.query(
        `INSERT INTO "Case" (${CASE_COLUMNS.map((c) => `"${c}"`).join(",")}) VALUES ${tuples.join(",")}`,
        values,
      );
    }
    await client.query(`SET session_replication_role = DEFAULT`);
    const { recountStatisticsMonths } = await import("~/models/statistics/months.server");
    await recountStatisticsMonths();
    await client.query(`VACUUM ANALYZE`);
    const fillSeconds = (Date.now() - started) / 1000;
    const size = (await client.query<{ size: string }>(`SELECT pg_size_pretty(pg_database_size(current_database())) AS "size"`))
      .rows[0].size;
    const { caseStatistics } = await import("~/models/statistics/figures.server");
    const { yearPeriod } = await import("~/domain/statistics");
    const now = new Date(Date.UTC(2026, 0, 10));
    const median = await medianOf(() => caseStatistics("complaint", yearPeriod(REPORT_YEAR), now));
    const figures = await caseStatistics("complaint", yearPeriod(REPORT_YEAR), now);
    if (!isDeepStrictEqual(figures, await caseStatistics("complaint", yearPeriod(REPORT_YEAR), now, "cases")))
      throw new Error("The month buckets' figures differ from the cases'.");
    const floorSql = `SELECT (SELECT COUNT(*) FROM "Case" WHERE "kind" = $1 AND "receivedAt" >= $2 AND "receivedAt" < $3)
      + (SELECT COUNT(*) FROM "Case" WHERE "kind" = $1 AND "concludedAt" >= $2 AND "concludedAt" < $3) AS "entries"`;
    const { start, end } = yearPeriod(REPORT_YEAR);
    const floor = await medianOf(() => client.query(floorSql, ["complaint", start, end]));
    const { listCases } = await import("~/models/case/lists.server");
    const { supervisionBoard } = await import("~/models/deadlines/supervision-board.server");
    const dispatcher = { id: 0, role: "dispatcher" as const, townshipId: null };
    const overdueList = await medianOf(() => listCases(dispatcher, { overdue: true, sort: "due_asc", page: 1 }, now));
    const board = await medianOf(() => supervisionBoard(now));
    const { townshipInbox } = await import("~/models/case/lists.server");
    const { deskQueue, deskQueueCounts } = await import("~/models/desk/queues.server");
    const inbox = await medianOf(() => townshipInbox({ id: 0, role: "township", townshipId: ref.townshipIds[0] }, now));
    const queues = await medianOf(async () => {
      await deskQueueCounts();
      await deskQueue("toAccept", now);
    });
    return { fillSeconds, size, median, floor, overdueList, board, inbox, queues };
  } finally {
    const { closeRedisResources } = await import("~/redis.server");
    await client.end();
    await closeRedisResources();
    await prisma.$disconnect();
    await removeRedisKeys(process.env.REDIS_PREFIX!);
    await db.remove();
  }
}

const medianOf = (run: () => Promise<unknown>) => medianMs(run, { warmUp: true });

async function main() {
  const [part, dialect, processes] = process.argv.slice(2);
  if (part === "intake") {
    const r = await intake(dialect, Number(processes));
    console.log(
      `intake, ${r.dialect.padEnd(10)} ${r.processes} web process${r.processes > 1 ? "es" : ""}: ${r.perSecond} posts/s, ` +
        `p50 ${r.p50} ms, p99 ${r.p99} ms (${INTAKES} posts, ${CONCURRENCY} at a time, ${r.failed} failed, ${r.cases} cases)` +
        (r.queries === null ? "" : `; ${r.queries} statements per registration (the whole request, one at a time)`),
    );
  } else if (part === "report") {
    const r = await postgresReport();
    console.log(
      `postgresql, ${CASES.toLocaleString("en")} cases written in ${r.fillSeconds.toFixed(0)} s (with the buckets' recount and VACUUM ANALYZE); database ${r.size}`,
    );
    console.log(`floor: one pass over the year's received and concluded index entries, counting: ${r.floor} ms`);
    console.log(
      `annual report (every figure and breakdown), postgresql: ${r.median} ms (${(r.median / r.floor).toFixed(2)} × the floor)`,
    );
    console.log(
      `first pages: case list with the overdue filter ${r.overdueList} ms; supervision board ${r.board} ms; ` +
        `township inbox ${r.inbox} ms; desk queues ${r.queues} ms`,
    );
  } else {
    for (const args of [
      ["intake", "sqlite", "1"],
      ["intake", "sqlite", "2"],
      ["intake", "postgresql", "1"],
      ["intake", "postgresql", "2"],
      ["report"],
    ]) {
      const result = spawnSync(process.execPath, ["--import", "tsx", __filename, ...args], {
        stdio: "inherit",
        env: process.env,
      });
      if (result.status !== 0) process.exit(result.status ?? 1);
    }
  }
}

void main();
