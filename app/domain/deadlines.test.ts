import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { officialCalendar } from "../../tests/support/holidays";
import { createWorkCalendar } from "./calendar";
import {
  DEFAULT_LADDER,
  capPlan,
  computeDueAt,
  dueMarker,
  extendDueAt,
  isOverdueAt,
  ladderInstants,
  planMilestone,
  timeLeft,
  warningIsPassed,
} from "./deadlines";
import { formatLocalDateTime, instantFromLocal, localDateOf, parseLocalDateTime } from "./local-time";

const calendar = officialCalendar();
const at = (text: string) => {
  const instant = parseLocalDateTime(text);
  if (!instant) throw new Error(`bad test time ${text}`);
  return instant;
};
const shown = (instant: Date) => formatLocalDateTime(instant);

describe("working-day deadlines", () => {
  it("a complaint received the day before the 2020 Spring Festival is due after the extended holiday", () => {
    const received = at("2020-01-23 16:20");
    expect(shown(computeDueAt(calendar, received, 1, "working_days").dueAt)).toBe("2020-02-03 23:59:59");
    expect(shown(computeDueAt(calendar, received, 15, "working_days").dueAt)).toBe("2020-02-21 23:59:59");
  });

  it("1 February 2020, a Saturday, is no longer a working day after the extension", () => {
    expect(calendar.isWorkingDay("2020-02-01")).toBe(false);
    expect(calendar.isWorkingDay("2020-01-19")).toBe(true);
  });

  it("counts the make-up working days 27 September and 10 October 2020", () => {
    const received = at("2020-09-25 10:00");
    expect(shown(computeDueAt(calendar, received, 1, "working_days").dueAt)).toBe("2020-09-27 23:59:59");
    expect(shown(computeDueAt(calendar, received, 6, "working_days").dueAt)).toBe("2020-10-10 23:59:59");
    expect(shown(computeDueAt(calendar, received, 15, "working_days").dueAt)).toBe("2020-10-22 23:59:59");
  });

  it("does not count the start day even when the case arrives at 00:00", () => {
    expect(shown(computeDueAt(calendar, at("2020-03-02 00:00"), 1, "working_days").dueAt)).toBe("2020-03-03 23:59:59");
  });

  it("a case received on a weekend counts from the next working day", () => {
    expect(shown(computeDueAt(calendar, at("2020-03-07 09:00"), 1, "working_days").dueAt)).toBe("2020-03-09 23:59:59");
  });
});

describe("calendar-day deadlines", () => {
  it("a last day inside the National Day holiday moves to the end of the next working day", () => {
    // 20 Sep + 15 days = 5 Oct 2020, inside 1–8 Oct; 9 Oct is the next working day.
    expect(shown(computeDueAt(calendar, at("2020-09-20 11:00"), 15, "calendar_days").dueAt)).toBe("2020-10-09 23:59:59");
  });

  it("a last day on an ordinary weekend moves to Monday", () => {
    // 1 Mar 2020 + 6 days = Saturday 7 Mar.
    expect(shown(computeDueAt(calendar, at("2020-03-01 08:00"), 6, "calendar_days").dueAt)).toBe("2020-03-09 23:59:59");
  });

  it("a last day on a make-up working Saturday stays", () => {
    // 4 Oct 2020 + 6 days = Saturday 10 Oct, a make-up working day.
    expect(shown(computeDueAt(calendar, at("2020-10-04 08:00"), 6, "calendar_days").dueAt)).toBe("2020-10-10 23:59:59");
  });

  it("60 calendar days for a petition from a working day", () => {
    expect(shown(computeDueAt(calendar, at("2021-03-01 09:00"), 60, "calendar_days").dueAt)).toBe("2021-04-30 23:59:59");
  });
});

describe("hour deadlines", () => {
  it("run exactly N hours, across midnight", () => {
    expect(shown(computeDueAt(calendar, at("2020-03-03 23:30"), 2, "hours").dueAt)).toBe("2020-03-04 01:30:00");
  });

  it("ignore holidays", () => {
    expect(shown(computeDueAt(calendar, at("2020-10-01 10:15"), 2, "hours").dueAt)).toBe("2020-10-01 12:15:00");
  });
});

describe("extensions", () => {
  it("a working-day extension across the National Day holiday counts on from the current due day", () => {
    const due = at("2020-09-30 23:59:59");
    expect(shown(extendDueAt(calendar, due, 3, "working_days").dueAt)).toBe("2020-10-12 23:59:59");
  });

  it("a calendar-day extension that lands in a holiday moves to the next working day", () => {
    const due = computeDueAt(calendar, at("2020-01-10 09:00"), 5, "calendar_days").dueAt; // 15 Jan
    expect(shown(due)).toBe("2020-01-15 23:59:59");
    expect(shown(extendDueAt(calendar, due, 10, "calendar_days").dueAt)).toBe("2020-02-03 23:59:59");
  });

  it("an hour extension adds hours", () => {
    expect(shown(extendDueAt(calendar, at("2020-03-04 01:30"), 3, "hours").dueAt)).toBe("2020-03-04 04:30:00");
  });
});

