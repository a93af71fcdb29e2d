import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { config } from "~/config.server";
import { useLoaderData } from "@remix-run/react";
import { documentKindOf, printableDocuments } from "~/models/case/documents";
import { chineseDateOf } from "~/domain/local-time";
import { type MessageKey, t, tKey } from "~/i18n";
import { showDateTime } from "~/utils/format";
import { getCaseForViewer } from "~/models/case/view.server";
import { CaseNotFoundError } from "~/models/errors";
import { caseNotFound, requireUser } from "~/session.server";

/** The letters of a petition and the mediation agreement, on A4 with the case's data (print from the browser). */
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${t(`print.title.${documentKindOf(data.document)}` as MessageKey)} ${data.view.caseNo}` : t("app.shortName") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    const view = await getCaseForViewer(user, params.caseNo!);
    const document = params.document!;
    if (!printableDocuments(view).includes(document)) throw new Response(t("error.notFound"), { status: 404 });
    return { view, document, bureau: config().BUREAU_NAME, printedAt: new Date() };
  } catch (error) {
    if (error instanceof CaseNotFoundError) throw await caseNotFound(request, user, error);
    throw error;
  }
}

function PrintButton() {
  return (
    <p className="no-print">
      <button type="button" onClick={() => window.print()}>
        {t("report.print")}
      </button>
    </p>
  );
}

const chineseDate = (value: Date | string | null) => (value ? chineseDateOf(new Date(value)) : "");

export default function PrintDocument() {
  const { view, document, bureau, printedAt } = useLoaderData<typeof loader>();
  const title = t(`print.title.${documentKindOf(document)}` as MessageKey);
  const addressee = view.complainantName ?? t("case.anonymous");
  const values = {
    caseNo: view.caseNo,
    received: chineseDate(view.receivedAt),
    accepted: chineseDate(view.acceptedAt),
    description: view.description,
    reason: view.decisionReason ?? "",
  };
  const signedOn = chineseDate(
    document === "acceptanceNotice" || document === "rejectionNotice"
      ? (view.decisionLetterAt ?? view.acceptedAt ?? view.rejectedAt)
      : view.concludedAt,
  );
  if (document === "record") return <CaseRecord view={view} bureau={bureau} printedAt={printedAt} />;
  if (documentKindOf(document) === "transferLetter") {
    return <TransferLetter view={view} transferId={Number(document.split("-")[1])} bureau={bureau} title={title} />;
  }
  return (
    <article className="print-document" data-document={document}>
      <h1>{title}</h1>
      <p className="document-number">{view.caseNo}</p>
      {document === "agreement" ? (
        <>
          <h2>{t("print.agreementParties")}</h2>
          {view.parties.map((party) => (
            <p key={party.id}>
              {t(party.role === "applicant" ? "mediation.applicant" : "mediation.respondent")}：{party.name}
              {party.phone ? `，${t("field.complainantPhone")}：${party.phone}` : ""}
              {party.address ? `，${t("field.address")}：${party.address}` : ""}
            </p>
          ))}
          <h2>{t("print.agreementDispute")}</h2>
          <p>{view.description}</p>
          <p>
            {t("mediation.claim")}：{view.claim}
          </p>
          <h2>{t("print.agreementTerms")}</h2>
          <p className="body-text">{view.outcomeText}</p>
          <h2>{t("print.agreementObligations")}</h2>
          <ol>
            {view.obligations.map((obligation) => (
              <li key={obligation.id}>
                {obligation.party}：{obligation.obligation}，{chineseDate(`${obligation.dueDate}T12:00:00+08:00`)}前履行完毕。
              </li>
            ))}
          </ol>
          <p className="body-text">{t("print.agreementEffect")}</p>
          <p className="signatures">{t("print.signatures")}</p>
        </>
      ) : (
        <>
          <p>{t("print.to", { name: addressee })}</p>
          {document === "acceptanceNotice" ? <p className="body-text">{t("print.acceptanceBody", values)}</p> : null}
          {document === "rejectionNotice" ? <p className="body-text">{t("print.rejectionBody", values)}</p> : null}
          {document === "answerLetter" ? (
            <>
              <p className="body-text">{t("print.answerIntro", values)}</p>
              <p className="body-text">{view.replyText}</p>
              <p className="body-text">{t("print.answerRights")}</p>
            </>
          ) : null}
        </>
      )}
      <p className="issuer">
        {bureau}
        <br />
        {t("print.seal")}
        <br />
        {signedOn}
      </p>
      <PrintButton />
    </article>
  );
}

type PrintedCase = ReturnType<typeof useLoaderData<typeof loader>>["view"];

/** The letter that sends a case to a body without Greenline (公安机关, another department): A4, with the stamp line. */
function TransferLetter({
  view,
  transferId,
  bureau,
  title,
}: {
  view: PrintedCase;
  transferId: number;
  bureau: string;
  title: string;
}) {
  const transfer = view.transfers.find((candidate) => candidate.id === transferId)!;
  const values = {
    received: chineseDate(view.receivedAt),
    caseNo: view.caseNo,
    description: view.description,
    reason: transfer.reason,
    legalBasis: transfer.legalBasis,
    due: chineseDate(transfer.replyDueAt),
  };
  return (
    <article className="print-document" data-document="transferLetter">
      <h1>{title}</h1>
      <p className="document-number">
        {view.caseNo}-Y{transfer.id}
      </p>
      <p>{t("print.transferTo", { partner: transfer.partner.name })}</p>
      <p className="body-text">{t(transfer.mode === "joint" ? "print.transferJointBody" : "print.transferBody", values)}</p>
      {view.complainantName ? (
        <p className="body-text">
          {t("print.transferComplainant", { name: view.complainantName, phone: view.complainantPhone ?? t("common.none") })}
        </p>
      ) : null}
      <p className="body-text">{t("print.transferContact")}</p>
      <p className="issuer">
        {bureau}
        <br />
        {t("print.seal")}
        <br />
        {chineseDate(transfer.sentAt)}
      </p>
      <PrintButton />
    </article>
  );
}

/** The case's record on A4: its fields, its history, and its photos as thumbnails (files as a list). */
function CaseRecord({ view, bureau, printedAt }: { view: PrintedCase; bureau: string; printedAt: string | Date }) {
  const shown = view.attachments.filter((attachment) => !attachment.withdrawnAt);
  const photos = shown.filter((attachment) => attachment.preview === "image");
  const others = shown.filter((attachment) => attachment.preview !== "image");
  const field = (label: MessageKey, value: string | null | undefined) => (
    <>
      <dt>{t(label)}</dt>
      <dd>{value || t("common.none")}</dd>
    </>
  );
  return (
    <article className="print-document" data-document="record">
      <h1>{t("print.title.record")}</h1>
      <p className="document-number">
        {view.caseNo} · {tKey("kind", view.kind)} · {tKey("state", view.state)}
      </p>
      <dl className="fields">
        {field("field.receivedAt", showDateTime(view.receivedAt))}
        {field("field.channel", view.channelName)}
        {field("field.complainantName", view.complainantName ?? t("case.anonymous"))}
        {field("field.township", view.township.name)}
        {field("field.category", view.categoryName)}
        {field("field.subject", view.subject)}
        {field("field.address", view.address)}
        {field("field.description", view.description)}
        {field("field.resultText", view.resultText)}
        {field("field.replyText", view.replyText)}
      </dl>
      <h2>{t("case.timeline")}</h2>
      <ol className="print-timeline">
        {view.timeline.map((event) => (
          <li key={event.id}>
            {showDateTime(event.at)} {event.actorName ?? t("case.system")}：{tKey("action", event.action)}
            {event.reason ? `（${event.reason}）` : ""}
          </li>
        ))}
      </ol>
      {photos.length > 0 ? (
        <>
          <h2>{t("attachment.section")}</h2>
          <div className="print-photos">
            {photos.map((attachment) => (
              <figure key={attachment.id}>
                <img
                  src={`/cases/${view.caseNo}/attachments/${attachment.id}?variant=thumb`}
                  alt={attachment.caption || attachment.fileName}
                />
                <figcaption>
                  {tKey("attachment.kind", attachment.kind)} · {attachment.caption || attachment.fileName} ·{" "}
                  {showDateTime(attachment.uploadedAt)}
                </figcaption>
              </figure>
            ))}
          </div>
        </>
      ) : null}
      {others.length > 0 ? (
        <ul>
          {others.map((attachment) => (
            <li key={attachment.id}>
              {tKey("attachment.kind", attachment.kind)}：{attachment.fileName}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="issuer">
        {bureau}
        <br />
        {t("print.printedAt", { at: showDateTime(printedAt) })}
      </p>
      <PrintButton />
    </article>
  );
}
