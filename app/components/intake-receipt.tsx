import { formatLookupCode } from "~/domain/case-lookup";
import { localDateOf } from "~/domain/local-time";
import { t } from "~/i18n";

/**
 * The receipt (回执) the operator reads out, or prints for a letter or a visit (A5, the rest of the page
 * hidden in print): case number, lookup code, date received, and by when the answer is due.
 */
export function IntakeReceipt({
  receipt,
}: {
  receipt: { caseNo: string; lookupCode: string; receivedAt: string; dueAt: string | null; anonymous: boolean };
}) {
  return (
    <section className="panel receipt" aria-labelledby="receipt-heading">
      <p className="print-only receipt-issuer">{t("app.bureau")}</p>
      <h2 id="receipt-heading">{t("receipt.title")}</h2>
      <dl className="fields">
        <dt>{t("field.caseNo")}</dt>
        <dd>{receipt.caseNo}</dd>
        <dt>{t("receipt.lookupCode")}</dt>
        <dd className="lookup-code">{formatLookupCode(receipt.lookupCode)}</dd>
        <dt>{t("field.receivedAt")}</dt>
        <dd>{localDateOf(new Date(receipt.receivedAt))}</dd>
      </dl>
      {receipt.dueAt ? <p>{t("receipt.answerBy", { date: localDateOf(new Date(receipt.dueAt)) })}</p> : null}
      <p>{t(receipt.anonymous ? "receipt.howToLookUpAnonymous" : "receipt.howToLookUp")}</p>
      <p className="print-only receipt-stamp">{t("receipt.stamp", { date: localDateOf(new Date(receipt.receivedAt)) })}</p>
      <p className="muted no-print">{t("receipt.onlyNow")}</p>
      <p className="no-print">
        <button type="button" onClick={() => window.print()}>
          {t("receipt.print")}
        </button>
      </p>
    </section>
  );
}
