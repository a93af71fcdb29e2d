/**
 * Picking one of a short list (a township, a category) by typing instead of by arrow keys
 * (docs/working-pages.md, "The intake by keyboard"): the operator types the name, the name without its 街道/镇,
 * the pinyin initials (永城镇: ycz) or the start of either, and the form reads the one choice meant.
 */

export interface Choice {
  /** What the form sends once resolved: a township's id, a category's code. */
  value: string;
  name: string;
  /** Lower-case pinyin initials of the name, computed on the server. */
  initials: string;
}

const ADMINISTRATIVE_SUFFIX = /(街道|镇|乡)$/;

/** 永城镇 → 永城: how people name a township in speech and in addresses. */
export function nameStem(name: string): string {
  const stem = name.replace(ADMINISTRATIVE_SUFFIX, "");
  return stem.length >= 2 ? stem : name;
}

/** The one choice the text means, or null when it means none or several (三角镇 and 石角镇 are both sjz). */
export function choiceFor(typed: string, choices: readonly Choice[]): Choice | null {
  const text = typed.replace(/\s+/g, "").toLowerCase();
  if (!text) return null;
  const exact =
    choices.find((choice) => choice.value.toLowerCase() === text) ??
    choices.find((choice) => choice.name === text) ??
    only(choices.filter((choice) => nameStem(choice.name) === text)) ??
    only(choices.filter((choice) => choice.initials === text));
  if (exact) return exact;
  return only(choices.filter((choice) => choice.name.startsWith(text) || choice.initials.startsWith(text))) ?? null;
}

/** The choice's name for a value the form holds (an id sent back after a refused submission), else the text itself. */
export function choiceText(value: string | undefined, choices: readonly Choice[]): string {
  if (!value) return "";
  return choices.find((choice) => choice.value === value)?.name ?? value;
}

/**
 * The township an address names (古南街道沱湾路8号, 永城中华村3组), the earliest in the text when it
 * names several; null when it names none.
 */
export function choiceInText(text: string, choices: readonly Choice[]): Choice | null {
  let found: { choice: Choice; at: number; length: number } | null = null;
  for (const choice of choices) {
    for (const name of new Set([choice.name, nameStem(choice.name)])) {
      const at = text.indexOf(name);
      if (at < 0) continue;
      if (!found || at < found.at || (at === found.at && name.length > found.length)) {
        found = { choice, at, length: name.length };
      }
    }
  }
  return found?.choice ?? null;
}

function only<T>(items: T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}
