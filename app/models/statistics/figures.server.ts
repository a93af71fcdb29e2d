import { prisma } from "~/db.server";
import { Params, epochMs, indexedBy, instantLiteral, jsonArrayAgg } from "../db/sql-dialect.server";
import { CONCLUSION_COUNTERS, INTAKE_COUNTERS } from "./months.server";
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
  monthContaining,
  monthsOf,
  onTimeRate,
  satisfactionRate,
  wholeMonthsOf,
} from "~/domain/statistics";

/**
 * The statistics of docs/domain.md "Statistics (统计口径)", computed with aggregate SQL (never by loading
 * cases). Pages, exports, the CLI and the API all read `caseStatistics`. Whole months are read from the
 * month buckets ("StatisticsMonth", kept by triggers, docs/decisions/0024); the parts of months at a
 * period's edges, and every figure when `source` is "cases" (`greenline verify`, the property test), are
 * counted from the Case table over its covering indexes. A conclusion is judged against `Case.dueAt`, the
 * final due instant of the current round's conclusion milestone (docs/decisions/0007). The dialect's
 * pieces come from sql-dialect.server.ts.
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
  /** Open at the period's end, and of those overdue (docs/domain.md); null by month, which they have none of. */
  openAtEnd: number | null;
  overdueAtEnd: number | null;
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
  /** Conclusions whose clock paused by rule, and the days it stood paused (never handling time). */
  paused: number;
  pausedDays: number | null;
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
  // A period within one month has one label (a CASE without a WHEN is no SQL).
  if (months.length === 1) return `'${months[0].month}'`;
  const arms = months
    .slice(1)
    .map((month, index) => `WHEN ${column} < ${instantLiteral(month.start)} THEN '${months[index].month}'`)
    .join(" ");
  return `CASE ${arms} ELSE '${months[months.length - 1].month}' END`;
}

/** `"column" >= start AND "column" < end` over a period (instants as literals of the dialect). */
function within(column: string, start: Date, end: Date) {
  return `"${column}" >= ${instantLiteral(start)} AND "${column}" < ${instantLiteral(end)}`;
}

/**
 * A grouped query's rows as one JSON array built by the database: thousands of small groups cross the
 * driver as one value instead of thousands of rows (the driver's per-row cost is most of the time otherwise).
 */
async function groupedRows(select: (params: Params) => string, columns: string[]): Promise<Row[]> {
  const params = new Params();
  const sql = `SELECT ${jsonArrayAgg(columns.map((c) => `g."${c}"`))} AS "rows" FROM (${select(params)}) g`;
  const [result] = await prisma.$queryRawUnsafe<{ rows: string }[]>(sql, ...params.values);
  const arrays = JSON.parse(result?.rows ?? "[]") as (string | number | null)[][];
  return arrays.map((values) => Object.fromEntries(columns.map((column, index) => [column, values[index]])));
}

const DIMENSIONS = ["channel", "category", "townshipId", "month"];
/** Where the figures are counted from: the month buckets with the cases at the edges, or the cases alone. */
export type FigureSource = "months" | "cases";

/**
 * Grouped rows by breakdown. The buckets count each case once per breakdown, so each breakdown has rows
 * of its own; rows counted from the cases carry all three and serve every breakdown. Totals and months
 * read the channels' rows (every case has exactly one channel).
 */
type Breakdown = "channel" | "category" | "townshipId";
type Grouped = Record<Breakdown, Row[]>;
const BREAKDOWNS: Breakdown[] = ["channel", "category", "townshipId"];
/** The buckets' breakdowns; the fourth dimension, handling days, counts conclusions for the median. */
const BREAKDOWN_LIST = BREAKDOWNS.map((b) => `'${b}'`).join(", ");
const fromCases = (rows: Row[]): Grouped => ({ channel: rows, category: rows, townshipId: rows });
const combined = (parts: Grouped[]): Grouped =>
  Object.fromEntries(BREAKDOWNS.map((b) => [b, parts.flatMap((part) => part[b])])) as Grouped;

/** Bucket rows (`dimension`, `value`, counters) placed under their breakdown, `value` as its key. */
function byBreakdown(rows: Row[]): Grouped {
  const grouped: Grouped = { channel: [], category: [], townshipId: [] };
  for (const { dimension, value, ...counters } of rows)
    grouped[dimension as Breakdown].push({ ...counters, [String(dimension)]: value });
  return grouped;
}

