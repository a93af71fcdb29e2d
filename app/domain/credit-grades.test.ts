import { describe, expect, it } from "vitest";
import { CREDIT_GRADES, CREDIT_GRADE_COLOUR, creditGradeOf, latestCreditGrade } from "./credit-grades";

describe("credit grades", () => {
  it("reads every way an evaluation list writes a grade, and nothing else", () => {
    expect(creditGradeOf("环保诚信企业")).toBe("trustworthy");
    expect(creditGradeOf(" 良好 ")).toBe("good");
    expect(creditGradeOf("环保 警示")).toBe("warned");
    expect(creditGradeOf("红牌")).toBe("poor");
    expect(creditGradeOf("good")).toBe("good");
    expect(creditGradeOf("优秀")).toBeNull();
    expect(creditGradeOf("")).toBeNull();
  });
  it("shows each grade in its own colour", () => {
    expect(CREDIT_GRADES.map((grade) => CREDIT_GRADE_COLOUR[grade])).toEqual(["green", "blue", "yellow", "red"]);
  });
  it("the latest year's grade is the one shown beside a respondent", () => {
    expect(
      latestCreditGrade([
        { year: 2024, grade: "good" },
        { year: 2025, grade: "poor" },
        { year: 2023, grade: "warned" },
      ]),
    ).toEqual({
      year: 2025,
      grade: "poor",
    });
    expect(latestCreditGrade([])).toBeNull();
  });
});
