import { prisma, type Transaction } from "~/db.server";
import type { WorkCalendar } from "~/domain/calendar";
import type { CaseChange, IntakeFields, MediationApplication, SessionInput } from "~/domain/case-commands";
import { type CaseKind, formatCaseNo, parseCaseNo } from "~/domain/case-kinds";
import { type DeadlineUnit, type MilestonePlan, isOverdueAt, planExtension, planMilestone } from "~/domain/deadlines";
import { type LocalDate, isLocalDate, localDateOf, startOfLocalDay, yearOf } from "~/domain/local-time";
import { EXTENSION_RULES, REVIEW_ANSWER_DAYS, extensionProblem, reviewProblem } from "~/domain/kind-rules";
import { MEDIATION_OUTCOMES } from "~/domain/statistics";
import { normalizePhone } from "~/domain/masking";
import { type DeadlinePolicy, type MilestoneStart, selectPolicy } from "~/domain/policies";
import type { Actor } from "~/domain/roles";
import {
  type CaseAction,
  type CaseSnapshot,
  type CaseState,
  canViewCase,
  isHandling,
  mayTakeAction,
  nextState,
} from "~/domain/workflow";
import { t } from "~/i18n";
import { logger } from "~/logger.server";
import { diffFields, recordAuditEvent } from "./audit.server";
import { rearmMovedSteps, scheduleCaseDeadlines } from "./deadline-jobs.server";
import { ActionNotAllowedError, CaseInputError, CaseNotFoundError, StaleVersionError } from "./errors";
import { writeTransaction } from "./write-transaction.server";
import { afterNotificationCommit, notifyUsers, recipientsOfInstruction } from "./notifications.server";
import { loadPolicies, loadWorkCalendar, toDomainPolicy } from "./reference.server";

export interface ChangeOptions {
  now?: Date;
  /** Off while seeding or importing in bulk: the worker re-enqueues from the database at start. */
  scheduleJobs?: boolean;
}

async function assertReferencesExist(db: Transaction, fields: Pick<IntakeFields, "channel" | "category" | "townshipId">) {
  const [channel, category, township] = await Promise.all([
    db.channel.findUnique({ where: { code: fields.channel } }),
    db.category.findUnique({ where: { code: fields.category } }),
    db.township.findUnique({ where: { id: fields.townshipId } }),
  ]);
  const errors: Record<string, string> = {};
  if (!channel?.active) errors.channel = "unknownChannel";
  if (!category?.active) errors.category = "unknownCategory";
  if (!township?.active || township.kind !== "township") errors.townshipId = "unknownTownship";
  if (Object.keys(errors).length > 0) throw new CaseInputError(errors);
}

function policyFor(policies: DeadlinePolicy[], fields: IntakeFields): DeadlinePolicy {
  const policy = selectPolicy(policies, fields);
  // A receipt time before every policy version (a typo such as 1900) is the user's to correct.
  if (!policy) throw new CaseInputError({ receivedAt: "noPolicy" });
  return policy;
}

function milestoneRows(
  calendar: WorkCalendar,
  policy: DeadlinePolicy,
  start: MilestoneStart,
  startAt: Date,
  round: number,
  only?: (milestone: string) => boolean,
) {
  return policy.rules.milestones
    .filter((rule) => rule.from === start && (!only || only(rule.milestone)))
    .map((rule) => {
      const plan = planMilestone(calendar, startAt, rule.amount, rule.unit, policy.rules.ladder);
      warnAboutMissingCalendar(plan);
      return { round, milestone: rule.milestone, ...storedPlan(plan) };
    });
}