/** `"month"` between two labels (contiguous whole months) and one kind. */
function monthsWhere(params: Params, kind: CaseKind, months: string[]) {
  return `"kind" = ${params.add(kind)} AND "month" >= ${params.add(months[0])} AND "month" <= ${params.add(months[months.length - 1])}`;
}

/** The buckets of whole months with any of the counters. */
async function monthBuckets(kind: CaseKind, months: string[], counters: readonly string[]): Promise<Grouped> {
  if (months.length === 0) return fromCases([]);
  const rows = await groupedRows(
    (params) => `SELECT "dimension", "value", "month", ${counters.map((c) => `"${c}"`).join(", ")}
     FROM "StatisticsMonth" WHERE ${monthsWhere(params, kind, months)} AND "dimension" IN (${BREAKDOWN_LIST})
       AND (${counters.map((c) => `"${c}" <> 0`).join(" OR ")})`,
    ["dimension", "value", "month", ...counters],
  );
  return byBreakdown(rows);
}

/** Grouped rows of a period: whole months from the buckets, the edges (or everything) from the cases. */
async function periodRows(
  kind: CaseKind,
  period: StatisticsPeriod,
  source: FigureSource,
  counters: readonly string[],
  countCases: (kind: CaseKind, period: StatisticsPeriod) => Promise<Row[]>,
): Promise<Grouped> {
  if (source === "cases") return fromCases(await countCases(kind, period));
  const { months, edges } = wholeMonthsOf(period);
  const [buckets, ...edgeRows] = await Promise.all([
    monthBuckets(kind, months, counters),
    ...edges.map((edge) => countCases(kind, edge)),
  ]);
  return combined([buckets, ...edgeRows.map(fromCases)]);
}

function intakeGroups(kind: CaseKind, period: StatisticsPeriod) {
  return groupedRows(
    (params) => `SELECT "channel", "category", "townshipId", ${monthOf('"receivedAt"', period)} AS "month",
       COUNT(*) AS "received", SUM(CASE WHEN "state" = 'merged' THEN 1 ELSE 0 END) AS "merged"
     FROM "Case" ${indexedBy("Case_statistics_received")}
     WHERE "kind" = ${params.add(kind)} AND ${within("receivedAt", period.start, period.end)}
     GROUP BY 1, 2, 3, 4`,
    [...DIMENSIONS, ...INTAKE_COUNTERS],
  );
}

/** A conclusion's handling time: from receipt to conclusion, less the time its clock stood paused by rule. */
const handlingMsOf = () => `${epochMs('"concludedAt"')} - ${epochMs('"receivedAt"')} - "pausedMinutes" * CAST(60000 AS BIGINT)`;

function conclusionGroups(kind: CaseKind, period: StatisticsPeriod) {
  const satisfied = SATISFIED_LEVELS.map((level) => `'${level}'`).join(", ");
  return groupedRows(
    (params) => `SELECT "channel", "category", "townshipId", ${monthOf('"concludedAt"', period)} AS "month",
       COUNT(*) AS "concluded",
       SUM(CASE WHEN "dueAt" IS NULL OR "concludedAt" <= "dueAt" THEN 1 ELSE 0 END) AS "onTime",
       SUM(${handlingMsOf()}) AS "handlingMs",
       SUM(CASE WHEN "pausedMinutes" > 0 THEN 1 ELSE 0 END) AS "paused",
       SUM("pausedMinutes") AS "pausedMinutes",
       SUM(CASE WHEN "satisfaction" IS NOT NULL THEN 1 ELSE 0 END) AS "followedUp",
       SUM(CASE WHEN "satisfaction" IN (${satisfied}) THEN 1 ELSE 0 END) AS "satisfied",
       SUM(CASE WHEN "mediationOutcome" = 'agreement' THEN 1 ELSE 0 END) AS "succeeded",
       SUM(CASE WHEN "mediationOutcome" = 'failure' THEN 1 ELSE 0 END) AS "failed",
       SUM(CASE WHEN "mediationOutcome" = 'withdrawn' THEN 1 ELSE 0 END) AS "withdrawn"
     FROM "Case" ${indexedBy("Case_statistics_concluded")}
     WHERE "kind" = ${params.add(kind)} AND ${within("concludedAt", period.start, period.end)}
     GROUP BY 1, 2, 3, 4`,
    [...DIMENSIONS, ...CONCLUSION_COUNTERS],
  );
}

