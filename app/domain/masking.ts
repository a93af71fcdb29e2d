/**
 * A complainant's identity is confidential (环境保护法 art. 57; 信访工作条例 art. 30). Township staff
 * see it masked unless the complainant agreed to disclosure.
 */
export function maskName(name: string): string {
  const characters = Array.from(name.trim());
  if (characters.length === 0) return "";
  return characters[0] + "*".repeat(Math.max(1, characters.length - 1));
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  if (digits.length <= 4) return "*".repeat(digits.length);
  if (digits.length < 8) return "*".repeat(digits.length - 4) + digits.slice(-4);
  return digits.slice(0, 3) + "*".repeat(digits.length - 7) + digits.slice(-4);
}

export interface ComplainantIdentity {
  complainantName: string | null;
  complainantPhone: string | null;
  consentToDisclose: boolean;
}

/** The identity as a viewer may see it; `mustMask` comes from the viewer's role. */
export function identityForViewer<T extends ComplainantIdentity>(record: T, mustMask: boolean): T {
  if (!mustMask || record.consentToDisclose) return record;
  return { ...record, ...maskedIdentityFields(record) };
}

/**
 * The complainant's name and phone among `values` (a case, or a history snapshot that may hold an
 * identity since corrected), masked; fields absent or empty are left out.
 */
export function maskedIdentityFields(values: { complainantName?: unknown; complainantPhone?: unknown }) {
  const masked: { complainantName?: string; complainantPhone?: string } = {};
  if (typeof values.complainantName === "string" && values.complainantName)
    masked.complainantName = maskName(values.complainantName);
  if (typeof values.complainantPhone === "string" && values.complainantPhone)
    masked.complainantPhone = maskPhone(values.complainantPhone);
  return masked;
}

/** Phone numbers are stored as digits only, so that "138-1234 5678" finds "13812345678". */
export function normalizePhone(phone: string): string {
  return phone.replace(/\D/g, "");
}

/** A confidential text (a person's name, a phone number, an address) and what a masked viewer sees instead. */
export interface ConfidentialText {
  text: string;
  masked: string;
}

/**
 * The confidential texts of a case for a viewer who must not see them: the complainant's name and phone
 * (unless they consented) and each person party's name, phone and address. Units' names are not
 * confidential. Texts shorter than two characters are left out, so that masking cannot shred ordinary words.
 */
export function confidentialTexts(
  record: ComplainantIdentity & { parties: { type: string; name: string; phone: string | null; address: string }[] },
): ConfidentialText[] {
  const texts: ConfidentialText[] = [];
  const add = (text: string | null | undefined, masked: (value: string) => string) => {
    const value = text?.trim();
    if (value && Array.from(value).length >= 2) texts.push({ text: value, masked: masked(value) });
  };
  if (!record.consentToDisclose) {
    add(record.complainantName, maskName);
    add(record.complainantPhone, maskPhone);
  }
  for (const party of record.parties) {
    if (party.type === "person") add(party.name, maskName);
    add(party.phone, maskPhone);
    add(party.address, () => "***");
  }
  // Longest first, so that a name inside an address is not masked twice over.
  return texts.sort((a, b) => b.text.length - a.text.length);
}

/** Separators people type inside numbers: spaces (also full-width), hyphens, dots, slashes. */
const SEP = "[ \\t\\u3000\\-－.·/]*";
/** A resident ID number (身份证号): 17 digits and a check character, in any spacing. */
const ID_NUMBER = new RegExp(`(?<![0-9A-Za-z])\\d(?:${SEP}\\d){16}${SEP}[0-9Xx](?![0-9A-Za-z])`, "g");
/** A mainland mobile number, in any spacing or punctuation (138 1234 5678, 138-1234-5678, +86 138…). */
const MOBILE = new RegExp(`(?<!\\d)1[3-9](?:${SEP}\\d){9}(?!\\d)`, "g");
/** A landline with its area code ((023) 4860 0000, 023-48600000). */
const LANDLINE = new RegExp(`(?<!\\d)[(（]?0\\d{2,3}[)）]?${SEP}\\d(?:${SEP}\\d){6,7}(?!\\d)`, "g");

export function maskIdNumber(id: string): string {
  const characters = id.replace(/[^0-9Xx]/g, "");
  return characters.slice(0, 3) + "*".repeat(characters.length - 7) + characters.slice(-4);
}

/**
 * Phone numbers and ID numbers written anywhere in a text, masked as the stored ones are: free text
 * (a description, a note, a result typed by the desk) carries them as often as the fields do.
 */
export function maskIdentityNumbers(text: string, publicNumbers: readonly string[] = []): string {
  const masked = (found: string) => (publicNumbers.includes(normalizePhone(found)) ? found : maskPhone(found));
  return text.replace(ID_NUMBER, maskIdNumber).replace(MOBILE, masked).replace(LANDLINE, masked);
}

/** The numbers of a case that are not anyone's identity: units' (a company's switchboard is public). */
export function publicNumbersOf(record: { parties: { type: string; phone: string | null }[] }): string[] {
  return record.parties.filter((party) => party.type !== "person" && party.phone).map((party) => normalizePhone(party.phone!));
}

export type IdentityInText = "phone" | "idNumber" | "complainantName";

/** What of a person's identity a text contains, for the warning at intake (it stays; townships see it masked). */
export function identitiesInText(text: string, complainantName: string | null): IdentityInText[] {
  const found: IdentityInText[] = [];
  const probe = (pattern: RegExp) => new RegExp(pattern.source).test(text);
  if (probe(MOBILE) || probe(LANDLINE)) found.push("phone");
  if (probe(ID_NUMBER)) found.push("idNumber");
  const name = complainantName?.trim();
  if (name && Array.from(name).length >= 2 && text.includes(name)) found.push("complainantName");
  return found;
}

/**
 * What a masked viewer may see of a value (a history snapshot, a reason, session notes, anything nested
 * in them): every confidential text replaced by its masked form, and every phone or ID number written
 * in it masked.
 */
export function redactConfidential<T>(value: T, texts: ConfidentialText[], publicNumbers: readonly string[] = []): T {
  if (typeof value === "string") {
    let redacted: string = value;
    for (const { text, masked } of texts) redacted = redacted.split(text).join(masked);
    return maskIdentityNumbers(redacted, publicNumbers) as T;
  }
  if (Array.isArray(value)) return value.map((item) => redactConfidential(item, texts, publicNumbers)) as T;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, redactConfidential(item, texts, publicNumbers)]),
    ) as T;
  }
  return value;
}

/**
 * How a viewer who must not see identities sees anything of one case (its fields, history, notes, an
 * exported row): its confidential texts and every phone or ID number masked, units' own numbers kept.
 */
export function redactorFor(record: Parameters<typeof confidentialTexts>[0]) {
  const texts = confidentialTexts(record);
  const publicNumbers = publicNumbersOf(record);
  return <T>(value: T): T => redactConfidential(value, texts, publicNumbers);
}