function storedPlan(plan: MilestonePlan) {
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

function warnAboutMissingCalendar(plan: MilestonePlan) {
  if (plan.missingCalendarYears.length > 0) {
    logger.warn({ years: plan.missingCalendarYears }, "holiday calendar missing; counted weekends only");
  }
}

function earliestDue(milestones: { dueAt: Date }[]): Date | null {
  if (milestones.length === 0) return null;
  return new Date(Math.min(...milestones.map((m) => m.dueAt.getTime())));
}

/**
 * Keeps the case's cached due instants in step with its milestones: the earliest open one (inboxes
 * sort by it) and the current round's conclusion due (statistics judge conclusions against it).
 */
export async function refreshDueCache(tx: Transaction, caseId: number) {
  const { round } = await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { round: true } });
  const milestones = await tx.caseMilestone.findMany({
    where: { caseId, OR: [{ status: "open" }, { round, milestone: "conclude" }] },
    select: { dueAt: true, status: true, round: true, milestone: true },
  });
  const conclude = milestones.find((m) => m.round === round && m.milestone === "conclude");
  await tx.case.update({
    where: { id: caseId },
    data: { nextDueAt: earliestDue(milestones.filter((m) => m.status === "open")), dueAt: conclude?.dueAt ?? null },
  });
}

/** Reserves the next number of the kind and year inside the intake transaction (never reused). */
async function nextCaseNumber(tx: Transaction, kind: CaseKind, year: number) {
  const sequence = await tx.caseSequence.upsert({
    where: { kind_year: { kind, year } },
    create: { kind, year, lastSeq: 1 },
    update: { lastSeq: { increment: 1 } },
  });
  return { year, seq: sequence.lastSeq, caseNo: formatCaseNo(kind, year, sequence.lastSeq) };
}

function normalizedIntake(fields: IntakeFields): IntakeFields {
  return {
    ...fields,
    complainantName: fields.complainantName?.trim() || null,
    complainantPhone: fields.complainantPhone ? normalizePhone(fields.complainantPhone) || null : null,
    subject: fields.subject.trim(),
    address: fields.address.trim(),
    description: fields.description.trim(),
  };
}

/**
 * Logs a new case: numbers it, plans the milestones that count from receipt under the policy in
 * force when it was received, writes the audit event, and schedules its deadline jobs after commit.
 * With `mergeIntoCaseNo` the report is recorded as a repeat of that open case instead.
 */
export async function registerCase(
  actor: Actor,
  input: IntakeFields,
  options: ChangeOptions & { mergeIntoCaseNo?: string | null; mediation?: MediationApplication } = {},
) {
  const now = options.now ?? new Date();
  const fields = normalizedIntake(input);
  if (fields.receivedAt.getTime() > now.getTime() + 60_000) throw new CaseInputError({ receivedAt: "receivedInFuture" });
  const [calendar, policies] = await Promise.all([loadWorkCalendar(), loadPolicies()]);
  const policy = policyFor(policies, fields);

  const created = await writeTransaction(async (tx) => {
    await assertReferencesExist(tx, fields);
    const target = options.mergeIntoCaseNo ? await findMergeTarget(tx, fields.kind, options.mergeIntoCaseNo) : null;
    const number = await nextCaseNumber(tx, fields.kind, yearOf(localDateOf(fields.receivedAt)));
    const milestones = target ? [] : milestoneRows(calendar, policy, "received", fields.receivedAt, 1);
    const mediation = fields.kind === "mediation" ? await mediationData(tx, options.mediation) : null;
    const record = await tx.case.create({
      data: {
        ...fields,
        ...number,
        ...(mediation?.caseData ?? {}),
        state: target ? "merged" : "registered",
        mergedIntoId: target?.id ?? null,
        policyId: policy.id,
        createdById: actor.id,
        createdAt: now,
        nextDueAt: earliestDue(milestones),
        dueAt: milestones.find((m) => m.milestone === "conclude")?.dueAt ?? null,
        milestones: { create: milestones },
      },
    });
    await recordAuditEvent(tx, {
      caseId: record.id,
      actorId: actor.id,
      at: now,
      action: "register",
      after: { ...fields, state: record.state, policy: policy.name, ...(mediation?.audit ?? {}) },
    });
    if (mediation?.related) {
      await recordAuditEvent(tx, {
        caseId: mediation.related.id,
        actorId: actor.id,
        at: now,
        action: "mediationLinked",
        after: { mediation: record.caseNo },
      });
    }
    if (target) {
      await recordAuditEvent(tx, {
        caseId: record.id,
        actorId: actor.id,
        at: now,
        action: "merge",
        after: { mergedInto: target.caseNo },
      });
      await recordRepeatOnTarget(tx, target.id, record.caseNo, actor.id, now);
    }
    return record;
  });
  if (options.scheduleJobs !== false) await scheduleCaseDeadlines(created.id);
  return created;
}

