import { t, tKey } from "~/i18n";
import type { CaseView } from "~/models/case/view.server";
import { showDateTime } from "~/utils/format";

type Attachment = CaseView["attachments"][number];

const fileUrl = (caseNo: string, attachment: Attachment, variant?: "thumb" | "screen" | "original") =>
  `/cases/${caseNo}/attachments/${attachment.id}${variant ? `?variant=${variant}` : ""}`;

function showSize(bytes: number) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** One file: a photo as a thumbnail opening its screen-size view, anything else as a download with a note. */
function AttachmentItem({
  view,
  attachment,
  mayDownloadOriginals,
}: {
  view: CaseView;
  attachment: Attachment;
  mayDownloadOriginals: boolean;
}) {
  const label = attachment.caption || attachment.fileName;
  return (
    <li id={`attachment-${attachment.id}`} className="attachment" data-withdrawn={attachment.withdrawnAt ? "" : undefined}>
      {attachment.preview === "image" ? (
        <a
          href={fileUrl(view.caseNo, attachment, "screen")}
          target="_blank"
          rel="noreferrer"
          aria-label={t("attachment.view", { fileName: label })}
        >
          <img src={fileUrl(view.caseNo, attachment, "thumb")} alt={label} loading="lazy" width={160} height={160} />
        </a>
      ) : attachment.preview === "pending" ? (
        <span className="attachment-placeholder">{t("attachment.pending")}</span>
      ) : null}
      <div className="attachment-meta">
        <strong>{tKey("attachment.kind", attachment.kind)}</strong>
        {attachment.confidential ? <span className="state state-overdue"> {t("attachment.confidentialMark")}</span> : null}
        <div>{attachment.caption}</div>
        <div className="muted">
          {attachment.fileName} · {showSize(attachment.size)} ·{" "}
          {t("attachment.uploaded", { name: attachment.uploadedByName, at: showDateTime(attachment.uploadedAt) })}
        </div>
        {attachment.preview === "download" && attachment.contentType.startsWith("image/") ? (
          <div className="muted">{t("attachment.noPreview")}</div>
        ) : null}
        {attachment.contentType.startsWith("audio/") && attachment.contentType !== "audio/amr" ? (
          <audio controls preload="none" src={fileUrl(view.caseNo, attachment)} aria-label={label} />
        ) : null}
        <div>
          {!attachment.contentType.startsWith("image/") || attachment.preview === "download" ? (
            <a href={fileUrl(view.caseNo, attachment, "original")} download>
              {t("attachment.download")}
            </a>
          ) : mayDownloadOriginals ? (
            <a href={fileUrl(view.caseNo, attachment, "original")} download>
              {t("attachment.original")}
            </a>
          ) : null}
        </div>
        {attachment.withdrawnAt ? (
          <div className="field-error">{t("attachment.withdrawn", { reason: attachment.withdrawReason ?? "" })}</div>
        ) : null}
      </div>
    </li>
  );
}

/** The case's evidence, by the step it was added at; images as a gallery. */
export function CaseAttachments({ view, mayDownloadOriginals }: { view: CaseView; mayDownloadOriginals: boolean }) {
  const steps = new Map<string, Attachment[]>();
  for (const attachment of view.attachments) {
    const step = t("attachment.step", { action: tKey("action", attachment.action), round: attachment.round });
    steps.set(step, [...(steps.get(step) ?? []), attachment]);
  }
  return (
    <section className="panel" aria-labelledby="attachments-heading">
      <h2 id="attachments-heading">{t("attachment.section")}</h2>
      {view.attachments.length === 0 ? <p className="muted">{t("attachment.none")}</p> : null}
      {[...steps].map(([step, attachments]) => (
        <section key={step} aria-label={step}>
          <h3>{step}</h3>
          <ul className="attachment-list">
            {attachments.map((attachment) => (
              <AttachmentItem
                key={attachment.id}
                view={view}
                attachment={attachment}
                mayDownloadOriginals={mayDownloadOriginals}
              />
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