/** Decisions in the period: whole months from the buckets, the edges (or everything) from the cases. */
async function decisions(kind: CaseKind, period: StatisticsPeriod, source: FigureSource) {
  if (source === "cases") return decisionsFromCases(kind, period);
  const { months, edges } = wholeMonthsOf(period);
  const parts = await Promise.all([decidedInMonths(kind, months), ...edges.map((edge) => decisionsFromCases(kind, edge))]);
  return parts.reduce((total, part) => ({ accepted: total.accepted + part.accepted, rejected: total.rejected + part.rejected }));
}

async function decidedInMonths(kind: CaseKind, months: string[]) {
  if (months.length === 0) return { accepted: 0, rejected: 0 };
  const params = new Params();
  const sql = `SELECT SUM("accepted") AS "accepted", SUM("rejected") AS "rejected" FROM "StatisticsMonth"
     WHERE ${monthsWhere(params, kind, months)} AND "dimension" = 'channel'`;
  const [row] = await prisma.$queryRawUnsafe<Row[]>(sql, ...params.values);
  return { accepted: num(row?.accepted), rejected: num(row?.rejected) };
}

async function decisionsFromCases(kind: CaseKind, period: StatisticsPeriod) {
  const params = new Params();
  const sql = `SELECT
       (SELECT COUNT(*) FROM "Case" ${indexedBy("Case_statistics_accepted")}
         WHERE "kind" = ${params.add(kind)} AND ${within("acceptedAt", period.start, period.end)}) AS "accepted",
       (SELECT COUNT(*) FROM "Case" ${indexedBy("Case_statistics_rejected")}
         WHERE "kind" = ${params.add(kind)} AND ${within("rejectedAt", period.start, period.end)}) AS "rejected"`;
  const [row] = await prisma.$queryRawUnsafe<Row[]>(sql, ...params.values);
  return { accepted: num(row?.accepted), rejected: num(row?.rejected) };
}

/**
 * What was open, and overdue, at the period's end, by channel, category and township. From the buckets:
 * the events of the months before the end's month (open = its starts less its ends), and those of the
 * end's month before the end (none when the end is a month's first instant) counted from the cases that
 * have an instant there (docs/decisions/0024).
 */
async function openAtEnd(kind: CaseKind, atEnd: Date, source: FigureSource): Promise<Grouped> {
  if (source === "cases") return fromCases(await openAtEndGroups(kind, atEnd));
  const month = monthContaining(atEnd);
  const sums = `SUM("openStarts" - "openEnds") AS "openAtEnd", SUM("overdueStarts" - "overdueEnds") AS "overdueAtEnd"`;
  const before = groupedRows(
    (params) => `SELECT "dimension", "value", ${sums}
     FROM "StatisticsMonth"
     WHERE "kind" = ${params.add(kind)} AND "month" < ${params.add(month.month)} AND "dimension" IN (${BREAKDOWN_LIST})
     GROUP BY 1, 2`,
    ["dimension", "value", "openAtEnd", "overdueAtEnd"],
  ).then(byBreakdown);
  if (month.start.getTime() === atEnd.getTime()) return before;
  const start = instantLiteral(month.start);
  const end = instantLiteral(atEnd);
  const inRange = (column: string) => `("${column}" >= ${start} AND "${column}" < ${end})`;
  const within = groupedRows(
    (params) => `SELECT "channel", "category", "townshipId", ${sums}
     FROM "CaseStatisticsEvent"
     WHERE "at" >= ${start} AND "at" < ${end} AND "caseId" IN (
       SELECT "id" FROM "Case" WHERE "kind" = ${params.add(kind)}
         AND (${["receivedAt", "dueAt", "concludedAt", "rejectedAt"].map(inRange).join(" OR ")}))
     GROUP BY 1, 2, 3`,
    ["channel", "category", "townshipId", "openAtEnd", "overdueAtEnd"],
  );
  return combined([await before, fromCases(await within)]);
}

