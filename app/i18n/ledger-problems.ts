import type { LedgerProblem } from "~/domain/ledger";
import { t, tKey } from "./index";

/** `第 3 行，受理时间 列：无法识别的日期或时间（2020-13-01）` */
export function describeLedgerProblem(problem: LedgerProblem): string {
  const message = tKey("ledger.problem", problem.problem) + (problem.value ? `（${problem.value}）` : "");
  if (problem.row === 0) return t("ledger.problemInFile", { message });
  return t("ledger.problemAt", { row: problem.row, column: problem.column || "—", message });
}
