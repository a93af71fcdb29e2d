import { type MessageKey, t } from "~/i18n";
import { TextAreaField } from "../form-fields";
import { ActionForm, type ActionFormProps, useCaseActionForm } from "./action-form";

/** The actions whose whole form is one reason or one text: their schemas have exactly that field. */
type ReasonAction = "return" | "sendBack" | "refuseExtension" | "reopen";
type TextAction = "note" | "onSite" | "submit" | "conclude" | "instruct";

export function ReasonForm({ action, danger, ...props }: ActionFormProps & { action: ReasonAction; danger?: boolean }) {
  const [form, fields] = useCaseActionForm(action, props.actionData);
  return (
    <ActionForm view={props.view} submissionKey={props.submissionKey} action={action} form={form} danger={danger}>
      <TextAreaField meta={fields.reason} label={t("field.reason")} />
    </ActionForm>
  );
}

export function TextForm({ action, label, ...props }: ActionFormProps & { action: TextAction; label: MessageKey }) {
  const [form, fields] = useCaseActionForm(action, props.actionData);
  return (
    <ActionForm view={props.view} submissionKey={props.submissionKey} action={action} form={form}>
      <TextAreaField meta={fields.text} label={t(label)} />
    </ActionForm>
  );
}