function openAtEndGroups(kind: CaseKind, atEnd: Date) {
  const end = instantLiteral(atEnd);
  return groupedRows(
    (params) => `SELECT "channel", "category", "townshipId",
       COUNT(*) AS "openAtEnd",
       SUM(CASE WHEN "dueAt" < ${end} THEN 1 ELSE 0 END) AS "overdueAtEnd"
     FROM "Case" ${indexedBy("Case_statistics_received")}
     WHERE "kind" = ${params.add(kind)} AND "receivedAt" < ${end} AND "state" <> 'merged'
       AND ("concludedAt" IS NULL OR "concludedAt" >= ${end}) AND ("rejectedAt" IS NULL OR "rejectedAt" >= ${end})
     GROUP BY 1, 2, 3`,
    ["channel", "category", "townshipId", "openAtEnd", "overdueAtEnd"],
  );
}

/** A conclusion's handling time in whole days (truncated), the bin the buckets count it in. */
const handlingDaysOf = () => `CAST(${handlingMsOf()} AS BIGINT) / 86400000`;

/**
 * The median handling time: the middle one or two of the period's handling times. From the buckets, the
 * conclusions' counts by whole days of handling (whole months; the edges counted from the cases) say in
 * which day the middle ranks fall, and only that day's handling times are sorted; from the cases alone,
 * all of them are.
 */
async function medianHandlingMs(kind: CaseKind, period: StatisticsPeriod, concluded: number, source: FigureSource) {
  if (concluded === 0) return null;
  const ranks = concluded % 2 === 1 ? [(concluded - 1) / 2] : [concluded / 2 - 1, concluded / 2];
  if (source === "cases") return medianOfSorted(await sortedHandlingMs(kind, period, null, ranks[0], ranks.length));
  const bins = await handlingDayCounts(kind, period);
  const values: number[] = [];
  for (const rank of ranks) {
    let below = 0;
    const bin = bins.find(([, count]) => (below += count) > rank)!;
    const [value] = await sortedHandlingMs(kind, period, bin[0], rank - (below - bin[1]), 1);
    values.push(value);
  }
  return medianOfSorted(values);
}

/** Conclusions by whole days of handling, in order of the days. */
async function handlingDayCounts(kind: CaseKind, period: StatisticsPeriod): Promise<[number, number][]> {
  const { months, edges } = wholeMonthsOf(period);
  const parts = await Promise.all([
    months.length === 0
      ? []
      : groupedRows(
          (params) => `SELECT CAST("value" AS BIGINT) AS "days", SUM("concluded") AS "count" FROM "StatisticsMonth"
             WHERE ${monthsWhere(params, kind, months)} AND "dimension" = 'handlingDays' AND "concluded" <> 0 GROUP BY 1`,
          ["days", "count"],
        ),
    ...edges.map((edge) =>
      groupedRows(
        (
          params,
        ) => `SELECT ${handlingDaysOf()} AS "days", COUNT(*) AS "count" FROM "Case" ${indexedBy("Case_statistics_concluded")}
           WHERE "kind" = ${params.add(kind)} AND ${within("concludedAt", edge.start, edge.end)} GROUP BY 1`,
        ["days", "count"],
      ),
    ),
  ]);
  const counts = new Map<number, number>();
  for (const row of parts.flat()) counts.set(num(row.days), (counts.get(num(row.days)) ?? 0) + num(row.count));
  return [...counts].filter(([, count]) => count > 0).sort(([a], [b]) => a - b);
}

/** `count` handling times from the `offset`-th in order, of the period's conclusions (of one day's bin). */
async function sortedHandlingMs(kind: CaseKind, period: StatisticsPeriod, days: number | null, offset: number, count: number) {
  const params = new Params();
  // One day's bin is read from the index of handling days and times (Case_statistics_handling, 0024).
  const index = days === null ? "Case_statistics_concluded" : "Case_statistics_handling";
  const sql = `SELECT ${handlingMsOf()} AS "ms" FROM "Case" ${indexedBy(index)}
     WHERE "kind" = ${params.add(kind)} AND ${within("concludedAt", period.start, period.end)}
       ${days === null ? "" : `AND ${handlingDaysOf()} = ${params.add(days)}`}
     ORDER BY 1 LIMIT ${count} OFFSET ${offset}`;
  const rows = await prisma.$queryRawUnsafe<Row[]>(sql, ...params.values);
  return rows.map((row) => num(row.ms));
}

interface Tally {
  received: number;
  concluded: number;
  onTime: number;
  openAtEnd: number;
  overdueAtEnd: number;
}

