import { describe, expect, it } from "vitest";
import { formatLocalDateTime } from "./local-time";
import { type UnitFigures, emptyCounts, rankBy, rankingKeyOf, rankingPeriod, unitFigures } from "./unit-figures";

describe("a unit's figures", () => {
  it("are its counts as rates over their wholes; a unit without counts has every rate empty", () => {
    const counts = {
      ...emptyCounts(1),
      assignments: 4,
      judged: 3,
      answeredInTime: 2,
      returned: 1,
      submissions: 5,
      sendBacks: 1,
      concluded: 3,
      onTime: 2,
      firstTime: 3,
      followedUp: 2,
      satisfied: 1,
      complaints: 2,
      repeated: 1,
    };
    const [one, two] = unitFigures([1, 2], [counts]);
    expect(one.rates.signedInTime).toEqual({ part: 2, whole: 3, rate: 66.7 });
    expect(one.rates.returned).toEqual({ part: 1, whole: 4, rate: 25 });
    expect(one.rates.sentBack).toEqual({ part: 1, whole: 5, rate: 20 });
    expect(one.rates.concludedOnTime).toEqual({ part: 2, whole: 3, rate: 66.7 });
    expect(one.rates.firstTime).toEqual({ part: 3, whole: 3, rate: 100 });
    expect(one.rates.followedUp).toEqual({ part: 2, whole: 3, rate: 66.7 });
    expect(one.rates.satisfied).toEqual({ part: 1, whole: 2, rate: 50 });
    expect(one.rates.repeated).toEqual({ part: 1, whole: 2, rate: 50 });
    expect([one.assignments, one.concluded]).toEqual([4, 3]);
    expect(Object.values(two.rates).every((r) => r.rate === null && r.whole === 0)).toBe(true);
  });
});

describe("ranking", () => {
  const figure = (unitId: number, returned: number | null, onTime: number | null): UnitFigures => {
    const blank = { part: 0, whole: 0, rate: null };
    return {
      unitId,
      assignments: 0,
      concluded: 0,
      rates: {
        signedInTime: blank,
        concludedOnTime: { part: 0, whole: 1, rate: onTime },
        firstTime: blank,
        returned: { part: 0, whole: 1, rate: returned },
        sentBack: blank,
        followedUp: blank,
        satisfied: blank,
        repeated: blank,
      },
    };
  };
  const units = [figure(1, 10, 80), figure(2, null, null), figure(3, 5, 95), figure(4, 10, 80)];

  it("a higher on-time rate ranks first; ties keep the townships' order; units without a figure come last", () => {
    expect(rankBy(units, "concludedOnTime").map((unit) => unit.unitId)).toEqual([3, 1, 4, 2]);
  });

  it("a lower return rate ranks first", () => {
    expect(rankBy(units, "returned").map((unit) => unit.unitId)).toEqual([3, 1, 4, 2]);
  });
});

describe("a ranking's period", () => {
  it("reads a month, a quarter or a year in Shanghai time", () => {
    const march = rankingPeriod("2026-03")!;
    expect(march.granularity).toBe("month");
    expect(formatLocalDateTime(march.period.start)).toBe("2026-03-01 00:00:00");
    expect(formatLocalDateTime(new Date(march.period.end.getTime() - 1))).toBe("2026-03-31 23:59:59");
    const february = rankingPeriod("2024-02")!;
    expect(formatLocalDateTime(new Date(february.period.end.getTime() - 1))).toBe("2024-02-29 23:59:59");
    const q4 = rankingPeriod("2026-Q4")!;
    expect([formatLocalDateTime(q4.period.start), formatLocalDateTime(new Date(q4.period.end.getTime() - 1))]).toEqual([
      "2026-10-01 00:00:00",
      "2026-12-31 23:59:59",
    ]);
    const year = rankingPeriod("2020")!;
    expect(year.granularity).toBe("year");
    expect(formatLocalDateTime(year.period.start)).toBe("2020-01-01 00:00:00");
  });

  it("refuses anything else", () => {
    for (const key of ["2026-13", "2026-00", "2026-Q0", "2026-Q5", "26", "2026-3", "1800", "2026-03-01", "", "Q4-2026"]) {
      expect(rankingPeriod(key), key).toBeNull();
    }
  });

  it("names the month, quarter and year of a day", () => {
    expect(rankingKeyOf("2026-11-30", "month")).toBe("2026-11");
    expect(rankingKeyOf("2026-11-30", "quarter")).toBe("2026-Q4");
    expect(rankingKeyOf("2026-01-01", "quarter")).toBe("2026-Q1");
    expect(rankingKeyOf("2026-11-30", "year")).toBe("2026");
  });
});
