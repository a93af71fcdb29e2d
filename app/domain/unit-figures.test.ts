import { describe, expect, it } from "vitest";
import { formatLocalDateTime } from "./local-time";
import { type HoldFacts, type UnitFigures, answeredAt, rankBy, rankingKeyOf, rankingPeriod, unitFigures } from "./unit-figures";

const at = (iso: string) => new Date(iso);
const hold = (overrides: Partial<HoldFacts> = {}): HoldFacts => ({
  unitId: 1,
  answerDueAt: at("2026-03-03T15:59:59.999Z"),
  signedForAt: null,
  endedAt: null,
  endReason: null,
  submissions: 0,
  sendBacks: 0,
  ...overrides,
});

describe("answering an assignment", () => {
  it("is signing for it, or returning it, whichever came first; a reassignment by the desk is no answer", () => {
    expect(answeredAt(hold())).toBeNull();
    expect(answeredAt(hold({ signedForAt: at("2026-03-02T02:00:00Z") }))).toEqual(at("2026-03-02T02:00:00Z"));
    expect(answeredAt(hold({ endedAt: at("2026-03-02T05:00:00Z"), endReason: "returned" }))).toEqual(at("2026-03-02T05:00:00Z"));
    expect(answeredAt(hold({ endedAt: at("2026-03-02T05:00:00Z"), endReason: "reassigned" }))).toBeNull();
    expect(
      answeredAt(hold({ signedForAt: at("2026-03-02T06:00:00Z"), endedAt: at("2026-03-02T05:00:00Z"), endReason: "returned" })),
    ).toEqual(at("2026-03-02T05:00:00Z"));
  });

  it("in time means at or before the deadline; one unanswered is judged only once its deadline has passed", () => {
    const due = at("2026-03-03T15:59:59.999Z");
    const [onTheDot, late, waiting] = [hold({ signedForAt: due }), hold({ signedForAt: new Date(due.getTime() + 1) }), hold()];
    const before = unitFigures([1], [onTheDot, late, waiting], [], at("2026-03-03T10:00:00Z"))[0];
    expect(before.rates.signedInTime).toEqual({ part: 1, whole: 2, rate: 50 });
    const after = unitFigures([1], [onTheDot, late, waiting], [], new Date(due.getTime() + 1))[0];
    expect(after.rates.signedInTime).toEqual({ part: 1, whole: 3, rate: 33.3 });
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
