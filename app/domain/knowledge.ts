import { addLocalDays, type LocalDate } from "./local-time";
import { bigrams } from "./similarity";

/**
 * The knowledge base's search (docs/working-pages.md, "The knowledge base"): Chinese is written without
 * spaces, so a question typed as the caller says it (饭店油烟扰民怎么办) is matched by the character pairs
 * it shares with an entry, not by whole words. The question weighs twice the answer and the rest.
 */
export interface KnowledgeText {
  question: string;
  answer: string;
  department: string;
  legalBasis: string;
}

/** How well an entry answers a query: the share of the query's pairs found in it, question first. */
export function knowledgeScore(query: string, entry: KnowledgeText): number {
  const wanted = [...new Set(bigrams(query))];
  if (wanted.length === 0) return 0;
  const question = new Set(bigrams(entry.question));
  const rest = new Set(bigrams(`${entry.answer} ${entry.department} ${entry.legalBasis}`));
  let score = 0;
  for (const pair of wanted) score += question.has(pair) ? 2 : rest.has(pair) ? 1 : 0;
  return score / (2 * wanted.length);
}

/** Below this, an entry shares too little with the query to be worth reading. */
export const KNOWLEDGE_MATCH = 0.25;

/** The entries that answer a query, best first (ties: the newer first, as given). */
export function rankKnowledge<T extends KnowledgeText>(query: string, entries: readonly T[], limit = 20): T[] {
  return entries
    .map((entry, order) => ({ entry, order, score: knowledgeScore(query, entry) }))
    .filter(({ score }) => score >= KNOWLEDGE_MATCH)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, limit)
    .map(({ entry }) => entry);
}

/** An entry is checked again once a year unless told otherwise. */
export const DEFAULT_REVIEW_DAYS = 365;

export function defaultReviewBy(today: LocalDate): LocalDate {
  return addLocalDays(today, DEFAULT_REVIEW_DAYS);
}

/** Past its review date: listed for the administrator until someone checks and re-dates it. */
export function isPastReview(reviewBy: LocalDate, today: LocalDate): boolean {
  return reviewBy < today;
}