/** A mediation application's own fields: both parties, the claim, and the complaint it came from. */
async function mediationData(tx: Transaction, application: MediationApplication | undefined) {
  if (!application) throw new CaseInputError({ parties: "partiesRequired" });
  const errors: Record<string, string> = {};
  for (const role of ["applicant", "respondent"] as const) {
    const party = application.parties.find((p) => p.role === role);
    if (!party?.name.trim()) errors[`${role}Name`] = "required";
  }
  const claim = application.claim.trim();
  if (!claim) errors.claim = "required";
  const related = application.relatedCaseNo?.trim()
    ? await tx.case.findUnique({
        where: { caseNo: application.relatedCaseNo.trim().toUpperCase() },
        select: { id: true, caseNo: true, kind: true },
      })
    : null;
  if (application.relatedCaseNo?.trim() && related?.kind !== "complaint") errors.relatedCaseNo = "relatedNotComplaint";
  if (Object.keys(errors).length > 0) throw new CaseInputError(errors);
  const parties = application.parties.map((party) => ({
    role: party.role,
    type: party.type,
    name: party.name.trim(),
    phone: party.phone ? normalizePhone(party.phone) || null : null,
    address: party.address.trim(),
  }));
  return {
    caseData: { claim, relatedCaseId: related?.id ?? null, parties: { create: parties } },
    audit: { claim, parties: parties.map((p) => `${p.role}:${p.name}`), relatedCase: related?.caseNo ?? null },
    related,
  };
}

/** The open case a repeat was merged into records the repeat in its own trail. */
function recordRepeatOnTarget(tx: Transaction, targetId: number, repeatCaseNo: string, actorId: number, at: Date) {
  return recordAuditEvent(tx, { caseId: targetId, actorId, at, action: "repeatMerged", after: { repeat: repeatCaseNo } });
}

async function findMergeTarget(tx: Transaction, kind: string, caseNo: string) {
  const target = await tx.case.findUnique({ where: { caseNo: caseNo.trim().toUpperCase() } });
  if (!target || target.kind !== kind || !isHandling(target.state as CaseState)) {
    throw new CaseInputError({ mergeInto: "mergeTargetNotOpen" });
  }
  return target;
}

type LoadedCase = NonNullable<Awaited<ReturnType<typeof loadCaseForChange>>>;

async function loadCaseForChange(db: typeof prisma | Transaction, caseNo: string) {
  return db.case.findUnique({
    where: { caseNo },
    include: {
      milestones: { where: { status: "open" } },
      extensions: { where: { status: "pending" } },
      instructions: { where: { acknowledgedAt: null } },
      policy: true,
    },
  });
}

export function snapshotOf(record: {
  kind: string;
  mediationOutcome: string | null;
  state: string;
  assignedToId: number | null;
  round: number;
  milestones: { milestone: string; status: string; round: number }[];
  extensions: { status: string }[];
  instructions: { acknowledgedAt: Date | null }[];
}): CaseSnapshot {
  return {
    kind: record.kind as CaseKind,
    state: record.state as CaseState,
    hasAgreement: record.mediationOutcome === "agreement",
    assignedToId: record.assignedToId,
    hasPendingExtension: record.extensions.some((extension) => extension.status === "pending"),
    hasOpenRespondMilestone: record.milestones.some(
      (milestone) => milestone.milestone === "respond" && milestone.status === "open" && milestone.round === record.round,
    ),
    hasUnacknowledgedInstruction: record.instructions.some((instruction) => instruction.acknowledgedAt === null),
  };
}

