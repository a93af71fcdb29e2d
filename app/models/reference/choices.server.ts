import { pinyin } from "pinyin-pro";
import type { Choice } from "~/domain/typed-choice";
import { loadCaseVocabulary } from "./reference-data.server";

// Names rarely change; their initials are computed once per process (pinyin-pro's dictionary stays on the server).
const initialsByName = new Map<string, string>();

/** 永城镇 → ycz: the keys an operator types to pick a name (app/domain/typed-choice.ts). */
export function pinyinInitials(name: string): string {
  let initials = initialsByName.get(name);
  if (initials === undefined) {
    initials = pinyin(name, { pattern: "first", toneType: "none", type: "array", nonZh: "consecutive" })
      .join("")
      .replace(/\s+/g, "")
      .toLowerCase();
    initialsByName.set(name, initials);
  }
  return initials;
}

/** The intake's type-ahead choices: townships by id, categories by code. */
export function intakeChoicesOf(vocabulary: {
  townships: readonly { id: number; name: string }[];
  categories: readonly { code: string; name: string }[];
}): { townships: Choice[]; categories: Choice[] } {
  return {
    townships: vocabulary.townships.map((township) => ({
      value: String(township.id),
      name: township.name,
      initials: pinyinInitials(township.name),
    })),
    categories: vocabulary.categories.map((category) => ({
      value: category.code,
      name: category.name,
      initials: pinyinInitials(category.name),
    })),
  };
}

export type IntakeChoices = ReturnType<typeof intakeChoicesOf>;

/** The choices an intake post is read against: the kept vocabulary's townships and categories. */
export async function loadIntakeChoices(): Promise<IntakeChoices> {
  return intakeChoicesOf(await loadCaseVocabulary());
}
