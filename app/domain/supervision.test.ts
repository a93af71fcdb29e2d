import { describe, expect, it } from "vitest";
import { addLocalDays, localDateOf, localDaysBetween, startOfLocalDay } from "./local-time";
import { latenessBoundaries, latenessBucket } from "./supervision";

describe("days-late buckets", () => {
  it("name 0–1, 2–3, 4–7, 8–15 and 16 or more calendar days late", () => {
    expect([0, 1, 2, 3, 4, 7, 8, 15, 16, 400].map(latenessBucket)).toEqual([
      "1",
      "1",
      "2-3",
      "2-3",
      "4-7",
      "4-7",
      "8-15",
      "8-15",
      "16+",
      "16+",
    ]);
  });

  it("as instants, put every due instant in the bucket its days late name", () => {
    const today = "2026-03-20";
    const boundaries = latenessBoundaries(today);
    const bucketOf = (dueAt: Date) => boundaries.find((b) => b.dueBefore === null || dueAt < b.dueBefore)!.key;
    for (let days = 0; days <= 40; days += 1) {
      const day = addLocalDays(today, -days);
      // The first and the last millisecond of the day the case fell due.
      for (const dueAt of [startOfLocalDay(day), new Date(startOfLocalDay(addLocalDays(day, 1)).getTime() - 1)]) {
        expect(bucketOf(dueAt), `${day}`).toBe(latenessBucket(localDaysBetween(localDateOf(dueAt), today)));
      }
    }
  });
});
