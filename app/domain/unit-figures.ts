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

/** One hold, as the figures read it. */
export interface HoldFacts {
  unitId: number;
  answerDueAt: Date;
  signedForAt: Date | null;
  endedAt: Date | null;
  endReason: string | null;
  submissions: number;
  sendBacks: number;
}

/** When the unit answered the assignment: by signing for it, or by returning it, whichever came first. */
export function answeredAt(hold: HoldFacts): Date | null {
  const returnedAt = hold.endReason === "returned" ? hold.endedAt : null;
  const candidates = [hold.signedForAt, returnedAt].filter((date): date is Date => date !== null);
  return candidates.length === 0 ? null : new Date(Math.min(...candidates.map((date) => date.getTime())));
}

/** One case the unit concluded in the period, as the figures read it. */
export interface ConclusionFacts {
  unitId: number;
  kind: string;
  onTime: boolean;
  /** Returned, sent back by the desk or reopened at any time before this conclusion. */
  returnedSentBackOrReopened: boolean;
  satisfaction: string | null;
  /** A complaint about the same registered unit and category arrived within REPEAT_COMPLAINT_DAYS after it. */
  repeated: boolean;
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

/**
 * Every unit's figures. `now` decides which assignments can be judged for signing: one not answered
 * while its deadline has not passed yet is left out of that rate (it may still be answered in time).
 */
export function unitFigures(
  unitIds: readonly number[],
  holds: readonly HoldFacts[],
  conclusions: readonly ConclusionFacts[],
  now: Date,
): UnitFigures[] {
  return unitIds.map((unitId) => {
    const own = holds.filter((hold) => hold.unitId === unitId);
    const answers = own.map(answeredAt);
    const judged = own.filter((hold, index) => answers[index] !== null || hold.answerDueAt.getTime() < now.getTime());
    const inTime = own.filter((hold, index) => {
      const at = answers[index];
      return at !== null && at.getTime() <= hold.answerDueAt.getTime();
    });
    const concluded = conclusions.filter((item) => item.unitId === unitId);
    const followedUp = concluded.filter((item) => item.satisfaction !== null);
    const complaints = concluded.filter((item) => item.kind === "complaint");
    const sum = (pick: (hold: HoldFacts) => number) => own.reduce((total, hold) => total + pick(hold), 0);
    return {
      unitId,
      assignments: own.length,
      concluded: concluded.length,
      rates: {
        signedInTime: rate(inTime.length, judged.length),
        concludedOnTime: rate(concluded.filter((item) => item.onTime).length, concluded.length),
        firstTime: rate(concluded.filter((item) => !item.returnedSentBackOrReopened).length, concluded.length),
        returned: rate(own.filter((hold) => hold.endReason === "returned").length, own.length),
        sentBack: rate(
          sum((hold) => hold.sendBacks),
          sum((hold) => hold.submissions),
        ),
        followedUp: rate(followedUp.length, concluded.length),
        satisfied: rate(followedUp.filter((item) => item.satisfaction !== "不满意").length, followedUp.length),
        repeated: rate(complaints.filter((item) => item.repeated).length, complaints.length),
      },
    };
  });
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
