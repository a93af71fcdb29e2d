import type { Transaction } from "~/db.server";
import type { WorkCalendar } from "~/domain/calendar";
import type { DERIVED_DEADLINE_FIELDS } from "~/domain/case-deadlines";
import { type DeadlinePolicy, type Milestone, fieldMilestonesMetBy } from "~/domain/policies";
import type { CaseActor } from "~/domain/roles";
import type { CaseAction, CaseSnapshot } from "~/domain/workflow";
import type { CaseChangeOf } from "~/forms/case-actions";
import type { Prisma } from "~/generated/prisma/client";
import { ActionNotAllowedError, InputError } from "../../errors";
import { endHold } from "./holds.server";

/** The case as `changeCase` loads it: open milestones, pending extensions, unacknowledged instructions, policy. */
export const CASE_FOR_CHANGE = {
  milestones: { where: { status: "open" } },
  extensions: { where: { status: "pending" } },
  instructions: { where: { acknowledgedAt: null } },
  attachments: { where: { withdrawnAt: null }, select: { withdrawnAt: true } },
  transfersOut: { select: { id: true, mode: true, delivery: true, repliedAt: true, remoteCaseNo: true } },
  returns: { where: { decidedAt: null } },
  assignments: { where: { endedAt: null } },
  assisting: true,
  policy: true,
} satisfies Prisma.CaseInclude;

export type LoadedCase = Prisma.CaseGetPayload<{ include: typeof CASE_FOR_CHANGE }>;

/** What one action's handler works with, inside the change's transaction. */
export interface ChangeContext {
  tx: Transaction;
  actor: CaseActor;
  record: LoadedCase;
  /** The case as the rules see it, before the change. */
  snapshot: CaseSnapshot;
  now: Date;
  calendar: WorkCalendar;
  policy: DeadlinePolicy;
}

/**
 * The fields of the case an action changes. The version is the dispatcher's; the state is the rule
 * table's (nextState in app/domain/workflow.ts); the deadline fields are derived from the milestones.
 */
export type CaseUpdate = Omit<
  Prisma.CaseUncheckedUpdateManyInput,
  "version" | "state" | (typeof DERIVED_DEADLINE_FIELDS)[number]
>;

export interface ChangeEffect {
  caseUpdate: CaseUpdate;
  /** Details for the audit event beyond the case's changed fields. */
  auditDetails?: Record<string, unknown>;
  /** The webhook events of its notifications, to queue after commit. */
  webhookEventId?: string | null | readonly (string | null)[];
}

/** What carries out one action: writes its own rows, returns what changes on the case. */
export type CaseActionHandler<A extends CaseAction> = (context: ChangeContext, change: CaseChangeOf<A>) => Promise<ChangeEffect>;

/** The handlers of a family of actions. */
export type CaseActionHandlers<A extends CaseAction> = { [K in A]: CaseActionHandler<K> };

/**
 * The member of staff taking a step that only staff can take (the workflow's rules already keep the
 * complainant out of it): their user id, for the rows that name who did it.
 */
export function staffIdOf(actor: CaseActor, action: string): number {
  if (actor.id === null) throw new ActionNotAllowedError(action);
  return actor.id;
}

/**
 * Text the action cannot do without. The forms check it too; this is the service's own check for
 * callers without a form (seeding, the CLI, tests).
 */
export function requireText(field: string, value: string | undefined) {
  if (!value || value.trim() === "") throw new InputError({ [field]: "required" });
  return value.trim();
}

export async function closeOpenMilestones(
  context: ChangeContext,
  status: "met" | "cancelled",
  only?: (milestone: string) => boolean,
) {
  await context.tx.caseMilestone.updateMany({
    where: {
      caseId: context.record.id,
      status: "open",
      ...(only ? { milestone: { in: context.record.milestones.map((m) => m.milestone).filter(only) } } : {}),
    },
    data: { status, metAt: context.now },
  });
}

/** The urgent field milestones this step meets (docs/domain.md "Urgent work orders in hours"). */
export async function meetFieldMilestones(context: ChangeContext, action: string) {
  const met = fieldMilestonesMetBy(action, context.actor.role);
  if (met.length > 0) await closeOpenMilestones(context, "met", (m) => met.includes(m as Milestone));
}

export function currentMilestone(context: ChangeContext, name: string) {
  return context.record.milestones.find((m) => m.milestone === name && m.round === context.record.round);
}

/** Concluding: the conclusion milestone is met (on time or not), the rest cancelled, pending extensions refused. */
export async function stopTheClock(context: ChangeContext) {
  const { tx, record, now } = context;
  await closeOpenMilestones(context, "met", (m) => m === "conclude");
  await closeOpenMilestones(context, "cancelled");
  await tx.extension.updateMany({
    where: { caseId: record.id, status: "pending" },
    data: { status: "refused", decidedAt: now, decisionNote: "concluded" },
  });
  // The unit's hold ends with the case's conclusion (docs/domain.md "Figures units are ranked by").
  await endHold(context, "concluded");
  return { concludedAt: now };
}

/** A new handling round (reopening, review): open again (its state is the rule table's). */
export function newRound(round: number) {
  return {
    round,
    concludedAt: null,
    closedAt: null,
    // A new answer is rated afresh.
    satisfaction: null,
    satisfactionSource: null,
    satisfactionComment: null,
  };
}
