import { parseCaseNo } from "~/domain/case-kinds";
import { prisma } from "~/db.server";
import type { WorkCalendar } from "~/domain/calendar";
import { type DeadlineUnit, computeDueAt, dueMarker, isOverdueAt, timeLeft } from "~/domain/deadlines";
import { COURT_CONFIRMATION_DAYS, PETITION_ROUNDS, reviewRequestDeadline } from "~/domain/kind-rules";
import { formatLocalDateTime } from "~/domain/local-time";
import { identityForViewer, maskName, maskPhone, maskedIdentityFields, redactorFor } from "~/domain/masking";
import type { Actor } from "~/domain/roles";
import { allowedActions, canViewCase, isComplainantAction, mustMaskIdentity } from "~/domain/workflow";
import { t } from "~/i18n";
import { messagesOfCase } from "../outbox/complainant-messages.server";
import { attachmentVisibleTo, previewOf } from "../attachments/access.server";
import { snapshotOf } from "./service.server";
import { CaseNotFoundError } from "../errors";
import { loadWorkCalendar } from "../reference/reference-data.server";
import { SHOWN_WARNING, shownWarning } from "../enterprises/repeat-reports.server";

/** A case as this viewer may see it: identity masked where required, milestones with time left, the timeline, the actions open now. */
export async function getCaseForViewer(actor: Actor, caseNo: string, now = new Date()) {
  if (!parseCaseNo(caseNo)) throw new CaseNotFoundError(caseNo.slice(0, 30));
  const record = await prisma.case.findUnique({
    where: { caseNo },
    include: {
      township: true,
      assignedTo: true,
      policy: true,
      respondent: {
        select: {
          id: true,
          name: true,
          creditCode: true,
          townshipId: true,
          creditGrades: { orderBy: { year: "desc" }, take: 1, select: { year: true, grade: true } },
        },
      },
      repeatWarnings: { select: { warning: { select: SHOWN_WARNING } } },
      createdBy: { select: { displayName: true } },
      mergedInto: { select: { caseNo: true } },
      repeats: { select: { caseNo: true, receivedAt: true }, orderBy: { id: "asc" } },
      milestones: { orderBy: [{ round: "asc" }, { id: "asc" }] },
      extensions: { orderBy: { id: "asc" } },
      instructions: { orderBy: { id: "asc" }, include: { author: { select: { displayName: true } } } },
      auditEvents: { orderBy: { id: "asc" }, include: { actor: { select: { displayName: true, role: true } } } },
      parties: { orderBy: { id: "asc" } },
      sessions: { orderBy: { scheduledAt: "asc" }, include: { mediators: { select: { id: true, displayName: true } } } },
      obligations: { orderBy: { id: "asc" } },
      relatedCase: { select: { caseNo: true } },
      transfersOut: { orderBy: { id: "asc" }, include: { partner: { select: { name: true, kind: true } } } },
      relatedFrom: { select: { caseNo: true, state: true }, orderBy: { id: "asc" } },
      assignments: { where: { endedAt: null }, select: { endedAt: true, signedForAt: true, answerDueAt: true } },
      assisting: { orderBy: { id: "asc" }, include: { unit: { select: { name: true } } } },
      returns: {
        orderBy: { id: "asc" },
        include: {
          fromUnit: { select: { name: true } },
          suggestedUnit: { select: { name: true } },
          decidedUnit: { select: { name: true } },
          returnedBy: { select: { displayName: true } },
          decidedBy: { select: { displayName: true } },
        },
      },
      attachments: {
        orderBy: { id: "asc" },
        include: {
          file: { select: { size: true, contentType: true, derived: true } },
          uploadedBy: { select: { displayName: true } },
        },
      },
    },
  });
  const snapshot = record ? snapshotOf(record) : null;
  if (!record || !snapshot || !canViewCase(actor, snapshot)) throw new CaseNotFoundError(caseNo, record !== null);
  const [calendar, channel, category] = await Promise.all([
    loadWorkCalendar(),
    prisma.channel.findUnique({ where: { code: record.channel } }),
    prisma.category.findUnique({ where: { code: record.category } }),
  ]);
  const mask = mustMaskIdentity(actor);
  const identity = identityForViewer(record, mask);
  // Everything a masked viewer gets (fields, claim, history, sessions, agreement) passes through one redaction.
  const redact = mask ? redactorFor(record) : <T>(value: T): T => value;
  // A snapshot may hold an identity since corrected, which no longer matches the case's current texts.
  const redactSnapshot = (json: string | null) => {
    const values = json ? (JSON.parse(json) as Record<string, unknown>) : null;
    if (!values || !mask) return values;
    const identity = record.consentToDisclose ? {} : maskedIdentityFields(values);
    return { ...values, ...identity };
  };
  // The lookup code's hash stays on the server: eight characters are too few to be safe from a guess offline.
  const {
    auditEvents,
    milestones,
    policy,
    parties,
    sessions,
    obligations,
    attachments,
    transfersOut,
    lookupCodeHash: _lookupCodeHash,
    repeatWarnings,
    returns,
    assignments,
    assisting,
    ...fields
  } = record;
  const shownAttachments = attachments
    .filter((attachment) => attachmentVisibleTo(actor, attachment))
    .map(({ file, uploadedBy, withdrawnById: _withdrawnBy, ...attachment }) => ({
      ...attachment,
      size: file.size,
      contentType: file.contentType,
      preview: previewOf(file),
      uploadedByName: uploadedBy.displayName,
    }));
  const allowed = allowedActions(actor, snapshot);
  return redact({
    ...fields,
    sessions,
    obligations,
    parties: parties.map((party) => partyForViewer(party, mask)),
    attachments: shownAttachments,
    messages: await messagesOfCase(record.id),
    mediatorChoices: allowed.includes("mediationSession") ? await mediatorChoices() : [],
    ...kindDeadlines(calendar, record),
    complainantName: identity.complainantName,
    complainantPhone: identity.complainantPhone,
    identityMasked: mask && !record.consentToDisclose,
    point:
      record.latitude !== null && record.longitude !== null
        ? `${record.latitude.toFixed(6)}, ${record.longitude.toFixed(6)}`
        : null,
    transfers: transfersOut.map((transfer) => ({
      ...transfer,
      overdue: transfer.repliedAt === null && transfer.replyDueAt.getTime() < now.getTime(),
    })),
    channelName: channel?.name ?? record.channel,
    categoryName: category?.name ?? record.category,
    policyName: policy.name,
    milestones: milestones.map((milestone) => ({
      ...milestone,
      // A paused clock has no time left to show: its due instant moves when it resumes.
      timeLeft:
        milestone.status === "open" && !milestone.pausedAt
          ? timeLeft(calendar, now, milestone.dueAt, milestone.unit as DeadlineUnit)
          : null,
      marker: milestone.status === "open" && !milestone.pausedAt ? dueMarker(now, milestone.warningAt, milestone.dueAt) : null,
      metLate: milestone.status === "met" && milestone.metAt ? isOverdueAt(milestone.dueAt, milestone.metAt) : false,
    })),
    timeline: auditEvents.map((event) => {
      const after = redactSnapshot(event.after);
      return {
        id: event.id,
        at: event.at,
        action: event.action,
        reason: event.reason,
        actorName: event.actor?.displayName ?? otherActorName(event.action, after),
        before: redactSnapshot(event.before),
        after,
        attachments: shownAttachments
          .filter((attachment) => attachment.auditEventId === event.id)
          .map((attachment) => ({ id: attachment.id, fileName: attachment.fileName, kind: attachment.kind })),
      };
    }),
    // The repeat-report warnings that count this complaint (docs/domain.md "Repeat-report warnings").
    repeatWarnings: repeatWarnings.map(({ warning }) => shownWarning(warning, now)),
    // Returns and the desk's decisions (docs/domain.md "Returns are decided"), shown to whoever handles the case.
    returns: returns.map((row) => ({
      ...row,
      marker: row.decidedAt === null ? dueMarker(now, row.warningAt, row.dueAt) : null,
    })),
    // The viewer's own unit, for the part it may have to submit as an assisting unit.
    viewerUnitId: actor.role === "township" ? actor.townshipId : null,
    // The assisting units' parts (协办), each with its own clock while awaited.
    assisting: assisting.map((part) => ({
      ...part,
      marker: part.submittedAt === null ? dueMarker(now, part.warningAt, part.dueAt) : null,
    })),
    // The unit holding the case signs for it by then (签收), unless it has.
    signForBy: assignments.find((hold) => hold.signedForAt === null)?.answerDueAt ?? null,
    leadUnitName: record.leadUnitId !== null ? (record.assignedTo?.name ?? null) : null,
    // A problem case is listed until a lead unit is set (docs/domain.md "Problem cases").
    problemCase: record.problemSince !== null && record.leadUnitId === null ? { since: record.problemSince } : null,
    allowedActions: allowed,
    pendingExtension: record.extensions.find((extension) => extension.status === "pending") ?? null,
  });
}

