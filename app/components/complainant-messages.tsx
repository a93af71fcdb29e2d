import { t, tKey } from "~/i18n";
import type { CaseView } from "~/models/case/view.server";
import { showDateTime } from "~/utils/format";

/** What the complainant was sent about the case, and whether the SMS gateway confirmed it. */
export function ComplainantMessages({ view }: { view: CaseView }) {
  const why = !view.complainantPhone ? t("sms.noPhone") : view.refusesMessages ? t("sms.refused") : null;
  return (
    <section className="panel" aria-labelledby="messages-heading" data-section="messages">
      <h2 id="messages-heading">{t("sms.section")}</h2>
      {why ? <p className="muted">{why}</p> : null}
      {view.messages.length === 0 ? (
        why ? null : (
          <p className="muted">{t("sms.none")}</p>
        )
      ) : (
        <ol className="timeline">
          {view.messages.map((message) => (
            <li key={message.id} data-status={message.status}>
              <div className="when">
                {showDateTime(message.createdAt, true)} · {tKey("sms.event", message.event)}
              </div>
              <p>{message.text}</p>
              <div className="muted">
                {tKey("sms.status", message.status)}
                {message.confirmedAt ? ` · ${showDateTime(message.confirmedAt, true)}` : ""}
                {message.gatewayDetail ? ` · ${message.gatewayDetail}` : ""}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
