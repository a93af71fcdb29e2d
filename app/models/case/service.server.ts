import { prisma, type Transaction } from "~/db.server";
import { type IntakeFields, type MediationApplication, isReceivedInFuture } from "~/domain/case-commands";
import { type CaseKind, parseCaseNo } from "~/domain/case-kinds";
import { localDateOf, yearOf } from "~/domain/local-time";
import type { CaseActor } from "~/domain/roles";
import { messageEventOf, receivesMessages } from "~/domain/complainant-messages";
import { awaitsReply } from "~/domain/partners";
import { type CaseAction, type CaseSnapshot, type CaseState, canViewCase, mayTakeAction, nextState } from "~/domain/workflow";
import type { CaseChange, CaseChangeOf } from "~/forms/case-actions";
import { carriesAttachments } from "~/domain/attachments";
import { PAUSABLE_MILESTONE } from "~/domain/clock-pauses";
import { assistingUnitIds } from "~/domain/assisting";
import { deriveDeadlineFields } from "~/domain/case-deadlines";
import { queueImageDerivation } from "../attachments/jobs.server";
import { diffFields, recordAuditEvent } from "./audit.server";
import { recordComplainantMessage } from "../outbox/complainant-messages.server";
import { recordPlatformCallback } from "../transfers-in/platform-callbacks.server";
import { recordJointProgress } from "../transfers-out/deliveries.server";
import { checkRepeatReports } from "../enterprises/repeat-reports.server";
import { respondentHandlers } from "./actions/respondent.server";
import { returnHandlers } from "./actions/returns.server";
import { clockPauseHandlers } from "./actions/clock-pauses.server";
import { assistingHandlers } from "./actions/assisting.server";
import { signForHold } from "./actions/holds.server";
import { lookupCodeHash, lookupCodeOfSubmission, newLookupCode } from "../complainant/lookup.server";
import { type NewAttachment, attachmentHandlers, recordAttachments } from "./actions/attachments.server";
import { decisionHandlers } from "./actions/decision.server";
import { extensionHandlers } from "./actions/extensions.server";
import { handlingHandlers } from "./actions/handling.server";
import {
  assertReferencesExist,
  findMergeTarget,
  reserveCaseNumbers,
  normalizedIntake,
  recordRepeatOnTarget,
} from "./intake.server";
import { mediationData, mediationHandlers } from "./actions/mediation.server";
import { petitionReviewHandlers } from "./actions/petition-review.server";
import { milestoneRows, policyFor } from "../deadlines/planning.server";
import { refreshDerivedDeadlines } from "../deadlines/derived-fields.server";
import { supervisionHandlers } from "./actions/supervision.server";
import { transferOutHandlers } from "./actions/transfers-out.server";
import {
  CASE_FOR_CHANGE,
  type CaseActionHandler,
  type CaseActionHandlers,
  type ChangeContext,
  type ChangeEffect,
} from "./actions/context.server";
import { scheduleCaseDeadlines } from "../deadlines/queue.server";
import { insertCase } from "./case-row.server";
import { bulkInsert } from "../db/bulk-insert.server";
import { ActionNotAllowedError, CaseNotFoundError, InputError, StaleVersionError, isUniqueViolation } from "../errors";
import { afterNotificationCommit } from "../outbox/notifications.server";
import { loadPolicies, loadWorkCalendar, toDomainPolicy } from "../reference/reference-data.server";
import { writeTransaction } from "../db/write-transaction.server";

/**
 * The case service: `registerCase` and `changeCase` are the only ways to create and change a case. Each
 * action's work is done by its family's handler in ./actions/; this module checks, dispatches,
 * versions, audits and schedules.
 */

export interface ChangeOptions {
  now?: Date;
  /** Off while seeding or importing in bulk: the worker re-enqueues from the database at start. */
  scheduleJobs?: boolean;
}

export interface StepOptions extends ChangeOptions {
  /** Files received for this step (app/models/attachments/store.server.ts), kept with it. */
  attachments?: NewAttachment[];
  /** Moves the received files into place, once every check of the step has passed (in its transaction). */
  keepFiles?: () => Promise<void>;
  /** The submission's key: a resend of a step already taken returns it instead of taking it twice. */
  submissionKey?: string;
}

/**
 * Logs a new case: numbers it, plans the milestones that count from receipt under the policy in
 * force when it was received, writes the audit event, and schedules its deadline jobs after commit.
 * With `mergeIntoCaseNo` the report is recorded as a repeat of that open case instead.
 */
