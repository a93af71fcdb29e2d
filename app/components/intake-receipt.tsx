import type { Bureau } from "~/config.server";
import { formatLookupCode } from "~/domain/case-lookup";
import { formatLocalDateTime, localDateOf } from "~/domain/local-time";
import { t } from "~/i18n";

/**
 * The receipt (回执) the operator reads out, or prints for a letter or a visit (A5, the rest of the page
 * hidden in print): the bureau and its hotline, case number, lookup code, when it was received, by when
 * the answer is due, and where progress can be looked up.
 */
export function IntakeReceipt({
  receipt,
  bureau,
}: {
  receipt: { caseNo: string; lookupCode: string; receivedAt: string; dueAt: string | null; anonymous: boolean };
  bureau: Bureau;
}) {
  return (
    <section className="panel receipt" aria-labelledby="receipt-heading">
      <p className="receipt-issuer">{bureau.name}</p>
      <h2 id="receipt-heading">{t("receipt.title")}</h2>
      <dl className="fields">
        <dt>{t("field.caseNo")}</dt>
        <dd>{receipt.caseNo}</dd>
        <dt>{t("receipt.lookupCode")}</dt>
        <dd className="lookup-code">{formatLookupCode(receipt.lookupCode)}</dd>
        <dt>{t("field.receivedAt")}</dt>
        <dd>{formatLocalDateTime(new Date(receipt.receivedAt), false)}</dd>
        {bureau.hotline ? (
          <>
            <dt>{t("receipt.hotline")}</dt>
            <dd>{bureau.hotline}</dd>
          </>
        ) : null}
        {bureau.lookupUrl ? (
          <>
            <dt>{t("receipt.lookupPage")}</dt>
            <dd>{bureau.lookupUrl}</dd>
          </>
        ) : null}
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
