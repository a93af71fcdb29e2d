import { t, tKey } from "~/i18n";
import { SelectField, TextAreaField } from "../form-fields";
import { ActionForm, type ActionFormProps, useCaseActionForm } from "./action-form";

export function WithdrawAttachmentForm({ view, actionData, submissionKey }: ActionFormProps) {
  const [form, fields] = useCaseActionForm("withdrawAttachment", actionData);
  return (
    <ActionForm view={view} submissionKey={submissionKey} action="withdrawAttachment" form={form} danger>
      <SelectField meta={fields.attachmentId} label={t("attachment.toWithdraw")}>
        <option value="">{t("common.select")}</option>
        {view.attachments
          .filter((attachment) => !attachment.withdrawnAt)
          .map((attachment) => (
            <option key={attachment.id} value={attachment.id}>
              {tKey("attachment.kind", attachment.kind)} · {attachment.fileName}
            </option>
          ))}
      </SelectField>
      <TextAreaField meta={fields.reason} label={tKey("step.reason", "withdrawAttachment")} />
    </ActionForm>
  );
}