export async function registerCase(
  actor: CaseActor,
  input: IntakeFields,
  options: ChangeOptions & {
    mergeIntoCaseNo?: string | null;
    mediation?: MediationApplication;
    /** Evidence received with the report (a scanned letter, a recording of the call). */
    attachments?: NewAttachment[];
    keepFiles?: StepOptions["keepFiles"];
    /** The intake form's key: the same form sent again (a double click, a retry) returns the case it registered. */
    submissionKey?: string;
    /** A work order another system sent through the API (app/models/transfers.server.ts). */
    transfer?: { sourceKeyId: number; workOrderNo: string; platformDueAt: Date | null; idempotencyKey: string | null };
  } = {},
) {
  const now = options.now ?? new Date();
  const fields = normalizedIntake(input);
  if (isReceivedInFuture(fields.receivedAt, now)) throw new InputError({ receivedAt: "receivedInFuture" });
  const [calendar, policies] = await Promise.all([loadWorkCalendar(), loadPolicies()]);
  const policy = policyFor(policies, fields);

  // The complainant's lookup code: kept only as a hash, shown on the receipt (again if the form is resent).
  const lookupCode = options.submissionKey ? lookupCodeOfSubmission(actor.id, options.submissionKey) : newLookupCode();
  const registration = writeTransaction(async (tx) => {
    await assertReferencesExist(tx, fields);
    const target = options.mergeIntoCaseNo ? await findMergeTarget(tx, fields.kind, options.mergeIntoCaseNo, "mergeInto") : null;
    const [number] = await reserveCaseNumbers(tx, fields.kind, yearOf(localDateOf(fields.receivedAt)), 1);
    const concludeBy = options.transfer?.platformDueAt ?? null;
    const milestones = target ? [] : milestoneRows(calendar, policy, "received", fields.receivedAt, 1, undefined, concludeBy);
    const mediation = fields.kind === "mediation" ? await mediationData(tx, options.mediation) : null;
    const record = await insertCase(tx, {
      ...fields,
      ...number,
      lookupCodeHash: lookupCodeHash(number.caseNo, lookupCode),
      ...(options.transfer ?? {}),
      ...(mediation?.caseData ?? {}),
      state: target ? "merged" : "registered",
      mergedIntoId: target?.id ?? null,
      policyId: policy.id,
      createdById: actor.id,
      createdAt: now,
      ...deriveDeadlineFields(
        1,
        milestones.map((m) => ({ ...m, status: "open", metAt: null })),
      ),
    });
    // Raw, as the case (case-row.server.ts): Prisma's createMany costs as much again.
    await bulkInsert(
      tx,
      "CaseMilestone",
      milestones.map((m) => ({ ...m, caseId: record.id })),
    );
    if (mediation)
      await bulkInsert(
        tx,
        "CaseParty",
        mediation.parties.map((party) => ({ ...party, caseId: record.id })),
      );
    const registered = await recordAuditEvent(tx, {
      caseId: record.id,
      actorId: actor.id,
      at: now,
      action: "register",
      after: {
        ...fields,
        state: record.state,
        policy: policy.name,
        ...(mediation?.audit ?? {}),
        ...(options.transfer ? { workOrderNo: options.transfer.workOrderNo, platformDueAt: options.transfer.platformDueAt } : {}),
        ...(actor.role === "apiClient" ? { via: actor.name } : {}),
      },
      submissionKey: options.submissionKey,
    });
    const step = { record, action: "register", auditEventId: registered.id, actor, at: now };
    await recordAttachments(tx, step, options.attachments ?? [], options.keepFiles);
    // A repeat merged into an open case is told of it by that case's messages, not by one of its own.
    const receiptMessage =
      target || !receivesMessages(record)
        ? null
        : await recordComplainantMessage(tx, {
            caseId: record.id,
            auditEventId: registered.id,
            event: "receipt",
            at: now,
            written: { record, latestExtension: null },
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
    const repeatReport = await checkRepeatReports(tx, record, now);
    return { record, receiptMessage, repeatReport };
  });
  let created: Awaited<typeof registration>;
  try {
    created = await registration;
  } catch (error) {
    // The same form sent again (a double click, a retry): the second registration loses on the key's
    // uniqueness, its transaction undone, and answers the first. Not looked up beforehand: a resend is rare,
    // every registration would pay the read.
    if (!options.submissionKey || !isUniqueViolation(error)) throw error;
    const repeated = await caseOfSubmission(actor, options.submissionKey);
    // A key someone else's step already carries: a crafted post.
    if (!repeated) throw new InputError({ form: "badRequest" });
    return repeated;
  }
  await afterNotificationCommit(created.receiptMessage, created.repeatReport);
  if (options.attachments?.length) await queueImageDerivation(options.attachments);
  if (options.scheduleJobs !== false) await scheduleCaseDeadlines(created.record.id);
  return { ...created.record, lookupCode, repeated: false };
}

/**
 * The case a submission already registered, by its key and its author (a key is no way into anyone
 * else's registration), with its lookup code derived again from the key.
 */
async function caseOfSubmission(actor: CaseActor, submissionKey: string) {
  const event = await prisma.auditEvent.findFirst({
    where: { submissionKey, action: "register", actorId: actor.id },
    select: { case: true },
  });
  return event?.case ? { ...event.case, lookupCode: lookupCodeOfSubmission(actor.id, submissionKey), repeated: true } : null;
}

export function snapshotOf(record: {
  kind: string;
  mediationOutcome: string | null;
  state: string;
  assignedToId: number | null;
  round: number;
  ratedRound?: number | null;
  milestones: { milestone: string; status: string; round: number; unit?: string; pausedAt?: Date | null }[];
  extensions: { status: string }[];
  instructions: { acknowledgedAt: Date | null }[];
  attachments?: { withdrawnAt: Date | null }[];
  transfersOut?: { id: number; mode: string; repliedAt: Date | null; delivery: string }[];
  returns?: { decidedAt: Date | null }[];
  leadUnitId?: number | null;
  assignments?: { endedAt: Date | null; signedForAt: Date | null }[];
  assisting?: { unitId: number; round: number; submittedAt: Date | null }[];
}): CaseSnapshot {
  const assisting = record.assisting ?? [];
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
    hasAttachments: (record.attachments ?? []).some((attachment) => attachment.withdrawnAt === null),
    ratedThisRound: record.ratedRound === record.round,
    openTransfers: (record.transfersOut ?? []).filter(awaitsReply).map(({ id, mode }) => ({ id, mode })),
    hasOpenReturn: (record.returns ?? []).some((row) => row.decidedAt === null),
    hasPausableClock: record.milestones.some(
      (m) => m.milestone === PAUSABLE_MILESTONE && m.status === "open" && m.round === record.round && m.unit !== "hours",
    ),
    hasPausedClock: record.milestones.some((m) => m.status === "open" && (m.pausedAt ?? null) !== null),
    hasLeadUnit: (record.leadUnitId ?? null) !== null,
    assistingUnitIds: assistingUnitIds(assisting),
    awaitedPartUnitIds: assisting
      .filter((part) => part.round === record.round && part.submittedAt === null)
      .map((part) => part.unitId),
    awaitsSignFor: (record.assignments ?? []).some((hold) => hold.endedAt === null && hold.signedForAt === null),
  };
}

/** Every action's handler, by family. */
const HANDLERS: CaseActionHandlers<CaseAction> = {
  ...attachmentHandlers,
  ...decisionHandlers,
  ...handlingHandlers,
  ...extensionHandlers,
  ...petitionReviewHandlers,
  ...mediationHandlers,
  ...supervisionHandlers,
  ...transferOutHandlers,
  ...respondentHandlers,
  ...returnHandlers,
  ...clockPauseHandlers,
  ...assistingHandlers,
};

function applyChange<A extends CaseAction>(context: ChangeContext, change: CaseChangeOf<A>): Promise<ChangeEffect> {
  // TypeScript cannot correlate the command's action with the handler's; the map's type guarantees it.
  const handler = HANDLERS[change.action as A] as CaseActionHandler<A>;
  return handler(context, change);
}

/** Actions that only add to the record; they cannot conflict with another edit. */
const NON_CONFLICTING: readonly CaseAction[] = ["note", "instruct", "acknowledge", "withdrawAttachment"];

/**
 * The one way to change a case. Checks that the actor may see the case and take the action now,
 * that the case is still at the version the actor saw, then writes the change and its audit event in
 * one transaction and schedules the case's deadline jobs after commit.
 */
export async function changeCase(
  actor: CaseActor,
  caseNo: string,
  expectedVersion: number,
  change: CaseChange,
  options: StepOptions = {},
): Promise<{ caseNo: string; version: number; repeated?: boolean }> {
  const now = options.now ?? new Date();
  // Not a case number at all (a probe, a NUL that PostgreSQL would refuse): not found, without a query.
  if (!parseCaseNo(caseNo)) throw new CaseNotFoundError(caseNo.slice(0, 30));
  const record = await prisma.case.findUnique({ where: { caseNo }, include: CASE_FOR_CHANGE });
  const snapshot = record ? snapshotOf(record) : null;
  if (!record || !snapshot || !canViewCase(actor, snapshot)) throw new CaseNotFoundError(caseNo, record !== null);
  const repeated = { caseNo, version: record.version, repeated: true };
  if (options.submissionKey && (await stepOfSubmission(record.id, options.submissionKey))) return repeated;
  if (!mayTakeAction(actor, snapshot, change.action)) throw new ActionNotAllowedError(change.action);
  const attachments = options.attachments ?? [];
  if (attachments.length > 0 && !carriesAttachments(change.action)) throw new InputError({ files: "attachmentsNotHere" });
  const checksVersion = !NON_CONFLICTING.includes(change.action);
  if (checksVersion && record.version !== expectedVersion) throw new StaleVersionError();
  const calendar = await loadWorkCalendar();

  const version = checksVersion ? record.version + 1 : record.version;
  const step = writeTransaction(async (tx: Transaction) => {
    const context: ChangeContext = { tx, actor, record, snapshot, now, calendar, policy: toDomainPolicy(record.policy) };
    const effect = await applyChange(context, change);
    // Any step of the unit holding the case signs for it (签收), if it had not yet.
    if (actor.role === "township" && actor.townshipId !== null) await signForHold(tx, record.id, actor.townshipId, now);
    const state = nextState(snapshot, change);
    const caseUpdate = { ...(state !== record.state ? { state } : {}), ...effect.caseUpdate };
    if (checksVersion) {
      const updated = await tx.case.updateMany({
        where: { id: record.id, version: expectedVersion },
        data: { ...caseUpdate, version: { increment: 1 } },
      });
      if (updated.count === 0) throw new StaleVersionError();
    }
    await refreshDerivedDeadlines(tx, [record.id]);
    const audit = diffFields(record, caseUpdate);
    const event = await recordAuditEvent(tx, {
      caseId: record.id,
      actorId: actor.id,
      at: now,
      action: change.action,
      reason: "reason" in change ? change.reason : null,
      before: audit.changed ? audit.before : null,
      after: { ...audit.after, ...effect.auditDetails, ...(attachments.length ? { attachments: attachments.length } : {}) },
      submissionKey: options.submissionKey,
    });
    const step = { record, action: change.action, auditEventId: event.id, actor, at: now };
    await recordAttachments(tx, step, attachments, options.keepFiles);
    const messageEvent = messageEventOf(change.action);
    const messageEventId =
      messageEvent && receivesMessages(record)
        ? await recordComplainantMessage(tx, { caseId: record.id, auditEventId: event.id, event: messageEvent, at: now })
        : null;
    const callbackEventId = record.sourceKeyId
      ? await recordPlatformCallback(tx, { caseId: record.id, action: change.action, auditEventId: event.id, at: now })
      : null;
    const progressEventIds = await recordJointProgress(
      tx,
      { action: change.action, auditEventId: event.id, at: now, state: (caseUpdate.state as string | undefined) ?? record.state },
      record.transfersOut,
    );
    return [effect.webhookEventId ?? null, messageEventId, callbackEventId, ...progressEventIds].flat();
  });
  let webhookEventIds: (string | null | undefined)[];
  try {
    webhookEventIds = await step;
  } catch (error) {
    // The same submission sent twice at once: the second loses on the key's uniqueness, and is the first.
    if (options.submissionKey && isUniqueViolation(error) && (await stepOfSubmission(record.id, options.submissionKey))) {
      return repeated;
    }
    throw error;
  }
  await afterNotificationCommit(...webhookEventIds);
  if (attachments.length > 0) await queueImageDerivation(attachments);
  if (options.scheduleJobs !== false) await scheduleCaseDeadlines(record.id);
  return { caseNo, version };
}

/**
 * A step by someone who never saw a version number (the complainant on the lookup page, a partner's
 * system): taken at the case's current version, read again and tried again if the desk changed the
 * case meanwhile; after three such losses the conflict is the caller's.
 */
export async function changeCaseAtCurrentVersion(
  actor: CaseActor,
  caseNo: string,
  change: CaseChange,
  options: StepOptions = {},
) {
  for (let attempt = 1; ; attempt++) {
    const current = await prisma.case.findUnique({ where: { caseNo }, select: { version: true } });
    if (!current) throw new CaseNotFoundError(caseNo);
    try {
      return await changeCase(actor, caseNo, current.version, change, options);
    } catch (error) {
      if (error instanceof StaleVersionError && attempt < 3) continue;
      throw error;
    }
  }
}

function stepOfSubmission(caseId: number, submissionKey: string) {
  return prisma.auditEvent.findFirst({ where: { caseId, submissionKey }, select: { id: true } });
}
