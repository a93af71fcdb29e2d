import type { LocalDate } from "~/domain/local-time";
import { type RankingPeriod, type UnitRate, isUnitRate, rankingKeyOf, rankingPeriod } from "~/domain/unit-figures";

/**
 * The ranking's query (`?period=2026-11&by=concludedOnTime`), checked: without a period the month of
 * `today`, without a rate the on-time conclusions; anything else is refused with the catalogue key to say.
 */
export function parseRankingQuery(
  params: URLSearchParams,
  today: LocalDate,
): { ranking: RankingPeriod; by: UnitRate } | { error: "ranking.badPeriod" | "ranking.badRate" } {
  const ranking = rankingPeriod((params.get("period") || rankingKeyOf(today, "month")).trim().toUpperCase());
  const by = params.get("by") || "concludedOnTime";
  if (!ranking) return { error: "ranking.badPeriod" };
  if (!isUnitRate(by)) return { error: "ranking.badRate" };
  return { ranking, by };
}
