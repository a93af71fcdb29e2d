/**
 * Environmental credit grades (环境信用评价, docs/domain.md "Credit grades"): one per unit and year, in the
 * four levels of the evaluation, each shown in its colour.
 */
export const CREDIT_GRADES = ["trustworthy", "good", "warned", "poor"] as const;
export type CreditGrade = (typeof CREDIT_GRADES)[number];

/** The colour each grade is published in: green, blue, yellow, red. */
export const CREDIT_GRADE_COLOUR: Record<CreditGrade, "green" | "blue" | "yellow" | "red"> = {
  trustworthy: "green",
  good: "blue",
  warned: "yellow",
  poor: "red",
};

// As evaluation lists write them: the full name, with or without 企业, the short one, or the card's colour.
const WRITTEN_NAMES: Record<CreditGrade, { short: string; card: string }> = {
  trustworthy: { short: "诚信", card: "绿牌" },
  good: { short: "良好", card: "蓝牌" },
  warned: { short: "警示", card: "黄牌" },
  poor: { short: "不良", card: "红牌" },
};
const WRITTEN = new Map(
  CREDIT_GRADES.flatMap((grade) => {
    const { short, card } = WRITTEN_NAMES[grade];
    return [`环保${short}`, `环保${short}企业`, short, card].map((name) => [name, grade] as const);
  }),
);

export const isCreditGrade = (value: string): value is CreditGrade => (CREDIT_GRADES as readonly string[]).includes(value);

/** A grade as a list or a form writes it (its key, or its Chinese name), or null. */
export function creditGradeOf(text: string): CreditGrade | null {
  const value = text.trim();
  return isCreditGrade(value) ? value : (WRITTEN.get(value.replace(/\s/g, "")) ?? null);
}

/** The latest grade of a unit's grades, as intake and the case page show beside the respondent. */
export function latestCreditGrade<T extends { year: number }>(grades: readonly T[]): T | null {
  return grades.reduce<T | null>((latest, grade) => (latest === null || grade.year > latest.year ? grade : latest), null);
}
