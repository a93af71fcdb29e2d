import { ATTACHMENT_KINDS } from "~/domain/attachments";
import { t, tKey } from "~/i18n";
import type { UploadState } from "./resilient-upload";

/** The accepted files, by type and by name (the server checks the content itself). */
const ACCEPT = "image/*,.heic,.heif,application/pdf,audio/*,.amr,.m4a,.doc,.docx,.xls,.xlsx";

/**
 * The files a step carries: several at once, straight from a phone's camera, with one kind, caption and
 * confidentiality for the lot, folded until wanted. Plain inputs, so that the form also works as a multipart post without
 * JavaScript.
 */
export function EvidenceFields({ action }: { action: string }) {
  const id = (name: string) => `${action}-${name}`;
  return (
    // Folded: most steps are taken without files, and an open block under every step repeats itself.
    <details className="evidence">
      <summary>{t("step.attachments")}</summary>
      <div className="field">
        <label htmlFor={id("camera")}>{t("attachment.camera")}</label>
        <input id={id("camera")} name="files" type="file" accept="image/*" capture="environment" />
      </div>
      <div className="field">
        <label htmlFor={id("files")}>{t("attachment.files")}</label>
        <input id={id("files")} name="files" type="file" multiple accept={ACCEPT} />
      </div>
      <div className="field">
        <label htmlFor={id("attachmentKind")}>{t("attachment.kind")}</label>
        <select id={id("attachmentKind")} name="attachmentKind" defaultValue="">
          <option value="">{t("common.auto")}</option>
          {ATTACHMENT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {tKey("attachment.kind", kind)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={id("attachmentCaption")}>{t("attachment.caption")}</label>
        <input id={id("attachmentCaption")} name="attachmentCaption" type="text" maxLength={200} />
      </div>
      <label className="checkbox">
        <input type="checkbox" name="attachmentConfidential" />
        {t("attachment.confidential")}
      </label>
    </details>
  );
}

/** The upload's progress, and after a dropped connection the offer to send the same submission again. */
export function UploadStatus({ state, onResend }: { state: UploadState; onResend: () => void }) {
  if (state.phase === "sending") {
    const percent = Math.round(state.progress * 100);
    return (
      <div className="upload-status" role="status">
        <label>
          {t("attachment.uploading", { percent })}
          <progress max={100} value={percent} />
        </label>
      </div>
    );
  }
  if (state.phase === "failed") {
    return (
      <div className="upload-status" role="alert">
        <p className="field-error">{t("attachment.uploadFailed")}</p>
        <button type="button" onClick={onResend}>
          {t("attachment.resend")}
        </button>
      </div>
    );
  }
  return null;
}
