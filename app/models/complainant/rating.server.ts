import { COMPLAINANT } from "~/domain/roles";
import type { CaseChangeOf } from "~/forms/case-actions";
import { changeCaseAtCurrentVersion } from "../case/service.server";

/**
 * The complainant's rating of the answer from the lookup page (docs/domain.md "Satisfaction"), taken
 * through the case service like any step. The page has checked that this browser proved the case; the
 * complainant never saw a version number, so a change by the desk meanwhile is read and tried again.
 */
export function rateAnswerAsComplainant(caseNo: string, rating: CaseChangeOf<"rateAnswer">, now = new Date()) {
  return changeCaseAtCurrentVersion(COMPLAINANT, caseNo, rating, { now });
}
