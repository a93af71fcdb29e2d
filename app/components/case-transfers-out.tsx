import { Link } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import type { CaseView } from "~/models/case/view.server";
import { showDateTime } from "~/utils/format";

/** The case's transfers out: to whom, why, how far the partner got, and its reply (docs/integrations.md). */
export function CaseTransfersOut({ view }: { view: CaseView }) {
  if (view.transfers.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="transfers-heading" data-section="transfers">
      <h2 id="transfers-heading">{t("transfer.section")}</h2>
      <ol className="timeline">
        {view.transfers.map((transfer) => (
          <li key={transfer.id} data-transfer={transfer.id} data-delivery={transfer.delivery}>
            <div className="when">
              {showDateTime(transfer.sentAt, true)} · {tKey("transfer.modeShort", transfer.mode)} · {transfer.partner.name}
            </div>
            <dl className="fields">
              <dt>{t("transfer.reason")}</dt>
              <dd>{transfer.reason}</dd>
              <dt>{t("transfer.legalBasis")}</dt>
              <dd>{transfer.legalBasis}</dd>
              <dt>{t("transfer.replyDueAt")}</dt>
              <dd>
                {showDateTime(transfer.replyDueAt)}
                {transfer.overdue ? <strong> · {t("transfer.overdue")}</strong> : null}
              </dd>
              <dt>{t("transfer.delivery")}</dt>
              <dd>
                {tKey("transfer.delivery", transfer.delivery)}
                {transfer.deliveryError ? <span className="muted"> · {transfer.deliveryError}</span> : null}
                {transfer.delivery === "letter" ? (
                  <>
                    {" · "}
                    <Link to={`/cases/${view.caseNo}/print/transferLetter-${transfer.id}`}>{t("transfer.letter")}</Link>
                  </>
                ) : null}
              </dd>
              {transfer.remoteCaseNo ? (
                <>
                  <dt>{t("transfer.remote")}</dt>
                  <dd>
                    {transfer.remoteCaseNo}
                    {transfer.remoteStage ? ` · ${tKey("query.stage", transfer.remoteStage)}` : ""}
                    {transfer.remoteUpdatedAt ? (
                      <span className="muted"> · {showDateTime(transfer.remoteUpdatedAt, true)}</span>
                    ) : null}
                  </dd>
                </>
              ) : null}
              <dt>{t("transfer.reply")}</dt>
              <dd>
                {transfer.repliedAt ? (
                  <>
                    {transfer.replyText}
                    <span className="muted"> · {showDateTime(transfer.repliedAt, true)}</span>
                  </>
                ) : (
                  <span className="muted">{t("transfer.awaiting")}</span>
                )}
              </dd>
            </dl>
          </li>
        ))}
      </ol>
    </section>
  );
}
