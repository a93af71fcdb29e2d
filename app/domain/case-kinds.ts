export const CASE_KINDS = ["complaint", "petition", "mediation"] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const CASE_NUMBER_PREFIX: Record<CaseKind, string> = {
  complaint: "TS",
  petition: "XF",
  mediation: "TJ",
};

export const URGENCIES = ["normal", "urgent"] as const;
export type Urgency = (typeof URGENCIES)[number];

/** `TS-2026-00001`: prefix of the kind, the year, and the year's sequence padded to five digits. */
export function formatCaseNo(kind: CaseKind, year: number, seq: number): string {
  return `${CASE_NUMBER_PREFIX[kind]}-${year}-${String(seq).padStart(5, "0")}`;
}

const CASE_NO_PATTERN = /^(TS|XF|TJ)-(\d{4})-(\d{5,})$/;
const TYPED_CASE_NO = /^(TS|XF|TJ)[\s\-－—_]*(\d{4})[\s\-－—_]*(\d{5,})$/;

/**
 * A case number as a complainant types it from a receipt or an SMS — lower case, without dashes, with
 * spaces or full-width dashes — in its one spelling (`ts 2026 00001` → `TS-2026-00001`); other text trimmed.
 */
export function typedCaseNo(text: string): string {
  const upper = text.normalize("NFKC").trim().toUpperCase();
  const match = TYPED_CASE_NO.exec(upper);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : upper;
}

export function parseCaseNo(caseNo: string): { kind: CaseKind; year: number; seq: number } | null {
  const match = CASE_NO_PATTERN.exec(caseNo.trim().toUpperCase());
  if (!match) return null;
  const kind = (Object.keys(CASE_NUMBER_PREFIX) as CaseKind[]).find((k) => CASE_NUMBER_PREFIX[k] === match[1])!;
  return { kind, year: Number(match[2]), seq: Number(match[3]) };
}

/** Answers to the follow-up call (回访). */
export const SATISFACTION_LEVELS = ["满意", "基本满意", "不满意"] as const;
export type Satisfaction = (typeof SATISFACTION_LEVELS)[number];