/** Actions that only add to the record; they cannot conflict with another edit. */
const NON_CONFLICTING: readonly CaseAction[] = ["note", "instruct", "acknowledge"];

/**
 * The one way to change a case. Checks that the actor may see the case and take the action now,
 * that the case is still at the version the actor saw, then writes the change and its audit event in
 * one transaction and schedules the case's deadline jobs after commit.
 */
export async function changeCase(
  actor: Actor,
  caseNo: string,
  expectedVersion: number,
  change: CaseChange,
  options: ChangeOptions = {},
) {
  const now = options.now ?? new Date();
  // Not a case number at all (a probe, a NUL that PostgreSQL would refuse): not found, without a query.
  if (!parseCaseNo(caseNo)) throw new CaseNotFoundError(caseNo.slice(0, 30));
  const record = await loadCaseForChange(prisma, caseNo);
  if (!record || !canViewCase(actor, record)) throw new CaseNotFoundError(caseNo, record !== null);
  if (!mayTakeAction(actor, snapshotOf(record), change.action)) throw new ActionNotAllowedError(change.action);
  const checksVersion = !NON_CONFLICTING.includes(change.action);
  if (checksVersion && record.version !== expectedVersion) throw new StaleVersionError();
  const calendar = await loadWorkCalendar();

  const version = checksVersion ? record.version + 1 : record.version;
  const webhookEventId = await writeTransaction(async (tx) => {
    const context: ChangeContext = { tx, actor, record, now, calendar, policy: toDomainPolicy(record.policy) };
    const effect = await applyChange(context, change);
    const state = nextState(snapshotOf(record), change.action);
    const caseUpdate = { ...(state !== record.state ? { state } : {}), ...effect.caseUpdate };
    if (checksVersion) {
      const updated = await tx.case.updateMany({
        where: { id: record.id, version: expectedVersion },
        data: { ...caseUpdate, version: { increment: 1 } },
      });
      if (updated.count === 0) throw new StaleVersionError();
    }
    await refreshDueCache(tx, record.id);
    const audit = diffFields(record as unknown as Record<string, unknown>, caseUpdate);
    await recordAuditEvent(tx, {
      caseId: record.id,
      actorId: actor.id,
      at: now,
      action: change.action,
      reason: "reason" in change ? change.reason : null,
      before: audit.changed ? audit.before : null,
      after: { ...audit.after, ...effect.auditDetails },
    });
    return effect.webhookEventId ?? null;
  });
  await afterNotificationCommit(webhookEventId);
  if (options.scheduleJobs !== false) await scheduleCaseDeadlines(record.id);
  return { caseNo, version };
}

interface ChangeContext {
  tx: Transaction;
  actor: Actor;
  record: LoadedCase;
  now: Date;
  calendar: WorkCalendar;
  policy: DeadlinePolicy;
}

interface ChangeEffect {
  caseUpdate: Record<string, unknown>;
  /** Details for the audit event beyond the case's changed fields. */
  auditDetails?: Record<string, unknown>;
  /** A notification's webhook event to queue after commit. */
  webhookEventId?: string | null;
}

function requireText(field: string, value: string | undefined) {
  if (!value || value.trim() === "") throw new CaseInputError({ [field]: "required" });
  return value.trim();
}

async function closeOpenMilestones(context: ChangeContext, status: "met" | "cancelled", only?: (milestone: string) => boolean) {
  await context.tx.caseMilestone.updateMany({
    where: {
      caseId: context.record.id,
      status: "open",
      ...(only ? { milestone: { in: context.record.milestones.map((m) => m.milestone).filter(only) } } : {}),
    },
    data: { status, metAt: context.now },
  });
}

function currentMilestone(context: ChangeContext, name: string) {
  return context.record.milestones.find((m) => m.milestone === name && m.round === context.record.round);
}

