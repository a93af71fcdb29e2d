import { type Transaction, prisma } from "~/db.server";
import type { WorkCalendar } from "~/domain/calendar";
import type { IntakeFields } from "~/domain/case-commands";
import {
  type DerivedDeadlineFields,
  type MilestoneFacts,
  deriveDeadlineFields,
  disagreeingFields,
} from "~/domain/case-deadlines";
import { type MilestonePlan, capPlan, planMilestone } from "~/domain/deadlines";
import { type DeadlinePolicy, type MilestoneStart, selectPolicy } from "~/domain/policies";
import { logger } from "~/logger.server";
import { InputError } from "../errors";

/** Milestones and their deadlines, as the case service stores them (docs/domain.md, "Deadlines"). */

export function policyFor(policies: DeadlinePolicy[], fields: IntakeFields): DeadlinePolicy {
  const policy = selectPolicy(policies, fields);
  // A receipt time before every policy version (a typo such as 1900) is the user's to correct.
  if (!policy) throw new InputError({ receivedAt: "noPolicy" });
  return policy;
}

/**
 * The milestones of `policy` that count from `start`, planned from `startAt` for handling round `round`;
 * the conclusion no later than `concludeBy` (a transferring platform's deadline) where one is given.
 */
export function milestoneRows(
  calendar: WorkCalendar,
  policy: DeadlinePolicy,
  start: MilestoneStart,
  startAt: Date,
  round: number,
  only?: (milestone: string) => boolean,
  concludeBy: Date | null = null,
) {
  return policy.rules.milestones
    .filter((rule) => rule.from === start && (!only || only(rule.milestone)))
    .map((rule) => {
      const planned = planMilestone(calendar, startAt, rule.amount, rule.unit, policy.rules.ladder);
      const plan = rule.milestone === "conclude" ? capPlan(calendar, planned, concludeBy, policy.rules.ladder) : planned;
      warnAboutMissingCalendar(plan);
      return { round, milestone: rule.milestone, ...storedPlan(plan) };
    });
}

export function storedPlan(plan: MilestonePlan) {
  return {
    startAt: plan.startAt,
    amount: plan.amount,
    unit: plan.unit,
    dueAt: plan.dueAt,
    warningAt: plan.warningAt,
    supervisionAt: plan.supervisionAt,
    nextStep: "warning",
    nextStepAt: plan.warningAt,
  };
}

export function warnAboutMissingCalendar(plan: MilestonePlan) {
  if (plan.missingCalendarYears.length > 0) {
    logger.warn({ years: plan.missingCalendarYears }, "holiday calendar missing; counted weekends only");
  }
}

const FACTS = {
  caseId: true,
  round: true,
  milestone: true,
  status: true,
  warningAt: true,
  dueAt: true,
  metAt: true,
  nextStep: true,
} as const;
const STORED = { id: true, round: true, nextDueAt: true, nextWarningAt: true, dueAt: true, overdue: true } as const;

/** Each case's derived deadline fields as stored, and as its milestones derive them now. */
async function derivationsOf(db: Transaction, caseIds: number[]) {
  const [cases, milestones] = await Promise.all([
    db.case.findMany({ where: { id: { in: caseIds } }, select: STORED }),
    db.caseMilestone.findMany({ where: { caseId: { in: caseIds } }, select: FACTS }),
  ]);
  const byCase = new Map<number, MilestoneFacts[]>();
  for (const milestone of milestones) byCase.set(milestone.caseId, [...(byCase.get(milestone.caseId) ?? []), milestone]);
  return cases.map((stored) => ({ stored, derived: deriveDeadlineFields(stored.round, byCase.get(stored.id) ?? []) }));
}

/**
 * Keeps the cases' derived deadline fields (app/domain/case-deadlines.ts) in step with their milestones,
 * inside the caller's transaction: the one writer of those fields after a case exists. Cases whose
 * fields already agree are not written; the rest are written in one statement per distinct change.
 */
export async function refreshDerivedDeadlines(tx: Transaction, caseIds: number[]) {
  const changes = new Map<string, { data: Partial<DerivedDeadlineFields>; ids: number[] }>();
  for (const { stored, derived } of await derivationsOf(tx, [...new Set(caseIds)])) {
    const fields = disagreeingFields(stored, derived);
    if (fields.length === 0) continue;
    const data = Object.fromEntries(fields.map((field) => [field, derived[field]])) as Partial<DerivedDeadlineFields>;
    const key = JSON.stringify(data);
    const change = changes.get(key) ?? { data, ids: [] };
    change.ids.push(stored.id);
    changes.set(key, change);
  }
  for (const { data, ids } of changes.values()) await tx.case.updateMany({ where: { id: { in: ids } }, data });
}

/**
 * Every case whose stored deadline fields disagree with a fresh derivation from its milestones (for
 * `greenline verify` after an upgrade, and the property test), read in batches by id.
 */
export async function disagreeingDeadlines(batchSize = 2000) {
  const found: {
    caseNo: string;
    fields: (keyof DerivedDeadlineFields)[];
    stored: DerivedDeadlineFields;
    derived: DerivedDeadlineFields;
  }[] = [];
  let checked = 0;
  for (let lastId = 0; ;) {
    const batch = await prisma.case.findMany({
      where: { id: { gt: lastId } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, caseNo: true },
    });
    if (batch.length === 0) break;
    lastId = batch[batch.length - 1].id;
    checked += batch.length;
    const caseNos = new Map(batch.map((c) => [c.id, c.caseNo]));
    for (const { stored, derived } of await derivationsOf(prisma, [...caseNos.keys()])) {
      const fields = disagreeingFields(stored, derived);
      if (fields.length > 0) found.push({ caseNo: caseNos.get(stored.id)!, fields, stored, derived });
    }
  }
  return { checked, found };
}