describe("a year without a published calendar", () => {
  it("falls back to weekends only and names the missing year", () => {
    // 1 Oct 2027 is a Friday; without the 2027 schedule it counts as a working day.
    const result = computeDueAt(calendar, at("2027-09-30 10:00"), 1, "working_days");
    expect(shown(result.dueAt)).toBe("2027-10-01 23:59:59");
    expect(result.missingCalendarYears).toEqual([2027]);
  });

  it("reports nothing missing inside covered years", () => {
    expect(computeDueAt(calendar, at("2026-05-06 10:00"), 15, "working_days").missingCalendarYears).toEqual([]);
  });

  it("names a missing year crossed at a year's end", () => {
    expect(computeDueAt(calendar, at("2026-12-20 10:00"), 15, "working_days").missingCalendarYears).toEqual([2027]);
  });
});

describe("on time and overdue", () => {
  it("is on time at the due day's last second and overdue one second later", () => {
    const due = computeDueAt(calendar, at("2020-03-02 09:00"), 1, "working_days").dueAt;
    expect(isOverdueAt(due, at("2020-03-03 23:59:59"))).toBe(false);
    expect(isOverdueAt(due, at("2020-03-04 00:00:00"))).toBe(true);
  });
});

describe("a transferring platform's deadline", () => {
  const plan = planMilestone(calendar, at("2020-09-25 10:00"), 15, "working_days", DEFAULT_LADDER); // due 22 Oct

  it("moves the conclusion earlier, with the ladder placed before the earlier deadline", () => {
    const capped = capPlan(calendar, plan, at("2020-10-16 18:00"), DEFAULT_LADDER);
    expect(shown(capped.dueAt)).toBe("2020-10-16 18:00:00");
    expect(capped.warningAt.getTime()).toBeLessThan(capped.dueAt.getTime());
    expect(capped.supervisionAt.getTime()).toBeGreaterThan(capped.dueAt.getTime());
    expect(capped.supervisionAt.getTime()).toBeLessThan(plan.supervisionAt.getTime());
  });

  it("never moves it later, and never before the start", () => {
    expect(capPlan(calendar, plan, at("2020-11-30 18:00"), DEFAULT_LADDER)).toBe(plan);
    expect(capPlan(calendar, plan, null, DEFAULT_LADDER)).toBe(plan);
    expect(capPlan(calendar, plan, at("2020-09-01 00:00"), DEFAULT_LADDER).dueAt).toEqual(plan.startAt);
  });
});

describe("escalation ladder", () => {
  it("warns two working days before a day-based deadline and supervises three working days after", () => {
    const startAt = at("2020-09-25 10:00");
    const { dueAt } = computeDueAt(calendar, startAt, 15, "working_days"); // 22 Oct
    const steps = ladderInstants(calendar, { startAt, dueAt, amount: 15, unit: "working_days" }, DEFAULT_LADDER);
    expect(shown(steps.warning)).toBe("2020-10-20 23:59:59");
    expect(shown(steps.overdue)).toBe("2020-10-22 23:59:59");
    expect(shown(steps.supervision)).toBe("2020-10-27 23:59:59");
  });

  it("warns half-way through a milestone of one working day", () => {
    const startAt = at("2020-03-02 12:00");
    const { dueAt } = computeDueAt(calendar, startAt, 1, "working_days");
    const steps = ladderInstants(calendar, { startAt, dueAt, amount: 1, unit: "working_days" }, DEFAULT_LADDER);
    expect(steps.warning.getTime()).toBe(startAt.getTime() + Math.floor((dueAt.getTime() - startAt.getTime()) / 2));
  });

  it("warns one hour before an hour deadline", () => {
    const startAt = at("2020-03-03 23:30");
    const { dueAt } = computeDueAt(calendar, startAt, 2, "hours");
    const steps = ladderInstants(calendar, { startAt, dueAt, amount: 2, unit: "hours" }, DEFAULT_LADDER);
    expect(shown(steps.warning)).toBe("2020-03-04 00:30:00");
  });

  it("supervision skips holidays", () => {
    const startAt = at("2020-09-20 11:00");
    const { dueAt } = computeDueAt(calendar, startAt, 9, "calendar_days");
    expect(shown(dueAt)).toBe("2020-09-29 23:59:59");
    const steps = ladderInstants(calendar, { startAt, dueAt, amount: 9, unit: "calendar_days" }, DEFAULT_LADDER);
    // 30 Sep, then 9 Oct and the make-up Saturday 10 Oct after the holiday.
    expect(shown(steps.supervision)).toBe("2020-10-10 23:59:59");
  });
});