async function applyChange(context: ChangeContext, change: CaseChange): Promise<ChangeEffect> {
  const { tx, record, now, actor } = context;
  switch (change.action) {
    case "edit":
      return applyEdit(context, change.fields);
    case "accept": {
      await closeOpenMilestones(context, "met", (m) => m === "accept");
      const accepted = milestoneRows(context.calendar, context.policy, "accepted", now, record.round);
      for (const row of accepted) await tx.caseMilestone.create({ data: { ...row, caseId: record.id } });
      return { caseUpdate: { acceptedAt: now, ...decisionLetter(context, change.letterDate) } };
    }
    case "reject":
      await closeOpenMilestones(context, "met", (m) => m === "accept");
      await closeOpenMilestones(context, "cancelled");
      return {
        caseUpdate: {
          rejectedAt: now,
          decisionReason: requireText("reason", change.reason),
          ...decisionLetter(context, change.letterDate),
        },
      };
    case "merge": {
      const target = await findMergeTarget(tx, record.kind, change.targetCaseNo);
      if (target.id === record.id) throw new CaseInputError({ mergeInto: "mergeTargetNotOpen" });
      await closeOpenMilestones(context, "cancelled");
      await recordRepeatOnTarget(tx, target.id, record.caseNo, actor.id, now);
      return { caseUpdate: { mergedIntoId: target.id }, auditDetails: { mergedInto: target.caseNo } };
    }
    case "assign": {
      const assignee = await tx.township.findUnique({ where: { id: change.assigneeId } });
      if (!assignee?.active) throw new CaseInputError({ assigneeId: "unknownAssignee" });
      return { caseUpdate: { assignedToId: assignee.id }, auditDetails: { assignedTo: assignee.name } };
    }
    case "return":
      requireText("reason", change.reason);
      return { caseUpdate: { assignedToId: null } };
    case "note":
      return { caseUpdate: {}, auditDetails: { note: requireText("text", change.text) } };
    case "onSite":
      await closeOpenMilestones(context, "met", (m) => m === "respond");
      return { caseUpdate: {}, auditDetails: { note: requireText("text", change.text) } };
    case "submit":
      return { caseUpdate: { resultText: requireText("text", change.text) } };
    case "sendBack":
      requireText("reason", change.reason);
      return { caseUpdate: {} };
    case "requestExtension": {
      requireText("reason", change.reason);
      const milestone = currentMilestone(context, "conclude");
      if (!milestone) throw new ActionNotAllowedError(change.action);
      const approved = await tx.extension.count({ where: { caseId: record.id, round: record.round, status: "approved" } });
      const problem = extensionProblem(record.kind as CaseKind, change.amount, approved);
      if (problem) throw new CaseInputError({ amount: problem });
      await tx.extension.create({
        data: {
          caseId: record.id,
          round: record.round,
          milestone: milestone.milestone,
          amount: change.amount,
          reason: change.reason.trim(),
          requestedById: actor.id,
          requestedAt: now,
        },
      });
      return { caseUpdate: {}, auditDetails: { extensionAmount: change.amount, unit: milestone.unit } };
    }
    case "approveExtension":
      return approveExtension(context, change.note, change.partyNotice);
    case "refuseExtension": {
      const [pending] = record.extensions;
      await tx.extension.update({
        where: { id: pending.id },
        data: { status: "refused", decidedById: actor.id, decidedAt: now, decisionNote: requireText("reason", change.reason) },
      });
      return { caseUpdate: {}, auditDetails: { extensionAmount: pending.amount } };
    }
    case "conclude":
      return { caseUpdate: { replyText: requireText("text", change.text), ...(await stopTheClock(context)) } };
    case "concludeMediation":
      return concludeMediation(context, change);
    case "followUpAgreement":
      return followUpAgreement(context, change);
    case "requestReview":
      return requestReview(context, change.requestedOn, change.text);
    case "session":
      return recordSession(context, change.session);
    case "close":
      return { caseUpdate: { closedAt: now, satisfaction: change.satisfaction ?? null } };
    case "instruct":
      return instruct(context, change.text);
    case "acknowledge":
      return acknowledge(context);
    case "reopen": {
      requireText("reason", change.reason);
      const round = record.round + 1;
      const rows = milestoneRows(context.calendar, context.policy, "received", now, round, (m) => m === "conclude");
      const fromAcceptance = milestoneRows(context.calendar, context.policy, "accepted", now, round, (m) => m === "conclude");
      for (const row of [...rows, ...fromAcceptance]) await tx.caseMilestone.create({ data: { ...row, caseId: record.id } });
      return {
        caseUpdate: newRound(record, round),
        auditDetails: { round },
      };
    }
  }
}

