/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015) that keys a regulated unit
 * (docs/domain.md, "The enterprise register"): 18 characters from the 31 below (no I, O, S, V, Z).
 *
 * - 1: the registering authority; 2: the kind of body; 3–8: the administrative division (digits);
 * - 9–17: the organization code (GB 11714): eight characters and their own check character;
 * - 18: the check character of the first 17, weights 3^(i-1) mod 31.
 */
export const CREDIT_CODE_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

const WEIGHTS = Array.from({ length: 17 }, (_, index) => 3 ** index % 31);
/** GB 11714's weights for the organization code's eight characters. */
const ORGANIZATION_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type CreditCodeProblem =
  | { problem: "length"; length: number }
  | { problem: "character"; position: number; character: string }
  | { problem: "division"; position: number; character: string }
  | { problem: "organizationCheck"; expected: string; found: string }
  | { problem: "checkCharacter"; expected: string; found: string };

/** A code as people type it: spaces and hyphens dropped, letters in capitals. */
export function normalizeCreditCode(text: string): string {
  return text.replace(/[\s\-－]/g, "").toUpperCase();
}

/** GB 11714: a digit counts as itself and a letter as 10 (A) to 35 (Z). */
function organizationValue(character: string): number {
  return /\d/.test(character) ? Number(character) : character.charCodeAt(0) - 55;
}

/** The organization code's check character (position 17) for its first eight characters. */
export function organizationCheckCharacter(body: string): string {
  const sum = Array.from(body).reduce(
    (total, character, index) => total + organizationValue(character) * ORGANIZATION_WEIGHTS[index],
    0,
  );
  const check = 11 - (sum % 11);
  return check === 10 ? "X" : check === 11 ? "0" : String(check);
}

/** The code's check character (position 18) for its first seventeen. */
export function creditCheckCharacter(first17: string): string {
  const sum = Array.from(first17).reduce(
    (total, character, index) => total + CREDIT_CODE_CHARACTERS.indexOf(character) * WEIGHTS[index],
    0,
  );
  return CREDIT_CODE_CHARACTERS[(31 - (sum % 31)) % 31];
}

/** Why a code is not a valid unified social credit code, or null when it is. Expects a normalized code. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  const characters = Array.from(code);
  if (characters.length !== 18) return { problem: "length", length: characters.length };
  for (const [index, character] of characters.entries()) {
    if (!CREDIT_CODE_CHARACTERS.includes(character)) return { problem: "character", position: index + 1, character };
  }
  for (let index = 2; index < 8; index += 1) {
    if (!/\d/.test(characters[index])) return { problem: "division", position: index + 1, character: characters[index] };
  }
  const organization = organizationCheckCharacter(code.slice(8, 16));
  if (organization !== code[16]) return { problem: "organizationCheck", expected: organization, found: code[16] };
  const check = creditCheckCharacter(code.slice(0, 17));
  if (check !== code[17]) return { problem: "checkCharacter", expected: check, found: code[17] };
  return null;
}

export const isCreditCode = (code: string) => creditCodeProblem(code) === null;

/**
 * A valid code from its first eight characters and the organization code's eight: both check
 * characters computed. For invented demo and test units, never for real ones.
 */
export function creditCodeFrom(prefix: string, organizationBody: string): string {
  const first17 = `${prefix}${organizationBody}${organizationCheckCharacter(organizationBody)}`;
  return `${first17}${creditCheckCharacter(first17)}`;
}
