import { prisma } from "~/db.server";
import { isPostgres, jsonArrayAgg } from "../db/sql-dialect.server";
import { writeTransaction } from "../db/write-transaction.server";

/**
 * `greenline verify` for the statistics' month buckets (docs/decisions/0024): each bucket recounted from
 * the cases through "CaseStatisticsEvent" (the migration's one statement of which event counts where)
 * and compared with what the triggers kept.
 */
const KEY = ["kind", "month", "dimension", "value"] as const;
/** The counters of a bucket (docs/decisions/0024): what a period's intake and conclusions read, and the rest. */
export const INTAKE_COUNTERS = ["received", "merged"] as const;
export const CONCLUSION_COUNTERS = [
  "concluded",
  "onTime",
  "handlingMs",
  "paused",
  "pausedMinutes",
  "followedUp",
  "satisfied",
  "succeeded",
  "failed",
  "withdrawn",
] as const;
const COUNTERS = [
  ...INTAKE_COUNTERS,
  "accepted",
  "rejected",
  ...CONCLUSION_COUNTERS,
  "openStarts",
  "openEnds",
  "overdueStarts",
  "overdueEnds",
] as const;

export interface BucketDisagreement {
  bucket: string;
  counter: (typeof COUNTERS)[number];
  kept: number;
  recounted: number;
}

/** The kept buckets, and the same recounted from the cases' events under each breakdown. */
const KEPT = `SELECT * FROM "StatisticsMonth"`;
const RECOUNTED = `SELECT e."kind", e."month", d."dimension",
    CASE d."dimension" WHEN 'channel' THEN e."channel" WHEN 'category' THEN e."category"
      WHEN 'townshipId' THEN CAST(e."townshipId" AS TEXT) ELSE CAST(e."handlingDays" AS TEXT) END AS "value",
    ${COUNTERS.map((c) => `e."${c}"`).join(", ")}
  FROM "CaseStatisticsEvent" e
  CROSS JOIN (SELECT 'channel' AS "dimension" UNION ALL SELECT 'category' UNION ALL SELECT 'townshipId'
    UNION ALL SELECT 'handlingDays') d
  WHERE d."dimension" <> 'handlingDays' OR e."concluded" <> 0`;

/** The rows of `from` summed into one row per bucket, columns KEY then COUNTERS. */
const summedByBucket = (from: string) => {
  const key = KEY.map((c) => `b."${c}"`).join(", ");
  return `SELECT ${key}, ${COUNTERS.map((c) => `SUM(b."${c}") AS "${c}"`).join(", ")} FROM (${from}) b GROUP BY ${key}`;
};

async function buckets(from: string) {
  const columns = [...KEY, ...COUNTERS];
  const sql = `SELECT ${jsonArrayAgg(columns.map((c) => `g."${c}"`))} AS "rows" FROM (${summedByBucket(from)}) g`;
  const [result] = await prisma.$queryRawUnsafe<{ rows: string }[]>(sql);
  const rows = JSON.parse(result?.rows ?? "[]") as (string | number)[][];
  return new Map(rows.map((values) => [values.slice(0, KEY.length).join(" "), values.slice(KEY.length).map(Number)]));
}

/** Every counter of every bucket whose kept value differs from the cases' recount (none when all is well). */
export async function disagreeingStatisticsMonths(): Promise<BucketDisagreement[]> {
  const [kept, recounted] = await Promise.all([buckets(KEPT), buckets(RECOUNTED)]);
  const disagreements: BucketDisagreement[] = [];
  for (const bucket of new Set([...kept.keys(), ...recounted.keys()])) {
    COUNTERS.forEach((counter, index) => {
      const [a, b] = [kept.get(bucket)?.[index] ?? 0, recounted.get(bucket)?.[index] ?? 0];
      if (a !== b) disagreements.push({ bucket, counter, kept: a, recounted: b });
    });
  }
  return disagreements;
}

/**
 * `greenline verify --recount`: the kept buckets replaced by their recount from the cases, for an
 * installation whose buckets disagree after a repair by hand, or cases written in bulk with the triggers
 * off (the benchmarks' fill). Writers wait meanwhile: SQLite's write lock, PostgreSQL's share lock on the
 * cases. Answers how many buckets there now are.
 */
export async function recountStatisticsMonths(): Promise<number> {
  const columns = [...KEY, ...COUNTERS].map((c) => `"${c}"`).join(", ");
  return writeTransaction(
    async (tx) => {
      if (isPostgres()) await tx.$executeRawUnsafe(`LOCK TABLE "Case" IN SHARE MODE`);
      await tx.$executeRawUnsafe(`DELETE FROM "StatisticsMonth"`);
      return tx.$executeRawUnsafe(`INSERT INTO "StatisticsMonth" (${columns}) ${summedByBucket(RECOUNTED)}`);
    },
    { timeout: 3_600_000 },
  );
}
