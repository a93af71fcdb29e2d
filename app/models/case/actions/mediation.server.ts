import type { Transaction } from "~/db.server";
import type { MediationApplication } from "~/domain/case-commands";
import { isLocalDate } from "~/domain/local-time";
import { normalizePhone } from "~/domain/masking";
import { MEDIATION_OUTCOMES } from "~/domain/statistics";
import { InputError } from "../../errors";
import { type CaseActionHandlers, requireText, stopTheClock } from "./context.server";

/** A mediation application's own fields at intake: both parties, the claim, and the complaint it came from. */
export async function mediationData(tx: Transaction, application: MediationApplication | undefined) {
  if (!application) throw new InputError({ parties: "partiesRequired" });
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
  if (Object.keys(errors).length > 0) throw new InputError(errors);
  const parties = application.parties.map((party) => ({
    role: party.role,
    type: party.type,
    name: party.name.trim(),
    phone: party.phone ? normalizePhone(party.phone) || null : null,
    address: party.address.trim(),
  }));
  return {
    caseData: { claim, relatedCaseId: related?.id ?? null },
    parties,
    audit: { claim, parties: parties.map((p) => `${p.role}:${p.name}`), relatedCase: related?.caseNo ?? null },
    related,
  };
}

/** A mediation's sessions (调解会), its conclusion, and the follow-up of an agreement's obligations. */
export const mediationHandlers: CaseActionHandlers<"mediationSession" | "concludeMediation" | "followUpAgreement"> = {
  async mediationSession({ tx, record, now }, { session }) {
    const place = requireText("place", session.place);
    const mediators = await tx.user.findMany({
      where: { id: { in: session.mediatorIds }, active: true, role: { in: ["dispatcher", "township"] } },
      select: { id: true, displayName: true },
    });
    if (mediators.length === 0 || mediators.length !== new Set(session.mediatorIds).size) {
      throw new InputError({ mediatorIds: "mediatorsRequired" });
    }
    const held = session.status === "held";
    const data = {
      scheduledAt: session.scheduledAt,
      place,
      status: session.status,
      attendees: held ? requireText("attendees", session.attendees) : (session.attendees?.trim() ?? ""),
      notes: held ? requireText("notes", session.notes) : (session.notes?.trim() ?? ""),
      recordedAt: now,
    };
    const mediatorIds = mediators.map((m) => ({ id: m.id }));
    if (session.sessionId) {
      const scheduled = await tx.mediationSession.findFirst({
        where: { id: session.sessionId, caseId: record.id, status: "scheduled" },
      });
      if (!scheduled) throw new InputError({ sessionId: "sessionNotScheduled" });
      await tx.mediationSession.update({ where: { id: scheduled.id }, data: { ...data, mediators: { set: mediatorIds } } });
    } else {
      await tx.mediationSession.create({ data: { ...data, caseId: record.id, mediators: { connect: mediatorIds } } });
    }
    return {
      caseUpdate: {},
      auditDetails: {
        session: session.status,
        at: session.scheduledAt,
        place,
        mediators: mediators.map((m) => m.displayName).join("、"),
      },
    };
  },
  async concludeMediation(context, change) {
    const { tx, record } = context;
    const text = requireText("text", change.text);
    if (!MEDIATION_OUTCOMES.includes(change.outcome)) throw new InputError({ outcome: "required" });
    const obligations = change.outcome === "agreement" ? change.obligations : [];
    if (change.outcome === "agreement" && obligations.length === 0) {
      throw new InputError({ obligations: "obligationsRequired" });
    }
    for (const obligation of obligations) {
      if (!obligation.party.trim() || !obligation.obligation.trim() || !isLocalDate(obligation.dueDate)) {
        throw new InputError({ obligations: "obligationIncomplete" });
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
  },
  async followUpAgreement({ tx, record, now }, change) {
    const obligation = await tx.agreementObligation.findFirst({ where: { id: change.obligationId, caseId: record.id } });
    if (!obligation) throw new InputError({ obligationId: "required" });
    const followUp = requireText("text", change.text);
    await tx.agreementObligation.update({
      where: { id: obligation.id },
      data: { performedAt: change.performed ? now : null, followUp },
    });
    return { caseUpdate: {}, auditDetails: { obligation: obligation.obligation, performed: change.performed, followUp } };
  },
};
