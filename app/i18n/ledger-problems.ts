import type { CreditCodeProblem } from "~/domain/credit-code";
import type { UnitProblem } from "~/domain/enterprise-register";
import type { LedgerProblem } from "~/domain/ledger";
import { t, tKey } from "./index";

/** `第 3 行，受理时间 列：无法识别的日期或时间（2020-13-01）` */
export function describeLedgerProblem(problem: LedgerProblem): string {
  const message = tKey("ledger.problem", problem.problem) + (problem.value ? `（${problem.value}）` : "");
  if (problem.row === 0) return t("ledger.problemInFile", { message });
  return t("ledger.problemAt", { row: problem.row, column: problem.column || "—", message });
}

/** Why a unified social credit code is refused, in the words of GB 32100-2015. */
export function describeCreditCodeProblem(problem: CreditCodeProblem): string {
  switch (problem.problem) {
    case "length":
      return t("register.code.length", { length: problem.length });
    case "character":
      return t("register.code.character", { position: problem.position, character: problem.character });
    case "division":
      return t("register.code.division", { position: problem.position, character: problem.character });
    case "organizationCheck":
      return t("register.code.organizationCheck", { expected: problem.expected, found: problem.found });
    case "checkCharacter":
      return t("register.code.checkCharacter", { expected: problem.expected, found: problem.found });
  }
}

/** `第 3 行，统一社会信用代码 列：第 18 位校验码应为 3，这里是 4` */
export function describeUnitProblem(problem: UnitProblem): string {
  const detail = problem.codeProblem
    ? describeCreditCodeProblem(problem.codeProblem)
    : problem.firstRow
      ? t("register.problem.duplicateCreditCodeAt", { code: problem.value ?? "", row: problem.firstRow })
      : tKey("register.problem", problem.problem) + (problem.value ? `（${problem.value}）` : "");
  if (problem.row === 0) return t("ledger.problemInFile", { message: detail });
  return t("ledger.problemAt", { row: problem.row, column: problem.column || "—", message: detail });
}