describe("time left and markers", () => {
  const dueAt = at("2020-10-22 23:59:59");
  it("counts the working days left after today", () => {
    expect(timeLeft(calendar, at("2020-10-20 09:00"), dueAt, "working_days")).toEqual({
      kind: "working_days",
      overdue: false,
      days: 2,
    });
    expect(timeLeft(calendar, at("2020-10-22 09:00"), dueAt, "working_days")).toEqual({
      kind: "working_days",
      overdue: false,
      days: 0,
    });
  });
  it("counts working days late", () => {
    expect(timeLeft(calendar, at("2020-10-26 09:00"), dueAt, "working_days")).toEqual({
      kind: "working_days",
      overdue: true,
      days: 2,
    });
  });
  it("counts calendar days", () => {
    expect(timeLeft(calendar, at("2020-10-20 09:00"), dueAt, "calendar_days")).toEqual({
      kind: "calendar_days",
      overdue: false,
      days: 2,
    });
  });
  it("counts hours and minutes", () => {
    expect(timeLeft(calendar, at("2020-10-22 21:29"), dueAt, "hours")).toEqual({
      kind: "hours",
      overdue: false,
      hours: 2,
      minutes: 30,
    });
  });
  it("is green, then yellow from the warning, then red after due", () => {
    const warningAt = at("2020-10-20 23:59:59");
    expect(dueMarker(at("2020-10-19 10:00"), warningAt, dueAt)).toBe("green");
    expect(dueMarker(at("2020-10-21 10:00"), warningAt, dueAt)).toBe("yellow");
    expect(dueMarker(at("2020-10-23 00:00"), warningAt, dueAt)).toBe("red");
  });
});

describe("properties", () => {
  const startInstant = fc
    .integer({ min: instantFromLocal("2019-01-01").getTime(), max: instantFromLocal("2027-12-31").getTime() })
    .map((ms) => new Date(ms));

  it("a working-day due date always ends on a working day and never precedes the start", () => {
    fc.assert(
      fc.property(startInstant, fc.integer({ min: 1, max: 90 }), (startAt, amount) => {
        const { dueAt } = computeDueAt(calendar, startAt, amount, "working_days");
        expect(calendar.isWorkingDay(localDateOf(dueAt))).toBe(true);
        expect(dueAt.getTime()).toBeGreaterThan(startAt.getTime());
        expect(formatLocalDateTime(dueAt).endsWith("23:59:59")).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("a calendar-day due date always ends on a working day at least N days after the start", () => {
    fc.assert(
      fc.property(startInstant, fc.integer({ min: 1, max: 90 }), (startAt, amount) => {
        const { dueAt } = computeDueAt(calendar, startAt, amount, "calendar_days");
        expect(calendar.isWorkingDay(localDateOf(dueAt))).toBe(true);
        expect(dueAt.getTime()).toBeGreaterThanOrEqual(startAt.getTime() + (amount - 1) * 86_400_000);
      }),
      { numRuns: 500 },
    );
  });

  it("the ladder's steps are in order: warning ≤ due < supervision", () => {
    fc.assert(
      fc.property(
        startInstant,
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom("working_days", "calendar_days", "hours" as const),
        (startAt, amount, unit) => {
          const { dueAt } = computeDueAt(calendar, startAt, amount, unit);
          const steps = ladderInstants(calendar, { startAt, dueAt, amount, unit }, DEFAULT_LADDER);
          expect(steps.warning.getTime()).toBeGreaterThan(startAt.getTime());
          expect(steps.warning.getTime()).toBeLessThanOrEqual(dueAt.getTime());
          expect(steps.supervision.getTime()).toBeGreaterThan(dueAt.getTime());
        },
      ),
      { numRuns: 500 },
    );
  });

  it("with an empty calendar only weekends are days off", () => {
    const weekendsOnly = createWorkCalendar([]);
    fc.assert(
      fc.property(startInstant, fc.integer({ min: 1, max: 30 }), (startAt, amount) => {
        const { dueAt } = computeDueAt(weekendsOnly, startAt, amount, "working_days");
        const weekday = new Date(dueAt.getTime() + 8 * 3600_000).getUTCDay();
        expect(weekday).not.toBe(0);
        expect(weekday).not.toBe(6);
      }),
    );
  });
});

describe("warningIsPassed", () => {
  const due = new Date("2026-03-23T15:59:59.999Z");
  it("passes over a warning reached at or after the due instant, and only a warning", () => {
    expect(warningIsPassed("warning", due, new Date(due.getTime() - 1))).toBe(false);
    expect(warningIsPassed("warning", due, due)).toBe(true);
    expect(warningIsPassed("warning", due, new Date(due.getTime() + 86_400_000))).toBe(true);
    expect(warningIsPassed("overdue", due, new Date(due.getTime() + 86_400_000))).toBe(false);
    expect(warningIsPassed("supervision", due, new Date(due.getTime() + 86_400_000))).toBe(false);
  });
});
