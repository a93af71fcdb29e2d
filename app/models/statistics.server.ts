import { prisma } from "~/db.server";
import type { CaseKind } from "~/domain/case-kinds";
import {
  type MediationFigures,
  type StatisticsPeriod,
  SATISFIED_LEVELS,
  annualSentence,
  handledWithoutOverdue,
  handlingDays,
  medianOfSorted,
  mediationFigures,
  monthsOf,
  onTimeRate,
  satisfactionRate,
} from "~/domain/statistics";

/**
 * The statistics of DOMAIN.md "Statistics (统计口径)", each figure defined once here and computed with
 * aggregate SQL over the covering indexes of the Case table (never by loading cases). Pages, exports,
 * the CLI and the API all read `caseStatistics`. Instants are Unix milliseconds (docs/decisions/0002);
 * a conclusion is judged against `Case.dueAt`, the final due instant of the current round's conclusion
 * milestone (docs/decisions/0007). SQLite dialect.
 */

/** One row of a breakdown: intake and conclusions of one channel, category, township or month. */
export interface BreakdownRow {
  key: string;
  name: string;
  received: number;
  concluded: number;
  onTime: number;
  overdue: number;
  onTimeRate: number | null;
}

export interface CaseStatistics {
  kind: CaseKind;
  from: Date;
  to: Date;
  received: number;
  accepted: number;
  rejected: number;
  merged: number;
  concluded: number;
  onTime: number;
  overdue: number;
  openAtEnd: number;
  overdueAtEnd: number;
  onTimeRate: number | null;
  handledWithoutOverdue: boolean;
  sentence: string;
  byChannel: BreakdownRow[];
  byCategory: BreakdownRow[];
  byTownship: BreakdownRow[];
  /** Intake by month received; conclusions by month concluded. */
  byMonth: BreakdownRow[];
  medianHandlingDays: number | null;
  meanHandlingDays: number | null;
  followedUp: number;
  satisfied: number;
  satisfactionRate: number | null;
  /** Mediation cases only. */
  mediation: MediationFigures | null;
}

type Row = Record<string, bigint | number | string | null>;
const num = (value: Row[string] | undefined) => Number(value ?? 0);

/** `CASE` mapping an instant column to its month label; months are Shanghai months clipped to the period. */
function monthOf(column: string, period: StatisticsPeriod) {
  const months = monthsOf(period);
  const arms = months
    .slice(1)
    .map((month, index) => `WHEN ${column} < ${month.start.getTime()} THEN '${months[index].month}'`)
    .join(" ");
  return `CASE ${arms} ELSE '${months[months.length - 1].month}' END`;
}

/**
 * A grouped query's rows as one JSON array built by SQLite: thousands of small groups cross the driver
 * as one value instead of thousands of rows (the driver's per-row cost is most of the time otherwise).
 */
async function groupedRows(select: string, columns: string[], kind: CaseKind): Promise<Row[]> {
  const [result] = await prisma.$queryRawUnsafe<{ rows: string }[]>(
    `SELECT json_group_array(json_array(${columns.map((c) => `g."${c}"`).join(", ")})) AS "rows" FROM (${select}) g`,
    kind,
  );
  const arrays = JSON.parse(result?.rows ?? "[]") as (string | number | null)[][];
  return arrays.map((values) => Object.fromEntries(columns.map((column, index) => [column, values[index]])));
}

const DIMENSIONS = ["channel", "category", "townshipId", "month"];

function intakeGroups(kind: CaseKind, start: number, end: number, period: StatisticsPeriod) {
  return groupedRows(
    `SELECT "channel", "category", "townshipId", ${monthOf('"receivedAt"', period)} AS "month",
       COUNT(*) AS "received", SUM(CASE WHEN "state" = 'merged' THEN 1 ELSE 0 END) AS "merged"
     FROM "Case" INDEXED BY "Case_statistics_received"
     WHERE "kind" = ? AND "receivedAt" >= ${start} AND "receivedAt" < ${end}
     GROUP BY 1, 2, 3, 4`,
    [...DIMENSIONS, "received", "merged"],
    kind,
  );
}

