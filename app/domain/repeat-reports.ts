/**
 * Repeat-report warnings (集中重复举报, docs/domain.md "Repeat-report warnings"): reports about one
 * registered unit that reach a threshold within a window of days warn the desk and the leaders once per
 * window. Pure rules; the register module applies them when a complaint names its unit.
 */

export interface RepeatReportRule {
  /** The report that makes this many within the window raises the warning (default: the third). */
  threshold: number;
  /** The window in days, counted back from the report and, once raised, forward from it. */
  windowDays: number;
}

export const DEFAULT_REPEAT_REPORT_RULE: RepeatReportRule = { threshold: 3, windowDays: 30 };

const DAY_MS = 24 * 60 * 60 * 1000;

/** A report about the unit: its case and when it was received. */
export interface UnitReport {
  caseId: number;
  receivedAt: Date;
}

export type RepeatReportDecision =
  | { kind: "none" }
  /** A warning of the unit is in force at this report: the report joins it, and nobody is told again. */
  | { kind: "join"; warningId: number }
  /** The report makes the threshold: a new warning, its window, and the reports it counts. */
  | { kind: "raise"; raisedAt: Date; windowEndsAt: Date; caseIds: number[] };

/**
 * What one report about a unit does, given the unit's other reports and its warnings: a warning is in force
 * from the report that raised it until `windowDays` later; a report received in that time joins it.
 * Otherwise the reports received in the `windowDays` before it (it included) are counted, and reaching the
 * threshold raises a warning that counts them all.
 */
export function repeatReportDecision(
  rule: RepeatReportRule,
  report: UnitReport,
  others: readonly UnitReport[],
  warnings: readonly { id: number; raisedAt: Date; windowEndsAt: Date }[],
): RepeatReportDecision {
  const at = report.receivedAt.getTime();
  const inForce = warnings.find((warning) => warningInForce(warning, report.receivedAt));
  if (inForce) return { kind: "join", warningId: inForce.id };
  const from = at - rule.windowDays * DAY_MS;
  const counted = others.filter(
    (other) => other.caseId !== report.caseId && other.receivedAt.getTime() > from && other.receivedAt.getTime() <= at,
  );
  if (counted.length + 1 < rule.threshold) return { kind: "none" };
  return {
    kind: "raise",
    raisedAt: report.receivedAt,
    windowEndsAt: new Date(at + rule.windowDays * DAY_MS),
    caseIds: [...counted.map((other) => other.caseId), report.caseId].sort((a, b) => a - b),
  };
}

/** Whether a warning is in force at an instant (the supervision board lists those that are). */
export const warningInForce = (warning: { raisedAt: Date; windowEndsAt: Date }, now: Date) =>
  warning.raisedAt.getTime() <= now.getTime() && now.getTime() < warning.windowEndsAt.getTime();