/** Concluding: the conclusion milestone is met (on time or not), the rest cancelled, pending extensions refused. */
async function stopTheClock(context: ChangeContext) {
  const { tx, record, now } = context;
  const conclude = currentMilestone(context, "conclude");
  await closeOpenMilestones(context, "met", (m) => m === "conclude");
  await closeOpenMilestones(context, "cancelled");
  await tx.extension.updateMany({
    where: { caseId: record.id, status: "pending" },
    data: { status: "refused", decidedAt: now, decisionNote: "concluded" },
  });
  return { concludedAt: now, overdue: conclude ? isOverdueAt(conclude.dueAt, now) : record.overdue };
}

/** A petition's written decision (受理/不予受理告知书) is dated; other kinds have none. */
function decisionLetter(context: ChangeContext, letterDate: LocalDate | null | undefined) {
  const { record, now } = context;
  if (record.kind !== "petition") return {};
  const date = letterDate || localDateOf(now);
  if (!isLocalDate(date) || date < localDateOf(record.receivedAt) || date > localDateOf(now)) {
    throw new CaseInputError({ letterDate: "letterDate" });
  }
  return { decisionLetterAt: startOfLocalDay(date) };
}

/** A new handling round (reopening, review): open again, back with its handler or, if none, the desk. */
function newRound(record: LoadedCase, round: number) {
  return {
    round,
    concludedAt: null,
    closedAt: null,
    overdue: false,
    state: record.assignedToId === null ? "accepted" : "assigned",
  };
}

/** The petitioner's review (复查) or re-check (复核) request: a new round with its own 30-day clock. */
async function requestReview(context: ChangeContext, requestedOn: LocalDate, text: string): Promise<ChangeEffect> {
  const { tx, record, now, calendar, policy } = context;
  const request = requireText("text", text);
  if (!isLocalDate(requestedOn) || requestedOn > localDateOf(now)) throw new CaseInputError({ requestedOn: "letterDate" });
  const problem = reviewProblem(calendar, record.round, record.concludedAt, requestedOn);
  if (problem) throw new CaseInputError({ requestedOn: problem });
  const round = record.round + 1;
  const plan = planMilestone(calendar, startOfLocalDay(requestedOn), REVIEW_ANSWER_DAYS, "calendar_days", policy.rules.ladder);
  warnAboutMissingCalendar(plan);
  await tx.caseMilestone.create({ data: { ...storedPlan(plan), round, milestone: "conclude", caseId: record.id } });
  return {
    caseUpdate: newRound(record, round),
    auditDetails: { round, request, requestedOn, dueAt: plan.dueAt },
  };
}

