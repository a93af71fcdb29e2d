import { createContext, useContext, useEffect, useRef, useState } from "react";
import { type FilledReplyTemplates, replyPurposeOf } from "~/domain/reply-templates";
import type { CaseAction } from "~/domain/workflow";
import { t } from "~/i18n";
import { insertIntoField } from "./insert-text";

/** The case page's reply templates, filled for the case on the server (app/models/replies). */
export const ReplyTemplatesContext = createContext<FilledReplyTemplates>({});

/**
 * Under a step's text: pick one of the templates for the step's purpose and insert it where the cursor
 * is, by keyboard (Tab to the list, arrows, Tab, Enter). Inserting needs JavaScript, so the picker
 * appears once the page is live; the text can always be typed.
 */
export function ReplyTemplatePicker({ action, fieldId }: { action: CaseAction; fieldId: string }) {
  const purpose = replyPurposeOf(action);
  const templates = useContext(ReplyTemplatesContext)[purpose ?? "answer"] ?? [];
  const [live, setLive] = useState(false);
  const choice = useRef<HTMLSelectElement>(null);
  useEffect(() => setLive(true), []);
  if (!purpose || templates.length === 0 || !live) return null;
  const insert = () => {
    const template = templates.find((candidate) => String(candidate.id) === choice.current?.value);
    if (template) insertIntoField(fieldId, template.text);
  };
  const selectId = `${fieldId}-template`;
  return (
    <div className="template-picker">
      <label htmlFor={selectId}>{t("replies.insert")}</label>
      <select id={selectId} ref={choice} defaultValue="">
        <option value="">{t("replies.choose")}</option>
        {templates.map((template) => (
          <option key={template.id} value={template.id}>
            {template.title}
          </option>
        ))}
      </select>
      <button type="button" className="secondary" onClick={insert}>
        {t("replies.insertButton")}
      </button>
    </div>
  );
}
