import type { DeadlineUnit } from "./deadlines";
import { type LocalDate, addLocalDays, isSupportedYear } from "./local-time";
import { type StatisticsPeriod, percentage, rangePeriod } from "./statistics";

/**
 * The figures handling units are ranked by (考核, docs/domain.md "Figures units are ranked by"): counted per
 * unit from its holds of cases (assignments made in the period) and from the cases it concluded in the
 * period. Pure: the rows come from app/models/statistics/unit-figures.server.ts.
 */

/** How a unit's hold of a case ended. */
export const HOLD_ENDINGS = ["returned", "reassigned", "concluded", "reopened"] as const;
export type HoldEnding = (typeof HOLD_ENDINGS)[number];

/** The unit's time to sign for a case (签收) when the policy names none: one working day (policy). */
export const DEFAULT_SIGN_FOR_LIMIT: { amount: number; unit: DeadlineUnit } = { amount: 1, unit: "working_days" };

/** A second complaint about the same matter within this many days of a conclusion is a repeat (重复投诉). */
export const REPEAT_COMPLAINT_DAYS = 30;

/**
 * One unit's counts for a period, as app/models/statistics/unit-figures.server.ts counts them in SQL
 * (docs/domain.md "Figures units are ranked by"). A hold is answered by signing for it or by returning
 * it, whichever came first; it is judged once answered or once its deadline has passed, and answered in
 * time at or before the deadline.
 */
export interface UnitCounts {
  unitId: number;
  /** Holds of assignments made in the period. */
  assignments: number;
  judged: number;
  answeredInTime: number;
  returned: number;
  submissions: number;
  sendBacks: number;
  /** Complaints and petitions the unit concluded in the period. */
  concluded: number;
  onTime: number;
  /** Never returned, sent back by the desk or reopened before this conclusion. */
  firstTime: number;
  followedUp: number;
  /** Followed up and not 不满意. */
  satisfied: number;
  complaints: number;
  /** Complaints after which another about the same registered unit and category arrived within REPEAT_COMPLAINT_DAYS. */
  repeated: number;
}

/** A rate with the counts behind it. */
export interface Rate {
  part: number;
  whole: number;
  rate: number | null;
}

const rate = (part: number, whole: number): Rate => ({ part, whole, rate: percentage(part, whole) });

export const UNIT_RATES = [
  "signedInTime",
  "concludedOnTime",
  "firstTime",
  "returned",
  "sentBack",
  "followedUp",
  "satisfied",
  "repeated",
] as const;
export type UnitRate = (typeof UNIT_RATES)[number];

export interface UnitFigures {
  unitId: number;
  /** Assignments made to the unit in the period. */
  assignments: number;
  concluded: number;
  rates: Record<UnitRate, Rate>;
}

/** Every unit's figures from its counts, in the order given; a unit without counts has empty rates. */
export function unitFigures(unitIds: readonly number[], counts: readonly UnitCounts[]): UnitFigures[] {
  const byUnit = new Map(counts.map((count) => [count.unitId, count]));
  return unitIds.map((unitId) => {
    const c = byUnit.get(unitId) ?? emptyCounts(unitId);
    return {
      unitId,
      assignments: c.assignments,
      concluded: c.concluded,
      rates: {
        signedInTime: rate(c.answeredInTime, c.judged),
        concludedOnTime: rate(c.onTime, c.concluded),
        firstTime: rate(c.firstTime, c.concluded),
        returned: rate(c.returned, c.assignments),
        sentBack: rate(c.sendBacks, c.submissions),
        followedUp: rate(c.followedUp, c.concluded),
        satisfied: rate(c.satisfied, c.followedUp),
        repeated: rate(c.repeated, c.complaints),
      },
    };
  });
}

export function emptyCounts(unitId: number): UnitCounts {
  return {
    unitId,
    assignments: 0,
    judged: 0,
    answeredInTime: 0,
    returned: 0,
    submissions: 0,
    sendBacks: 0,
    concluded: 0,
    onTime: 0,
    firstTime: 0,
    followedUp: 0,
    satisfied: 0,
    complaints: 0,
    repeated: 0,
  };
}

/** Rates where higher is better; the others (returns, send-backs, repeats) rank the other way. */
const HIGHER_IS_BETTER: Record<UnitRate, boolean> = {
  signedInTime: true,
  concludedOnTime: true,
  firstTime: true,
  returned: false,
  sentBack: false,
  followedUp: true,
  satisfied: true,
  repeated: false,
};

/**
 * Units ranked by one rate, best first; units without a figure (nothing to divide by) last, then by the
 * order given (the townships' own order).
 */
export function rankBy<T extends UnitFigures>(figures: readonly T[], by: UnitRate): T[] {
  const sign = HIGHER_IS_BETTER[by] ? -1 : 1;
  return figures
    .map((figure, index) => ({ figure, index }))
    .sort((a, b) => {
      const [x, y] = [a.figure.rates[by].rate, b.figure.rates[by].rate];
      if (x === null || y === null) return x === y ? a.index - b.index : x === null ? 1 : -1;
      return x === y ? a.index - b.index : sign * (x - y);
    })
    .map(({ figure }) => figure);
}

export const isUnitRate = (value: unknown): value is UnitRate => UNIT_RATES.includes(value as UnitRate);

/** A ranking's period: a month (`2026-11`), a quarter (`2026-Q4`) or a year (`2026`), in Shanghai time. */
export interface RankingPeriod {
  key: string;
  granularity: "month" | "quarter" | "year";
  period: StatisticsPeriod;
}

export const RANKING_GRANULARITIES = ["month", "quarter", "year"] as const;

/** The period a key names, or null for anything else (the page answers 400). */
export function rankingPeriod(key: string): RankingPeriod | null {
  const match = /^(\d{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])))?$/.exec(key);
  if (!match || !isSupportedYear(Number(match[1]))) return null;
  const year = Number(match[1]);
  const [firstMonth, months, granularity] = match[2]
    ? [Number(match[2]), 1, "month" as const]
    : match[3]
      ? [(Number(match[3]) - 1) * 3 + 1, 3, "quarter" as const]
      : [1, 12, "year" as const];
  const lastMonth = firstMonth + months - 1;
  const last = lastMonth === 12 ? `${year}-12-31` : addLocalDays(`${year}-${String(lastMonth + 1).padStart(2, "0")}-01`, -1);
  return { key, granularity, period: rangePeriod(`${year}-${String(firstMonth).padStart(2, "0")}-01`, last) };
}

/** The key of the month, quarter or year that contains a day. */
export function rankingKeyOf(day: LocalDate, granularity: RankingPeriod["granularity"]): string {
  const [year, month] = [day.slice(0, 4), Number(day.slice(5, 7))];
  if (granularity === "year") return year;
  if (granularity === "quarter") return `${year}-Q${Math.ceil(month / 3)}`;
  return day.slice(0, 7);
}
