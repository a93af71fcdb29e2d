import { describe, expect, it } from "vitest";
import { formatLocalDateTime } from "./local-time";
import {
  annualSentence,
  complaintSentence,
  handledWithoutOverdue,
  handlingDays,
  medianOfSorted,
  mediationFigures,
  monthContaining,
  monthsOf,
  onTimeRate,
  rangePeriod,
  satisfactionRate,
  wholeMonthsOf,
  yearPeriod,
  reportRange,
} from "./statistics";

describe("statistics definitions", () => {
  it("a year runs from 1 January 00:00 to 31 December 24:00 in Shanghai time", () => {
    const period = yearPeriod(2020);
    expect(formatLocalDateTime(period.start)).toBe("2020-01-01 00:00:00");
    expect(formatLocalDateTime(period.end)).toBe("2021-01-01 00:00:00");
    expect(period.start.toISOString()).toBe("2019-12-31T16:00:00.000Z");
  });

  it("a range includes both its days", () => {
    const period = rangePeriod("2020-03-01", "2020-03-31");
    expect(formatLocalDateTime(period.end)).toBe("2020-04-01 00:00:00");
  });

  it("the on-time rate has one decimal and is empty when nothing was concluded", () => {
    expect(onTimeRate(733, 733)).toBe(100);
    expect(onTimeRate(2, 3)).toBe(66.7);
    expect(onTimeRate(1, 8)).toBe(12.5);
    expect(onTimeRate(0, 0)).toBeNull();
  });

  it("handled without overdue needs no late conclusion and nothing overdue open at the end", () => {
    expect(handledWithoutOverdue({ overdue: 0, overdueAtEnd: 0 })).toBe(true);
    expect(handledWithoutOverdue({ overdue: 0, overdueAtEnd: 1 })).toBe(false);
    expect(handledWithoutOverdue({ overdue: 1, overdueAtEnd: 0 })).toBe(false);
  });

  it("the annual sentence uses docs/domain.md's words", () => {
    expect(complaintSentence({ received: 733, concluded: 733, onTime: 733, overdue: 0, openAtEnd: 0, overdueAtEnd: 0 })).toBe(
      "全年共受理各类环保投诉733件，办结733件，均无超期情况。",
    );
    // Open cases that are not overdue do not spoil "none overdue".
    expect(complaintSentence({ received: 740, concluded: 733, onTime: 733, overdue: 0, openAtEnd: 7, overdueAtEnd: 0 })).toBe(
      "全年共受理各类环保投诉740件，办结733件，均无超期情况。",
    );
    expect(complaintSentence({ received: 120, concluded: 100, onTime: 97, overdue: 3, openAtEnd: 20, overdueAtEnd: 0 })).toBe(
      "全年共受理各类环保投诉120件，办结100件，其中按期办结97件，超期3件，按期办结率97.0%。",
    );
  });

  it("the annual sentence names the cases open and overdue at the end, which an on-time rate of 100 % would hide", () => {
    expect(complaintSentence({ received: 120, concluded: 100, onTime: 100, overdue: 0, openAtEnd: 20, overdueAtEnd: 14 })).toBe(
      "全年共受理各类环保投诉120件，办结100件，其中按期办结100件，超期0件，按期办结率100.0%；期末在办20件，其中已超期14件。",
    );
    expect(annualSentence("petition", { received: 5, concluded: 0, onTime: 0, overdue: 0, openAtEnd: 5, overdueAtEnd: 2 })).toBe(
      "全年共受理信访事项5件，办结0件，其中按期办结0件，超期0件，按期办结率—；期末在办5件，其中已超期2件。",
    );
  });

  it("a year has twelve months; a range has the months it touches, clipped to its start", () => {
    expect(monthsOf(yearPeriod(2020)).map((m) => m.month)).toEqual([
      "2020-01",
      "2020-02",
      "2020-03",
      "2020-04",
      "2020-05",
      "2020-06",
      "2020-07",
      "2020-08",
      "2020-09",
      "2020-10",
      "2020-11",
      "2020-12",
    ]);
    const range = monthsOf(rangePeriod("2020-11-15", "2021-01-31"));
    expect(range.map((m) => m.month)).toEqual(["2020-11", "2020-12", "2021-01"]);
    expect(formatLocalDateTime(range[0].start)).toBe("2020-11-15 00:00:00");
    expect(formatLocalDateTime(range[1].start)).toBe("2020-12-01 00:00:00");
    expect(monthsOf(rangePeriod("2020-03-31", "2020-03-31")).map((m) => m.month)).toEqual(["2020-03"]);
  });

  it("handling days have one decimal; the median of an even count is the mean of the middle two", () => {
    expect(handlingDays(86_400_000 * 2.5)).toBe(2.5);
    expect(handlingDays(86_400_000 * 1.04)).toBe(1);
    expect(handlingDays(86_400_000 * 1.05)).toBe(1.1);
    expect(handlingDays(null)).toBeNull();
    expect(medianOfSorted([1, 2, 10])).toBe(2);
    expect(medianOfSorted([1, 2, 4, 10])).toBe(3);
    expect(medianOfSorted([])).toBeNull();
  });

  it("satisfaction and mediation success rates divide by what was followed up or decided", () => {
    expect(satisfactionRate(9, 12)).toBe(75);
    expect(satisfactionRate(0, 0)).toBeNull();
    const mediation = mediationFigures({ applied: 10, accepted: 8, succeeded: 5, failed: 2, withdrawn: 1 });
    expect(mediation.successRate).toBe(71.4);
    expect(mediationFigures({ applied: 1, accepted: 1, succeeded: 0, failed: 0, withdrawn: 1 }).successRate).toBeNull();
  });

  it("petitions and mediations have sentences of the same shape", () => {
    const clean = { received: 12, concluded: 10, onTime: 10, overdue: 0, openAtEnd: 2, overdueAtEnd: 0 };
    expect(annualSentence("complaint", clean)).toBe(complaintSentence(clean));
    expect(annualSentence("petition", clean)).toBe("全年共受理信访事项12件，办结10件，均无超期情况。");
    expect(annualSentence("petition", { ...clean, onTime: 9, overdue: 1 })).toBe(
      "全年共受理信访事项12件，办结10件，其中按期办结9件，超期1件，按期办结率90.0%。",
    );
    const mediation = mediationFigures({ applied: 6, accepted: 5, succeeded: 3, failed: 1, withdrawn: 1 });
    expect(annualSentence("mediation", clean, mediation)).toBe(
      "全年共受理环境污染纠纷调解申请6件，调解成功3件，调解不成1件，撤回1件，调解成功率75.0%。",
    );
  });
});