export type CaseView = Awaited<ReturnType<typeof getCaseForViewer>>;

/** Who took a step that no member of staff took: the complainant on the lookup page, or a system by its API key. */
function otherActorName(action: string, after: Record<string, unknown> | null): string | null {
  if (isComplainantAction(action)) return t("case.complainant");
  if (typeof after?.viaPartner === "string") return t("case.viaPartner", { name: after.viaPartner });
  return typeof after?.via === "string" ? t("case.viaApi", { name: after.via }) : null;
}

/** Parties' contact details are confidential like a complainant's: township staff see them masked. */
function partyForViewer<T extends { type: string; name: string; phone: string | null; address: string }>(
  party: T,
  mask: boolean,
): T {
  if (!mask) return party;
  return {
    ...party,
    name: party.type === "person" ? maskName(party.name) : party.name,
    phone: party.phone ? maskPhone(party.phone) : null,
    address: party.address ? "***" : "",
  };
}

/** Who may mediate: the bureau's dispatchers and township staff. */
function mediatorChoices() {
  return prisma.user.findMany({
    where: { active: true, role: { in: ["dispatcher", "township"] } },
    select: { id: true, displayName: true },
    orderBy: [{ role: "asc" }, { id: "asc" }],
  });
}

/** The dates that follow from a petition's answer or a mediation agreement (docs/domain.md lifecycles). */
function kindDeadlines(
  calendar: WorkCalendar,
  record: { kind: string; round: number; concludedAt: Date | null; mediationOutcome: string | null },
) {
  const answeredAt = record.concludedAt;
  return {
    reviewRequestDeadline:
      record.kind === "petition" && answeredAt && record.round < PETITION_ROUNDS.length
        ? reviewRequestDeadline(calendar, answeredAt)
        : null,
    courtConfirmationDeadline:
      record.mediationOutcome === "agreement" && answeredAt
        ? computeDueAt(calendar, answeredAt, COURT_CONFIRMATION_DAYS, "calendar_days").dueAt
        : null,
  };
}