async function recordSession(context: ChangeContext, input: SessionInput): Promise<ChangeEffect> {
  const { tx, record, now } = context;
  const place = requireText("place", input.place);
  const mediators = await tx.user.findMany({
    where: { id: { in: input.mediatorIds }, active: true, role: { in: ["dispatcher", "township"] } },
    select: { id: true, displayName: true },
  });
  if (mediators.length === 0 || mediators.length !== new Set(input.mediatorIds).size) {
    throw new CaseInputError({ mediatorIds: "mediatorsRequired" });
  }
  const held = input.status === "held";
  const data = {
    scheduledAt: input.scheduledAt,
    place,
    status: input.status,
    attendees: held ? requireText("attendees", input.attendees) : (input.attendees?.trim() ?? ""),
    notes: held ? requireText("notes", input.notes) : (input.notes?.trim() ?? ""),
    recordedAt: now,
    mediators: { set: mediators.map((m) => ({ id: m.id })) },
  };
  if (input.sessionId) {
    const scheduled = await tx.mediationSession.findFirst({
      where: { id: input.sessionId, caseId: record.id, status: "scheduled" },
    });
    if (!scheduled) throw new CaseInputError({ sessionId: "sessionNotScheduled" });
    await tx.mediationSession.update({ where: { id: scheduled.id }, data });
  } else {
    await tx.mediationSession.create({ data: { ...data, caseId: record.id, mediators: { connect: data.mediators.set } } });
  }
  return {
    caseUpdate: {},
    auditDetails: {
      session: input.status,
      at: input.scheduledAt,
      place,
      mediators: mediators.map((m) => m.displayName).join("、"),
    },
  };
}

async function concludeMediation(
  context: ChangeContext,
  change: Extract<CaseChange, { action: "concludeMediation" }>,
): Promise<ChangeEffect> {
  const { tx, record } = context;
  const text = requireText("text", change.text);
  if (!MEDIATION_OUTCOMES.includes(change.outcome)) throw new CaseInputError({ outcome: "required" });
  const obligations = change.outcome === "agreement" ? change.obligations : [];
  if (change.outcome === "agreement" && obligations.length === 0)
    throw new CaseInputError({ obligations: "obligationsRequired" });
  for (const obligation of obligations) {
    if (!obligation.party.trim() || !obligation.obligation.trim() || !isLocalDate(obligation.dueDate)) {
      throw new CaseInputError({ obligations: "obligationIncomplete" });
    }
  }
  const clock = await stopTheClock(context);
  for (const obligation of obligations) {
    await tx.agreementObligation.create({
      data: {
        caseId: record.id,
        party: obligation.party.trim(),
        obligation: obligation.obligation.trim(),
        dueDate: obligation.dueDate,
      },
    });
  }
  return {
    caseUpdate: { ...clock, mediationOutcome: change.outcome, outcomeText: text },
    auditDetails: { obligations: obligations.length },
  };
}

async function followUpAgreement(
  context: ChangeContext,
  change: Extract<CaseChange, { action: "followUpAgreement" }>,
): Promise<ChangeEffect> {
  const { tx, record, now } = context;
  const obligation = await tx.agreementObligation.findFirst({ where: { id: change.obligationId, caseId: record.id } });
  if (!obligation) throw new CaseInputError({ obligationId: "required" });
  const followUp = requireText("text", change.text);
  await tx.agreementObligation.update({
    where: { id: obligation.id },
    data: { performedAt: change.performed ? now : null, followUp },
  });
  return { caseUpdate: {}, auditDetails: { obligation: obligation.obligation, performed: change.performed, followUp } };
}

async function instruct(context: ChangeContext, text: string): Promise<ChangeEffect> {
  const { tx, record, now, actor } = context;
  const instruction = await tx.supervisionInstruction.create({
    data: { caseId: record.id, authorId: actor.id, text: requireText("text", text), createdAt: now },
  });
  const webhookEventId = await notifyUsers(tx, await recipientsOfInstruction(tx, record), {
    eventId: `instruction-${instruction.id}`,
    caseRef: record,
    kind: "instruction",
    message: t("notify.instruction", { caseNo: record.caseNo, text: instruction.text }),
    at: now,
  });
  return { caseUpdate: {}, auditDetails: { instruction: instruction.text }, webhookEventId };
}

async function acknowledge(context: ChangeContext): Promise<ChangeEffect> {
  const { tx, record, now, actor } = context;
  await tx.supervisionInstruction.updateMany({
    where: { caseId: record.id, acknowledgedAt: null },
    data: { acknowledgedAt: now, acknowledgedById: actor.id },
  });
  const township = record.assignedToId ? await tx.township.findUnique({ where: { id: record.assignedToId } }) : null;
  const authors = [...new Set(record.instructions.map((instruction) => instruction.authorId))];
  const webhookEventId = await notifyUsers(tx, authors, {
    eventId: `acknowledged-${record.id}-${now.getTime()}`,
    caseRef: record,
    kind: "acknowledged",
    message: t("notify.acknowledged", { caseNo: record.caseNo, township: township?.name ?? "" }),
    at: now,
  });
  return { caseUpdate: {}, webhookEventId };
}

