import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { CASE_KINDS } from "~/domain/case-kinds";
import { type LocalDate, addLocalDays, startOfLocalDay } from "~/domain/local-time";
import { rangePeriod } from "~/domain/statistics";
import { caseStatistics } from "~/models/statistics/figures.server";
import { disagreeingStatisticsMonths, recountStatisticsMonths } from "~/models/statistics/months.server";

/**
 * The month buckets (docs/decisions/0024) against the definitions: random histories of cases — written,
 * changed in any of the counted fields, deleted — then every figure and breakdown of random periods,
 * read from the buckets, equals the same figures counted from the cases alone. Instants crowd the months'
 * edges (a millisecond either side of midnight, Shanghai time), where a bucket could go wrong.
 */

const FIRST_DAY: LocalDate = "2024-01-01";
const DAYS = 120;

/** An instant in the window: a month's first instant ±1 ms, a day's edge, or anywhere. */
const instant = fc.oneof(
  fc
    .tuple(fc.constantFrom("2024-02-01", "2024-03-01", "2024-04-01"), fc.constantFrom(-1, 0, 1))
    .map(([day, ms]) => new Date(startOfLocalDay(day).getTime() + ms)),
  fc
    .tuple(fc.integer({ min: 0, max: DAYS }), fc.integer({ min: 0, max: 86_399_999 }))
    .map(([day, ms]) => new Date(startOfLocalDay(addLocalDays(FIRST_DAY, day)).getTime() + ms)),
);
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null, freq: 3 });

/** What a case's counted fields may be at one moment of its history (any combination, even odd ones). */
const snapshot = fc.record({
  kind: fc.constantFrom(...CASE_KINDS),
  state: fc.constantFrom("registered", "assigned", "concluded", "closed", "rejected", "merged"),
  channel: fc.constantFrom("hotline12369", "online", "letter"),
  category: fc.constantFrom("noise", "air"),
  township: fc.integer({ min: 0, max: 1 }),
  receivedAt: instant,
  acceptedAt: maybe(instant),
  rejectedAt: maybe(instant),
  concludedAt: maybe(instant),
  dueAt: maybe(instant),
  satisfaction: maybe(fc.constantFrom("满意", "基本满意", "不满意")),
  mediationOutcome: maybe(fc.constantFrom("agreement", "failure", "withdrawn")),
  pausedMinutes: fc.constantFrom(0, 0, 90, 1440),
  /** Often concluded within hours of receipt, so that a day of handling time holds several conclusions. */
  handlingHours: maybe(fc.integer({ min: 0, max: 30 })),
});
type Snapshot = typeof snapshot extends fc.Arbitrary<infer T> ? T : never;

/** A case's history: written as the first snapshot, changed to each next one, maybe deleted at the end. */
const history = fc.record({ snapshots: fc.array(snapshot, { minLength: 1, maxLength: 4 }), deleted: fc.boolean() });

/** A report's range in the window, and the instant it is made (before its end, after it, or inside it). */
const report = fc.record({
  from: fc.integer({ min: 0, max: DAYS }),
  length: fc.integer({ min: 0, max: 100 }),
  now: instant,
});

let townships: number[];
let policyId: number;
let sequence = 0;

beforeAll(async () => {
  const { seedReferenceData } = await import("~/models/reference/seed.server");
  await seedReferenceData();
  townships = (await prisma.township.findMany({ where: { kind: "township" }, take: 2, orderBy: { id: "asc" } })).map((t) => t.id);
  policyId = (await prisma.deadlinePolicy.findFirstOrThrow()).id;
});

function fields(s: Snapshot) {
  const { township, handlingHours, ...rest } = s;
  const concludedAt =
    handlingHours === null || rest.concludedAt === null
      ? rest.concludedAt
      : new Date(rest.receivedAt.getTime() + handlingHours * 3_600_000);
  return { ...rest, concludedAt, townshipId: townships[township] };
}

async function play(histories: { snapshots: Snapshot[]; deleted: boolean }[]) {
  const ids: number[] = [];
  for (const { snapshots } of histories) {
    sequence += 1;
    const created = await prisma.case.create({
      data: {
        ...fields(snapshots[0]),
        caseNo: `P-${sequence}`,
        year: 2024,
        seq: sequence,
        description: "性质测试案件",
        policyId,
      },
    });
    ids.push(created.id);
  }
  // Changes interleave across cases, as a day's work does.
  for (let step = 1; step < 4; step += 1) {
    for (const [index, { snapshots }] of histories.entries()) {
      if (snapshots[step]) await prisma.case.update({ where: { id: ids[index] }, data: fields(snapshots[step]) });
    }
  }
  const deleted = ids.filter((_, index) => histories[index].deleted);
  await prisma.case.deleteMany({ where: { id: { in: deleted } } });
}

describe("the statistics' month buckets", () => {
  it("give exactly the figures counted from the cases, for random histories and periods", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(history, { minLength: 1, maxLength: 24 }),
        fc.array(report, { minLength: 1, maxLength: 3 }),
        async (histories, reports) => {
          await play(histories);
          for (const { from, length, now } of reports) {
            const first = addLocalDays(FIRST_DAY, from);
            const period = rangePeriod(first, addLocalDays(first, length));
            for (const kind of CASE_KINDS) {
              const fromMonths = await caseStatistics(kind, period, now, "months");
              const fromCases = await caseStatistics(kind, period, now, "cases");
              expect(fromMonths).toEqual(fromCases);
            }
          }
          expect(await disagreeingStatisticsMonths()).toEqual([]);
        },
      ),
      { numRuns: 20, seed: 20261203 },
    );
  });

  it("spoiled by hand, are named by verify and recounted to the same figures", async () => {
    const period = rangePeriod(FIRST_DAY, addLocalDays(FIRST_DAY, DAYS));
    const now = startOfLocalDay(addLocalDays(FIRST_DAY, DAYS));
    const before = await caseStatistics("complaint", period, now, "months");
    const [first, second] = await prisma.statisticsMonth.findMany({ where: { received: { gt: 0 } }, take: 2 });
    await prisma.statisticsMonth.update({
      where: {
        kind_month_dimension_value: { kind: first.kind, month: first.month, dimension: first.dimension, value: first.value },
      },
      data: { received: { increment: 5 } },
    });
    await prisma.statisticsMonth.delete({
      where: {
        kind_month_dimension_value: { kind: second.kind, month: second.month, dimension: second.dimension, value: second.value },
      },
    });
    expect((await disagreeingStatisticsMonths()).map((d) => d.counter)).toContain("received");

    expect(await recountStatisticsMonths()).toBeGreaterThan(0);
    expect(await disagreeingStatisticsMonths()).toEqual([]);
    expect(await caseStatistics("complaint", period, now, "months")).toEqual(before);
  });

  it("are all zero once every case is gone", async () => {
    await prisma.case.deleteMany({});
    const left = await prisma.statisticsMonth.findMany();
    expect(left.length).toBeGreaterThan(0);
    for (const bucket of left) {
      const { kind, month, dimension, value, ...counters } = bucket;
      expect(
        Object.values(counters).every((count) => Number(count) === 0),
        `${kind} ${month} ${dimension} ${value}`,
      ).toBe(true);
    }
  });
});