function conclusionGroups(kind: CaseKind, start: number, end: number, period: StatisticsPeriod) {
  const satisfied = SATISFIED_LEVELS.map((level) => `'${level}'`).join(", ");
  return groupedRows(
    `SELECT "channel", "category", "townshipId", ${monthOf('"concludedAt"', period)} AS "month",
       COUNT(*) AS "concluded",
       SUM(CASE WHEN "dueAt" IS NULL OR "concludedAt" <= "dueAt" THEN 1 ELSE 0 END) AS "onTime",
       SUM("concludedAt" - "receivedAt") AS "handlingMs",
       SUM(CASE WHEN "satisfaction" IS NOT NULL THEN 1 ELSE 0 END) AS "followedUp",
       SUM(CASE WHEN "satisfaction" IN (${satisfied}) THEN 1 ELSE 0 END) AS "satisfied",
       SUM(CASE WHEN "mediationOutcome" = 'agreement' THEN 1 ELSE 0 END) AS "succeeded",
       SUM(CASE WHEN "mediationOutcome" = 'failure' THEN 1 ELSE 0 END) AS "failed",
       SUM(CASE WHEN "mediationOutcome" = 'withdrawn' THEN 1 ELSE 0 END) AS "withdrawn"
     FROM "Case" INDEXED BY "Case_statistics_concluded"
     WHERE "kind" = ? AND "concludedAt" >= ${start} AND "concludedAt" < ${end}
     GROUP BY 1, 2, 3, 4`,
    [...DIMENSIONS, "concluded", "onTime", "handlingMs", "followedUp", "satisfied", "succeeded", "failed", "withdrawn"],
    kind,
  );
}

/** Decisions in the period, and what was open (and overdue) at its end. */
async function decisionsAndOpenAtEnd(kind: CaseKind, start: number, end: number, atEnd: number) {
  const [row] = await prisma.$queryRawUnsafe<Row[]>(
    `SELECT
       (SELECT COUNT(*) FROM "Case" INDEXED BY "Case_statistics_accepted"
         WHERE "kind" = ? AND "acceptedAt" >= ${start} AND "acceptedAt" < ${end}) AS "accepted",
       (SELECT COUNT(*) FROM "Case" INDEXED BY "Case_statistics_rejected"
         WHERE "kind" = ? AND "rejectedAt" >= ${start} AND "rejectedAt" < ${end}) AS "rejected",
       COUNT(*) AS "openAtEnd",
       SUM(CASE WHEN "dueAt" < ${atEnd} THEN 1 ELSE 0 END) AS "overdueAtEnd"
     FROM "Case" INDEXED BY "Case_statistics_received"
     WHERE "kind" = ? AND "receivedAt" < ${atEnd} AND "state" <> 'merged'
       AND ("concludedAt" IS NULL OR "concludedAt" >= ${atEnd}) AND ("rejectedAt" IS NULL OR "rejectedAt" >= ${atEnd})`,
    kind,
    kind,
    kind,
  );
  return {
    accepted: num(row?.accepted),
    rejected: num(row?.rejected),
    openAtEnd: num(row?.openAtEnd),
    overdueAtEnd: num(row?.overdueAtEnd),
  };
}

/** The middle handling time(s) of the conclusions, read in index order without loading the rest. */
async function medianHandlingMs(kind: CaseKind, start: number, end: number, concluded: number) {
  if (concluded === 0) return null;
  const rows = await prisma.$queryRawUnsafe<Row[]>(
    `SELECT "concludedAt" - "receivedAt" AS "ms" FROM "Case" INDEXED BY "Case_statistics_concluded"
     WHERE "kind" = ? AND "concludedAt" >= ${start} AND "concludedAt" < ${end}
     ORDER BY 1 LIMIT ${concluded % 2 === 1 ? 1 : 2} OFFSET ${Math.floor((concluded - 1) / 2)}`,
    kind,
  );
  return medianOfSorted(rows.map((row) => num(row.ms)));
}

interface Tally {
  received: number;
  concluded: number;
  onTime: number;
}