describe("reportRange", () => {
  it("takes ordered supported dates up to ten years apart", () => {
    expect(reportRange("2020-03-01", "2020-06-30")).toEqual({ from: "2020-03-01", to: "2020-06-30" });
    expect(reportRange("2016-01-01", "2025-12-31")).toEqual({ from: "2016-01-01", to: "2025-12-31" });
  });

  it.each([
    ["2016-01-01", "2026-01-01"],
    ["1000-01-01", "1999-12-31"],
    ["2026-12-31", "2020-01-01"],
    ["2020-02-30", "2020-03-01"],
    ["2020-01-01", "9999-12-31"],
    ["", ""],
  ])("refuses %s – %s", (from, to) => {
    expect(reportRange(from, to)).toBeNull();
  });
});

describe("wholeMonthsOf", () => {
  const local = (period: { start: Date; end: Date }) => [
    formatLocalDateTime(period.start, false),
    formatLocalDateTime(period.end, false),
  ];

  it("reads a year as its twelve months and nothing from the cases", () => {
    const { months, edges } = wholeMonthsOf(yearPeriod(2023));
    expect(months).toEqual(Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, "0")}`));
    expect(edges).toEqual([]);
  });

  it("counts the days before the first whole month and after the last from the cases", () => {
    const { months, edges } = wholeMonthsOf(rangePeriod("2023-01-15", "2023-04-10"));
    expect(months).toEqual(["2023-02", "2023-03"]);
    expect(edges.map(local)).toEqual([
      ["2023-01-15 00:00", "2023-02-01 00:00"],
      ["2023-04-01 00:00", "2023-04-11 00:00"],
    ]);
  });

  it("counts a range within one month, and a month's last day, from the cases", () => {
    expect(wholeMonthsOf(rangePeriod("2024-02-03", "2024-02-20")).months).toEqual([]);
    expect(wholeMonthsOf(rangePeriod("2024-02-03", "2024-02-20")).edges.map(local)).toEqual([
      ["2024-02-03 00:00", "2024-02-21 00:00"],
    ]);
    const leap = wholeMonthsOf(rangePeriod("2024-02-01", "2024-02-29"));
    expect(leap).toEqual({ months: ["2024-02"], edges: [] });
    expect(wholeMonthsOf(rangePeriod("2024-12-01", "2025-01-01")).months).toEqual(["2024-12"]);
  });

  it("names the month an instant falls in, in Shanghai time", () => {
    const newYear = yearPeriod(2024).start;
    expect(monthContaining(newYear)).toEqual({ month: "2024-01", start: newYear });
    expect(monthContaining(new Date(newYear.getTime() - 1)).month).toBe("2023-12");
    const mid = monthContaining(new Date("2024-03-10T04:00:00Z"));
    expect(mid.month).toBe("2024-03");
    expect(formatLocalDateTime(mid.start, false)).toBe("2024-03-01 00:00");
  });
});
