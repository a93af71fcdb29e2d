/**
 * How alike two short texts are (a subject or an address), for offering possible duplicates.
 * Dice coefficient over character bigrams, which suits Chinese text without word segmentation.
 */
export function bigrams(text: string): string[] {
  const characters = Array.from(text.replace(/[\s\p{P}]/gu, "").toLowerCase());
  if (characters.length < 2) return characters;
  return characters.slice(0, -1).map((character, index) => character + characters[index + 1]);
}

export function textSimilarity(a: string, b: string): number {
  const left = bigrams(a);
  const right = bigrams(b);
  if (left.length === 0 || right.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const gram of left) counts.set(gram, (counts.get(gram) ?? 0) + 1);
  let shared = 0;
  for (const gram of right) {
    const count = counts.get(gram) ?? 0;
    if (count > 0) {
      shared += 1;
      counts.set(gram, count - 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}

export const DUPLICATE_SIMILARITY = 0.5;

/** Similar enough to offer as a possible duplicate: one contains the other, or they share most bigrams. */
export function looksLikeSameReport(a: string, b: string): boolean {
  const left = a.trim();
  const right = b.trim();
  if (left.length < 2 || right.length < 2) return false;
  if (left.includes(right) || right.includes(left)) return true;
  return textSimilarity(left, right) >= DUPLICATE_SIMILARITY;
}