const emptyTally = (): Tally => ({ received: 0, concluded: 0, onTime: 0, openAtEnd: 0, overdueAtEnd: 0 });

/**
 * Adds the grouped rows up along one dimension, named from reference data, in the reference order.
 * `open` is null for months: what is open at the end belongs to no month of the period.
 */
function breakdown(
  intakeRows: Grouped,
  conclusionRows: Grouped,
  openRows: Grouped | null,
  dimension: Breakdown | "month",
  names: Map<string, string>,
): BreakdownRow[] {
  const rowsOf = (grouped: Grouped) => grouped[dimension === "month" ? "channel" : dimension];
  const [intake, conclusions, open] = [rowsOf(intakeRows), rowsOf(conclusionRows), openRows && rowsOf(openRows)];
  const tallies = new Map<string, Tally>([...names.keys()].map((key) => [key, emptyTally()]));
  const tallyOf = (key: string) => {
    let tally = tallies.get(key);
    if (!tally) tallies.set(key, (tally = emptyTally()));
    return tally;
  };
  for (const row of intake) tallyOf(String(row[dimension])).received += num(row.received);
  for (const row of conclusions) {
    const tally = tallyOf(String(row[dimension]));
    tally.concluded += num(row.concluded);
    tally.onTime += num(row.onTime);
  }
  for (const row of open ?? []) {
    const tally = tallyOf(String(row[dimension]));
    tally.openAtEnd += num(row.openAtEnd);
    tally.overdueAtEnd += num(row.overdueAtEnd);
  }
  // A key the reference data does not name is shown only when it counts something.
  const shown = [...tallies].filter(
    ([key, tally]) => names.has(key) || tally.received || tally.concluded || tally.openAtEnd || tally.overdueAtEnd,
  );
  return shown.map(([key, tally]) => ({
    key,
    name: names.get(key) ?? key,
    ...tally,
    overdue: tally.concluded - tally.onTime,
    onTimeRate: onTimeRate(tally.onTime, tally.concluded),
    openAtEnd: open ? tally.openAtEnd : null,
    overdueAtEnd: open ? tally.overdueAtEnd : null,
  }));
}

/** A total over the channels' rows (each case counts once among them). */
const sum = (grouped: Grouped, column: string) => grouped.channel.reduce((total, row) => total + num(row[column]), 0);

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

/** Every figure of docs/domain.md's 统计口径 for one kind of case and one period. */
export async function caseStatistics(
  kind: CaseKind,
  period: StatisticsPeriod,
  now = new Date(),
  source: FigureSource = "months",
): Promise<CaseStatistics> {
  // A period that has not ended yet (this year) is counted "at its end" as of now.
  const atEnd = new Date(Math.min(period.end.getTime(), now.getTime()));
  const [intake, conclusions, decided, open, names] = await Promise.all([
    periodRows(kind, period, source, INTAKE_COUNTERS, intakeGroups),
    periodRows(kind, period, source, CONCLUSION_COUNTERS, conclusionGroups),
    decisions(kind, period, source),
    openAtEnd(kind, atEnd, source),
    referenceNames(),
  ]);
  const concluded = sum(conclusions, "concluded");
  const onTime = sum(conclusions, "onTime");
  const figures = {
    received: sum(intake, "received"),
    accepted: decided.accepted,
    rejected: decided.rejected,
    merged: sum(intake, "merged"),
    concluded,
    onTime,
    overdue: concluded - onTime,
    openAtEnd: sum(open, "openAtEnd"),
    overdueAtEnd: sum(open, "overdueAtEnd"),
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
    byChannel: breakdown(intake, conclusions, open, "channel", names.channel),
    byCategory: breakdown(intake, conclusions, open, "category", names.category),
    byTownship: breakdown(intake, conclusions, open, "townshipId", names.townshipId),
    byMonth: breakdown(intake, conclusions, null, "month", months),
    medianHandlingDays: handlingDays(await medianHandlingMs(kind, period, concluded, source)),
    meanHandlingDays: handlingDays(concluded === 0 ? null : sum(conclusions, "handlingMs") / concluded),
    paused: sum(conclusions, "paused"),
    pausedDays: handlingDays(concluded === 0 ? null : sum(conclusions, "pausedMinutes") * 60_000),
    followedUp,
    satisfied,
    satisfactionRate: satisfactionRate(satisfied, followedUp),
    mediation,
  };
}
