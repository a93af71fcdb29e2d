import type { DeadlineUnit } from "./deadlines";

/**
 * Returns and the desk's decision on them (退单与裁定, docs/domain.md "Returns are decided"): a unit that
 * returns a case says why and may name who should handle it; the return waits for the desk's decision on
 * its own clock; a case bounced too often is a problem case (问题工单) until the desk sets its lead unit.
 */

/** Why a unit returns a case. */
export const RETURN_GROUNDS = ["notOurDuty", "notOurArea", "otherDepartment", "other"] as const;
export type ReturnGround = (typeof RETURN_GROUNDS)[number];

/**
 * The desk's decision: the assignment stands (the returning unit goes on, its case's clocks never
 * stopped), another unit handles it, or a lead unit (主办单位) is set, which may not return it again.
 */
export const RETURN_DECISIONS = ["uphold", "reassign", "lead"] as const;
export type ReturnDecision = (typeof RETURN_DECISIONS)[number];

/** The decision's clock when the case's policy names none: one working day (policy). */
export const DEFAULT_RETURN_DECISION_LIMIT: { amount: number; unit: DeadlineUnit } = { amount: 1, unit: "working_days" };

/** The count of returns, or of changes of handling unit without a lead unit, that makes a problem case. */
export const PROBLEM_CASE_AT = 3;

/** The unit the decision gives the case to: the returning one when upheld, the one chosen otherwise. */
export function unitOfDecision(decision: ReturnDecision, returningUnitId: number, chosenUnitId: number | null): number | null {
  if (decision === "uphold") return returningUnitId;
  return chosenUnitId;
}

/**
 * What is wrong with a decision, as the field it concerns (null: nothing): a reassignment names another
 * unit than the returning one, a lead unit names a unit.
 */
export function decisionProblem(
  decision: ReturnDecision,
  returningUnitId: number,
  chosenUnitId: number | null,
): "assigneeId" | null {
  if (decision === "uphold") return null;
  if (chosenUnitId === null) return "assigneeId";
  if (decision === "reassign" && chosenUnitId === returningUnitId) return "assigneeId";
  return null;
}

/** How a case has moved between units: what makes it a problem case. */
export interface HandlingChain {
  /** Returns of the case by any unit, in any round. */
  returns: number;
  /** Times the desk gave the case to another unit than the one that held it. */
  unitChanges: number;
  /** The lead unit the desk set, if it still holds the case. */
  leadUnitId: number | null;
}

/** The third return, or the third change of unit without a lead unit (docs/domain.md "Problem cases"). */
export function isProblemCase(chain: HandlingChain): boolean {
  if (chain.leadUnitId !== null) return false;
  return chain.returns >= PROBLEM_CASE_AT || chain.unitChanges >= PROBLEM_CASE_AT;
}

/** Whether giving the case to `nextUnitId` changes its handling unit (a first assignment does not). */
export function changesUnit(previousUnitId: number | null, nextUnitId: number): boolean {
  return previousUnitId !== null && previousUnitId !== nextUnitId;
}

/**
 * The lead unit after the case is given to `unitId`: the unit itself when the desk sets it as lead, the
 * lead kept when the lead unit keeps the case, none when another unit takes it.
 */
export function leadUnitAfter(currentLeadId: number | null, unitId: number, setsLead: boolean): number | null {
  if (setsLead) return unitId;
  return currentLeadId === unitId ? currentLeadId : null;
}