/** Adds the grouped rows up along one dimension, named from reference data, in the reference order. */
function breakdown(
  intake: Row[],
  conclusions: Row[],
  dimension: "channel" | "category" | "townshipId" | "month",
  names: Map<string, string>,
): BreakdownRow[] {
  const tallies = new Map<string, Tally>([...names.keys()].map((key) => [key, { received: 0, concluded: 0, onTime: 0 }]));
  const tallyOf = (key: string) => {
    let tally = tallies.get(key);
    if (!tally) tallies.set(key, (tally = { received: 0, concluded: 0, onTime: 0 }));
    return tally;
  };
  for (const row of intake) tallyOf(String(row[dimension])).received += num(row.received);
  for (const row of conclusions) {
    const tally = tallyOf(String(row[dimension]));
    tally.concluded += num(row.concluded);
    tally.onTime += num(row.onTime);
  }
  return [...tallies].map(([key, tally]) => ({
    key,
    name: names.get(key) ?? key,
    ...tally,
    overdue: tally.concluded - tally.onTime,
    onTimeRate: onTimeRate(tally.onTime, tally.concluded),
  }));
}

const sum = (rows: Row[], column: string) => rows.reduce((total, row) => total + num(row[column]), 0);

async function referenceNames() {
  const [channels, categories, townships] = await Promise.all([
    prisma.channel.findMany({ orderBy: { sortOrder: "asc" } }),
    prisma.category.findMany({ orderBy: { sortOrder: "asc" } }),
    prisma.township.findMany({ where: { kind: "township" }, orderBy: { sortOrder: "asc" } }),
  ]);
  return {
    channel: new Map(channels.map((c) => [c.code, c.name])),
    category: new Map(categories.map((c) => [c.code, c.name])),
    townshipId: new Map(townships.map((t) => [String(t.id), t.name])),
  };
}

/** Every figure of DOMAIN.md's 统计口径 for one kind of case and one period. */
export async function caseStatistics(kind: CaseKind, period: StatisticsPeriod, now = new Date()): Promise<CaseStatistics> {
  const start = period.start.getTime();
  const end = period.end.getTime();
  // A period that has not ended yet (this year) is counted "at its end" as of now.
  const atEnd = Math.min(end, now.getTime());
  const [intake, conclusions, decisions, names] = await Promise.all([
    intakeGroups(kind, start, end, period),
    conclusionGroups(kind, start, end, period),
    decisionsAndOpenAtEnd(kind, start, end, atEnd),
    referenceNames(),
  ]);
  const concluded = sum(conclusions, "concluded");
  const onTime = sum(conclusions, "onTime");
  const figures = {
    received: sum(intake, "received"),
    accepted: decisions.accepted,
    rejected: decisions.rejected,
    merged: sum(intake, "merged"),
    concluded,
    onTime,
    overdue: concluded - onTime,
    openAtEnd: decisions.openAtEnd,
    overdueAtEnd: decisions.overdueAtEnd,
  };
  const mediation =
    kind === "mediation"
      ? mediationFigures({
          applied: figures.received,
          accepted: figures.accepted,
          succeeded: sum(conclusions, "succeeded"),
          failed: sum(conclusions, "failed"),
          withdrawn: sum(conclusions, "withdrawn"),
        })
      : null;
  const followedUp = sum(conclusions, "followedUp");
  const satisfied = sum(conclusions, "satisfied");
  const months = new Map(monthsOf(period).map((month) => [month.month, month.month]));
  return {
    kind,
    from: period.start,
    to: period.end,
    ...figures,
    onTimeRate: onTimeRate(onTime, concluded),
    handledWithoutOverdue: handledWithoutOverdue(figures),
    sentence: annualSentence(kind, figures, mediation ?? undefined),
    byChannel: breakdown(intake, conclusions, "channel", names.channel),
    byCategory: breakdown(intake, conclusions, "category", names.category),
    byTownship: breakdown(intake, conclusions, "townshipId", names.townshipId),
    byMonth: breakdown(intake, conclusions, "month", months),
    medianHandlingDays: handlingDays(await medianHandlingMs(kind, start, end, concluded)),
    meanHandlingDays: handlingDays(concluded === 0 ? null : sum(conclusions, "handlingMs") / concluded),
    followedUp,
    satisfied,
    satisfactionRate: satisfactionRate(satisfied, followedUp),
    mediation,
  };
}

/** The report of a period: every kind's statistics, complaints first. */
export async function statisticsReport(period: StatisticsPeriod, now = new Date()) {
  const [complaint, petition, mediation] = await Promise.all(
    (["complaint", "petition", "mediation"] as const).map((kind) => caseStatistics(kind, period, now)),
  );
  return { complaint, petition, mediation };
}
