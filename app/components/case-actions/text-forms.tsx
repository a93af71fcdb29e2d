import { tKey } from "~/i18n";
import { TextAreaField } from "../form-fields";
import { ActionForm, type ActionFormProps, useCaseActionForm } from "./action-form";
import { ReplyTemplatePicker } from "./reply-templates";
import { QuoteParts } from "./assisting";

/** The actions whose whole form is one reason or one text: their schemas have exactly that field. */
type ReasonAction = "sendBack" | "reopen";
type TextAction = "note" | "onSite" | "submit" | "conclude" | "instruct";

/** Each reason is asked for in the step's own words ("退回理由…", not a bare 理由). */
export function ReasonForm({ action, danger, ...props }: ActionFormProps & { action: ReasonAction; danger?: boolean }) {
  const [form, fields] = useCaseActionForm(action, props.actionData);
  return (
    <ActionForm view={props.view} submissionKey={props.submissionKey} action={action} form={form} danger={danger}>
      <TextAreaField meta={fields.reason} label={tKey("step.reason", action)} />
      <ReplyTemplatePicker action={action} fieldId={fields.reason.id} />
    </ActionForm>
  );
}

/** `quoteParts`: the lead unit's result, into which the assisting units' parts may be put. */
export function TextForm({ action, quoteParts, ...props }: ActionFormProps & { action: TextAction; quoteParts?: boolean }) {
  const [form, fields] = useCaseActionForm(action, props.actionData);
  return (
    <ActionForm view={props.view} submissionKey={props.submissionKey} action={action} form={form}>
      <TextAreaField meta={fields.text} label={tKey("step.text", action)} />
      <ReplyTemplatePicker action={action} fieldId={fields.text.id} />
      {quoteParts ? <QuoteParts view={props.view} fieldId={fields.text.id} /> : null}
    </ActionForm>
  );
}
