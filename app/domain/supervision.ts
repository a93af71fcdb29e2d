import { type LocalDate, addLocalDays, startOfLocalDay } from "./local-time";

/** Days-late buckets of the supervision board, in calendar days past the earliest missed due date. */
export const LATENESS_BUCKETS = [
  { key: "1", min: 0, max: 1 },
  { key: "2-3", min: 2, max: 3 },
  { key: "4-7", min: 4, max: 7 },
  { key: "8-15", min: 8, max: 15 },
  { key: "16+", min: 16, max: Number.POSITIVE_INFINITY },
] as const;

export function latenessBucket(daysLate: number): string {
  return LATENESS_BUCKETS.find((bucket) => daysLate >= bucket.min && daysLate <= bucket.max)!.key;
}

/**
 * The buckets as instants for a day: a case whose due instant is before a bucket's `dueBefore` is at
 * least that bucket's days late (days late ≥ n ⟺ due before the start of the day n − 1 days ago), so
 * the database can count the buckets from the due instants; the latest-starting bucket first.
 */
export function latenessBoundaries(today: LocalDate): { key: string; dueBefore: Date | null }[] {
  return [...LATENESS_BUCKETS].reverse().map((bucket) => ({
    key: bucket.key,
    dueBefore: bucket.min === 0 ? null : startOfLocalDay(addLocalDays(today, 1 - bucket.min)),
  }));
}
