/**
 * Lead and assisting units (主办/协办, docs/domain.md "Lead and assisting units"): the unit holding a case is
 * its lead; the desk may ask other units to assist, each with its own part, instruction and clock in
 * working days; each assisting unit reads the case as a township reads its own and submits its part once;
 * the lead's result, which may quote the parts, is the case's answer.
 */

/** The working days an assisting unit is given for its part when the desk names none. */
export const DEFAULT_PART_WORKING_DAYS = 5;
export const MAX_PART_WORKING_DAYS = 30;
/** Units one request may ask to assist. */
export const MAX_ASSISTING_UNITS = 10;

/**
 * What is wrong with a request for assistance (null: nothing): no unit, the unit holding the case itself,
 * or a unit already assisting in this round.
 */
export function assistingProblem(
  unitIds: readonly number[],
  handlingUnitId: number | null,
  alreadyAssisting: readonly number[],
): "assistingRequired" | "assistingIsLead" | "assistingAlready" | null {
  if (unitIds.length === 0) return "assistingRequired";
  if (handlingUnitId !== null && unitIds.includes(handlingUnitId)) return "assistingIsLead";
  if (unitIds.some((id) => alreadyAssisting.includes(id))) return "assistingAlready";
  return null;
}

/** A part as the rules see it: whose, and whether submitted. */
export interface PartFacts {
  unitId: number;
  submittedAt: Date | null;
}

/** The unit may still submit its part: it assists in this round and has not submitted. */
export function awaitsPartFrom(parts: readonly PartFacts[], unitId: number | null): boolean {
  return unitId !== null && parts.some((part) => part.unitId === unitId && part.submittedAt === null);
}

/** The units that may read the case besides the one holding it: those assisting in any round. */
export function assistingUnitIds(parts: readonly PartFacts[]): number[] {
  return [...new Set(parts.map((part) => part.unitId))];
}
