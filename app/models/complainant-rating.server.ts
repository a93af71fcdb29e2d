import { prisma } from "~/db.server";
import { COMPLAINANT } from "~/domain/roles";
import type { CaseChangeOf } from "~/forms/case-actions";
import { changeCase } from "./cases.server";
import { CaseNotFoundError, StaleVersionError } from "./errors";

/**
 * The complainant's rating of the answer from the lookup page (docs/domain.md "Satisfaction"), taken
 * through the case service like any step. The page has checked that this browser proved the case; the
 * complainant never saw a version number, so a change by the desk meanwhile is read and tried again.
 */
export async function rateAnswerAsComplainant(caseNo: string, rating: CaseChangeOf<"rateAnswer">, now = new Date()) {
  for (let attempt = 1; ; attempt++) {
    const current = await prisma.case.findUnique({ where: { caseNo }, select: { version: true } });
    if (!current) throw new CaseNotFoundError(caseNo);
    try {
      return await changeCase(COMPLAINANT, caseNo, current.version, rating, { now });
    } catch (error) {
      if (error instanceof StaleVersionError && attempt < 3) continue;
      throw error;
    }
  }
}
