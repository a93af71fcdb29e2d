import { t } from "~/i18n";
import { TextAreaField, TextField } from "../form-fields";
import { ActionForm, type ActionFormProps, useCaseActionForm } from "./action-form";

export function RequestReviewForm({ view, actionData, submissionKey }: ActionFormProps) {
  const [form, fields] = useCaseActionForm("requestReview", actionData);
  return (
    <ActionForm view={view} submissionKey={submissionKey} action="requestReview" form={form}>
      <TextField meta={fields.requestedOn} type="date" label={t("petition.requestedOn")} />
      <TextAreaField meta={fields.text} label={t("petition.request")} />
    </ActionForm>
  );
}