/** Everything about a case, unmasked, for the CLI (`greenline case show`). Instants as ISO strings. */
export async function caseReport(caseNo: string, now = new Date()) {
  const record = await prisma.case.findUnique({
    where: { caseNo: caseNo.trim().toUpperCase() },
    include: {
      township: true,
      assignedTo: true,
      policy: true,
      milestones: { orderBy: [{ round: "asc" }, { id: "asc" }] },
      extensions: { orderBy: { id: "asc" } },
      auditEvents: { orderBy: { id: "asc" }, include: { actor: { select: { username: true } } } },
    },
  });
  if (!record) return null;
  const iso = (date: Date | null) => (date ? date.toISOString() : null);
  return {
    caseNo: record.caseNo,
    kind: record.kind,
    state: record.state,
    round: record.round,
    version: record.version,
    channel: record.channel,
    category: record.category,
    urgency: record.urgency,
    township: record.township.name,
    assignedTo: record.assignedTo?.name ?? null,
    receivedAt: iso(record.receivedAt),
    complainantName: record.complainantName,
    complainantPhone: record.complainantPhone,
    consentToDisclose: record.consentToDisclose,
    refusesMessages: record.refusesMessages,
    consentToPublish: record.consentToPublish,
    subject: record.subject,
    address: record.address,
    description: record.description,
    resultText: record.resultText,
    replyText: record.replyText,
    acceptedAt: iso(record.acceptedAt),
    concludedAt: iso(record.concludedAt),
    closedAt: iso(record.closedAt),
    overdue: record.overdue,
    policy: record.policy.name,
    milestones: record.milestones.map((m) => ({
      round: m.round,
      milestone: m.milestone,
      amount: m.amount,
      unit: m.unit,
      extendedBy: m.extendedBy,
      startAt: iso(m.startAt),
      warningAt: iso(m.warningAt),
      dueAt: iso(m.dueAt),
      dueAtLocal: formatLocalDateTime(m.dueAt),
      supervisionAt: iso(m.supervisionAt),
      status: m.status,
      metAt: iso(m.metAt),
      overdue: isOverdueAt(m.dueAt, m.metAt ?? now),
    })),
    extensions: record.extensions.map((e) => ({
      amount: e.amount,
      reason: e.reason,
      status: e.status,
      requestedAt: iso(e.requestedAt),
      decidedAt: iso(e.decidedAt),
    })),
    auditEvents: record.auditEvents.map((e) => ({
      at: iso(e.at),
      action: e.action,
      actor: e.actor?.username ?? null,
      reason: e.reason,
      before: e.before ? JSON.parse(e.before) : null,
      after: e.after ? JSON.parse(e.after) : null,
    })),
  };
}