async function approveExtension(
  context: ChangeContext,
  note: string | undefined,
  notice: string | undefined,
): Promise<ChangeEffect> {
  const { tx, record, now, actor, calendar, policy } = context;
  const [pending] = record.extensions;
  const milestone = record.milestones.find((m) => m.milestone === pending.milestone && m.round === pending.round);
  if (!milestone) throw new ActionNotAllowedError("approveExtension");
  const plan = planExtension(
    calendar,
    { startAt: milestone.startAt, dueAt: milestone.dueAt, amount: milestone.amount, unit: milestone.unit as DeadlineUnit },
    pending.amount,
    policy.rules.ladder,
  );
  warnAboutMissingCalendar(plan);
  await tx.caseMilestone.update({
    where: { id: milestone.id },
    data: {
      dueAt: plan.dueAt,
      warningAt: plan.warningAt,
      supervisionAt: plan.supervisionAt,
      extendedBy: { increment: pending.amount },
    },
  });
  const noticeRule = EXTENSION_RULES[record.kind as CaseKind].partyNotice;
  const partyNotice = noticeRule ? requireText("partyNotice", notice) : null;
  await tx.extension.update({
    where: { id: pending.id },
    data: { status: "approved", decidedById: actor.id, decidedAt: now, decisionNote: note?.trim() || null, partyNotice },
  });
  await rearmMovedSteps(tx, milestone, { warning: plan.warningAt, overdue: plan.dueAt, supervision: plan.supervisionAt }, now);
  const stillOverdue =
    record.milestones.some((m) => m.id !== milestone.id && isOverdueAt(m.dueAt, now)) || isOverdueAt(plan.dueAt, now);
  return {
    caseUpdate: { overdue: stillOverdue },
    auditDetails: {
      milestone: milestone.milestone,
      extensionAmount: pending.amount,
      dueBefore: milestone.dueAt,
      dueAfter: plan.dueAt,
    },
  };
}

async function applyEdit(context: ChangeContext, edited: Partial<Omit<IntakeFields, "kind">>): Promise<ChangeEffect> {
  const { tx, record, calendar } = context;
  const merged = normalizedIntake({ ...(record as unknown as IntakeFields), ...edited, kind: record.kind as CaseKind });
  await assertReferencesExist(tx, merged);
  const caseUpdate: Record<string, unknown> = {
    channel: merged.channel,
    receivedAt: merged.receivedAt,
    complainantName: merged.complainantName,
    complainantPhone: merged.complainantPhone,
    consentToDisclose: merged.consentToDisclose,
    townshipId: merged.townshipId,
    category: merged.category,
    subject: merged.subject,
    address: merged.address,
    description: merged.description,
    urgency: merged.urgency,
  };
  const timingChanged =
    merged.receivedAt.getTime() !== record.receivedAt.getTime() ||
    merged.urgency !== record.urgency ||
    merged.channel !== record.channel ||
    merged.category !== record.category;
  if (timingChanged) {
    // Before acceptance only milestones counted from receipt exist; plan them again under the right policy.
    const policy = policyFor(await loadPolicies(tx), merged);
    await tx.caseMilestone.deleteMany({ where: { caseId: record.id, round: record.round } });
    await tx.deadlineStep.deleteMany({ where: { caseId: record.id, round: record.round } });
    for (const row of milestoneRows(calendar, policy, "received", merged.receivedAt, record.round)) {
      await tx.caseMilestone.create({ data: { ...row, caseId: record.id } });
    }
    caseUpdate.policyId = policy.id;
    caseUpdate.overdue = false;
  }
  return { caseUpdate };
}
