import { describe, expect, it } from "vitest";
import { officialCalendar } from "../../tests/support/holidays";
import { dueWithPauses, mayPauseOn, minutesBetween, pausedAmount } from "./clock-pauses";
import { formatLocalDateTime, parseLocalDateTime } from "./local-time";

const calendar = officialCalendar();
const at = (text: string) => parseLocalDateTime(text)!;

describe("the days a pause adds", () => {
  it("on a working-day clock, the National Day week of 2025 adds nothing but the day of resumption", () => {
    // Paused Tue 30 Sep; 1–8 Oct are the holiday; resumed Thu 9 Oct, which is not counted: one day added.
    expect(pausedAmount(calendar, "working_days", at("2025-09-30 10:00"), at("2025-10-09 09:00"))).toBe(1);
  });

  it("a make-up working day inside a pause is added like any working day", () => {
    // Paused Fri 10 Oct 2025; Sat 11 Oct is a make-up working day, Sun 12 is not; resumed Mon 13 Oct.
    expect(pausedAmount(calendar, "working_days", at("2025-10-10 15:00"), at("2025-10-13 09:00"))).toBe(2);
  });

  it("on a calendar-day clock every day counts, holidays too", () => {
    expect(pausedAmount(calendar, "calendar_days", at("2025-09-30 10:00"), at("2025-10-09 09:00"))).toBe(9);
  });

  it("a pause within one day adds nothing; an hour clock does not pause", () => {
    expect(pausedAmount(calendar, "working_days", at("2025-09-29 09:00"), at("2025-09-29 17:00"))).toBe(0);
    expect(() => pausedAmount(calendar, "hours", at("2025-09-29 09:00"), at("2025-09-30 09:00"))).toThrow(RangeError);
  });
});

describe("a deadline with its pauses", () => {
  it("counts the added days on from the deadline like an extension, across the make-up Sunday and the holiday", () => {
    // 15 working days from Mon 22 Sep 2025: the make-up Sun 28 Sep and Sat 11 Oct count, 1–8 Oct do not.
    const milestone = { startAt: at("2025-09-22 09:00"), amount: 15, unit: "working_days" as const, extendedBy: 0 };
    expect(formatLocalDateTime(dueWithPauses(calendar, { ...milestone, pausedBy: 0 }).dueAt)).toBe("2025-10-17 23:59:59");
    expect(formatLocalDateTime(dueWithPauses(calendar, { ...milestone, pausedBy: 1 }).dueAt)).toBe("2025-10-20 23:59:59");
    expect(formatLocalDateTime(dueWithPauses(calendar, { ...milestone, extendedBy: 2, pausedBy: 1 }).dueAt)).toBe(
      "2025-10-22 23:59:59",
    );
  });

  it("a ledger's fixed deadline is the base the pause adds to", () => {
    const milestone = { startAt: at("2025-09-22 09:00"), amount: 15, unit: "working_days" as const, extendedBy: 0, pausedBy: 1 };
    expect(formatLocalDateTime(dueWithPauses(calendar, milestone, at("2025-10-10 23:59:59")).dueAt)).toBe("2025-10-11 23:59:59");
  });
});

describe("which kinds may pause on which ground", () => {
  it("petitions on an appraisal or a hearing, complaints on testing, mediations when the parties agree", () => {
    expect(mayPauseOn("petition", "hearing")).toBe(true);
    expect(mayPauseOn("petition", "appraisal")).toBe(true);
    expect(mayPauseOn("complaint", "appraisal")).toBe(true);
    expect(mayPauseOn("complaint", "hearing")).toBe(false);
    expect(mayPauseOn("mediation", "partiesAgreed")).toBe(true);
    expect(mayPauseOn("mediation", "appraisal")).toBe(false);
  });

  it("paused time is kept in whole minutes", () => {
    expect(minutesBetween(at("2025-10-10 15:00"), at("2025-10-13 09:00"))).toBe(66 * 60);
    expect(minutesBetween(at("2025-10-13 09:00"), at("2025-10-10 15:00"))).toBe(0);
  });
});
