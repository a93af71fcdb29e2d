import { prisma } from "~/db.server";
import { jsonArrayAgg } from "../db/sql-dialect.server";

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

async function buckets(from: string) {
  const columns = [...KEY, ...COUNTERS];
  const sql = `SELECT ${jsonArrayAgg(columns.map((c) => `g."${c}"`))} AS "rows" FROM (
      SELECT ${KEY.map((c) => `b."${c}"`).join(", ")}, ${COUNTERS.map((c) => `SUM(b."${c}") AS "${c}"`).join(", ")}
      FROM (${from}) b GROUP BY ${KEY.map((c) => `b."${c}"`).join(", ")}) g`;
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
