import { describe, expect, it } from "vitest";
import { formatLocalDateTime } from "./local-time";
import { complaintSentence, handledWithoutOverdue, onTimeRate, rangePeriod, yearPeriod } from "./statistics";

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

  it("the annual sentence uses DOMAIN.md's words", () => {
    expect(complaintSentence({ received: 733, concluded: 733, onTime: 733, overdue: 0, overdueAtEnd: 0 })).toBe(
      "全年共受理各类环保投诉733件，办结733件，均无超期情况。",
    );
    expect(complaintSentence({ received: 120, concluded: 100, onTime: 97, overdue: 3, overdueAtEnd: 0 })).toBe(
      "全年共受理各类环保投诉120件，办结100件，其中按期办结97件，超期3件，按期办结率97.0%。",
    );
  });
});
