import { t } from "~/i18n";
import { TextAreaField, TextField } from "../form-fields";
import { ActionForm, type ActionFormProps, useCaseActionForm } from "./action-form";

/** The desk's correction of who the complaint is about: a unit of the register by code or name, or a name as given. */
export function SetRespondentForm({ view, actionData, submissionKey }: ActionFormProps) {
  const [form, fields] = useCaseActionForm("setRespondent", actionData, { subject: view.subject });
  return (
    <ActionForm view={view} submissionKey={submissionKey} action="setRespondent" form={form}>
      <TextField meta={fields.subject} label={t("field.subject")} hint={t("register.respondentHint")} />
      <TextAreaField meta={fields.reason} label={t("step.reason.setRespondent")} />
    </ActionForm>
  );
}
