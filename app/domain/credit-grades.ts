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

// As evaluation lists write them: the full name, the short one, or the colour's card.
const WRITTEN: Record<string, CreditGrade> = {
  环保诚信: "trustworthy",
  环保诚信企业: "trustworthy",
  诚信: "trustworthy",
  绿牌: "trustworthy",
  环保良好: "good",
  环保良好企业: "good",
  良好: "good",
  蓝牌: "good",
  环保警示: "warned",
  环保警示企业: "warned",
  警示: "warned",
  黄牌: "warned",
  环保不良: "poor",
  环保不良企业: "poor",
  不良: "poor",
  红牌: "poor",
};

export const isCreditGrade = (value: string): value is CreditGrade => (CREDIT_GRADES as readonly string[]).includes(value);

/** A grade as a list or a form writes it (its key, or its Chinese name), or null. */
export function creditGradeOf(text: string): CreditGrade | null {
  const value = text.trim();
  return isCreditGrade(value) ? value : (WRITTEN[value.replace(/\s/g, "")] ?? null);
}

/** The latest grade of a unit's grades, as intake and the case page show beside the respondent. */
export function latestCreditGrade<T extends { year: number }>(grades: readonly T[]): T | null {
  return grades.reduce<T | null>((latest, grade) => (latest === null || grade.year > latest.year ? grade : latest), null);
}
