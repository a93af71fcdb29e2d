import { Link } from "@remix-run/react";
import { localDateOf } from "~/domain/local-time";
import { petitionRoundOf } from "~/domain/kind-rules";
import { t, tKey } from "~/i18n";
import { documentKindOf, printableDocuments } from "~/models/case/documents";
import type { CaseView } from "~/models/case/view.server";
import { showDateTime } from "~/utils/format";

/** What petitions and mediations have beyond a complaint: rounds, letters, parties, sessions, the agreement. */

const day = (value: Date | string | null) => (value ? localDateOf(new Date(value)) : "");

export function PrintLinks({ view }: { view: CaseView }) {
  const documents = printableDocuments(view);
  if (documents.length === 0) return null;
  return (
    <p className="print-links no-print">
      {t("print.link")}：
      {documents.map((document) => (
        <Link key={document} to={`/cases/${view.caseNo}/print/${document}`} target="_blank" data-print={document}>
          {tKey("print", documentKindOf(document))}
        </Link>
      ))}
    </p>
  );
}

export function PetitionFields({ view }: { view: CaseView }) {
  if (view.kind !== "petition") return null;
  return (
    <>
      <dt>{t("field.round")}</dt>
      <dd data-field="petition-round">{tKey("petition.round", petitionRoundOf(view.round))}</dd>
      {view.decisionLetterAt ? (
        <>
          <dt>{t("petition.letterDate")}</dt>
          <dd>{day(view.decisionLetterAt)}</dd>
        </>
      ) : null}
      {view.reviewRequestDeadline ? (
        <>
          <dt>{t("action.requestReview")}</dt>
          <dd>{t("petition.reviewDeadline", { date: day(view.reviewRequestDeadline) })}</dd>
        </>
      ) : null}
    </>
  );
}

/** The mediations this complaint led to, and for those who register them, the way to apply for one. */
export function RelatedMediations({ view, mayApply }: { view: CaseView; mayApply: boolean }) {
  if (view.kind !== "complaint" || (view.relatedFrom.length === 0 && !mayApply)) return null;
  return (
    <>
      <dt>{t("mediation.relatedMediations")}</dt>
      <dd>
        {view.relatedFrom.map((mediation) => (
          <Link key={mediation.caseNo} to={`/cases/${mediation.caseNo}`} className="case-link">
            {mediation.caseNo}
          </Link>
        ))}
        {mayApply ? (
          <Link to={`/intake/mediation?from=${view.caseNo}`} className="no-print">
            {t("mediation.applyLink")}
          </Link>
        ) : null}
      </dd>
    </>
  );
}

export function MediationSection({ view }: { view: CaseView }) {
  if (view.kind !== "mediation") return null;
  return (
    <section className="panel" data-section="mediation">
      <h2>{t("mediation.parties")}</h2>
      <table>
        <tbody>
          {view.parties.map((party) => (
            <tr key={party.id} data-party={party.role}>
              <th>{t(party.role === "applicant" ? "mediation.applicant" : "mediation.respondent")}</th>
              <td>
                {party.name} <span className="muted">（{t(party.type === "unit" ? "mediation.unit" : "mediation.person")}）</span>
              </td>
              <td>{party.phone ?? ""}</td>
              <td>{party.address}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="fields">
        <dt>{t("mediation.claim")}</dt>
        <dd>{view.claim}</dd>
        {view.relatedCase ? (
          <>
            <dt>{t("mediation.relatedCase")}</dt>
            <dd>
              <Link to={`/cases/${view.relatedCase.caseNo}`}>{view.relatedCase.caseNo}</Link>
            </dd>
          </>
        ) : null}
        {view.mediationOutcome ? (
          <>
            <dt>{t("mediation.outcome")}</dt>
            <dd data-field="mediation-outcome">{tKey("mediation.outcome", view.mediationOutcome)}</dd>
            <dt>{t("mediation.outcomeText")}</dt>
            <dd>{view.outcomeText}</dd>
          </>
        ) : null}
      </dl>
      {view.courtConfirmationDeadline ? (
        <p className="muted">{t("mediation.courtReminder", { date: day(view.courtConfirmationDeadline) })}</p>
      ) : null}
      <h3>{t("mediation.sessions")}</h3>
      {view.sessions.length === 0 ? (
        <p className="muted">{t("mediation.noSessions")}</p>
      ) : (
        <table data-section="sessions" aria-label={t("mediation.sessions")}>
          <thead>
            <tr>
              <th>{t("mediation.scheduledAt")}</th>
              <th>{t("mediation.place")}</th>
              <th>{t("mediation.mediators")}</th>
              <th>{t("mediation.attendees")}</th>
              <th>{t("mediation.notes")}</th>
            </tr>
          </thead>
          <tbody>
            {view.sessions.map((session) => (
              <tr key={session.id} data-session-status={session.status}>
                <td className="nowrap">
                  {showDateTime(session.scheduledAt)} <span className="state">{tKey("mediation.status", session.status)}</span>
                </td>
                <td>{session.place}</td>
                <td>{session.mediators.map((m) => m.displayName).join("、")}</td>
                <td>{session.attendees}</td>
                <td>{session.notes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.obligations.length > 0 ? (
        <>
          <h3>{t("mediation.obligations")}</h3>
          <table data-section="obligations">
            <thead>
              <tr>
                <th>{t("mediation.obligationParty")}</th>
                <th>{t("mediation.obligation")}</th>
                <th>{t("mediation.obligationDue")}</th>
                <th>{t("mediation.followUp")}</th>
              </tr>
            </thead>
            <tbody>
              {view.obligations.map((obligation) => (
                <tr key={obligation.id}>
                  <td>{obligation.party}</td>
                  <td>{obligation.obligation}</td>
                  <td className="nowrap">{obligation.dueDate}</td>
                  <td>
                    {obligation.followUp
                      ? `${obligation.performedAt ? t("mediation.performed") : t("mediation.notPerformed")}：${obligation.followUp}`
                      : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
