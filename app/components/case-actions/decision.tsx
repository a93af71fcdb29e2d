import { toDateTimeLocalValue } from "~/domain/local-time";
import { t, tKey } from "~/i18n";
import { showDateTime } from "~/utils/format";
import { CheckboxField, SelectField, TextAreaField, TextField } from "../form-fields";
import { NamedOptions } from "../named-options";
import { ActionForm, type ActionFormProps, type Vocabulary, useCaseActionForm } from "./action-form";
import { ReplyTemplatePicker } from "./reply-templates";

/** The date of a petition's written decision (告知书), today unless told. */
function LetterDateField({ meta }: { meta: Parameters<typeof TextField>[0]["meta"] }) {
  return <TextField meta={meta} type="date" label={t("petition.letterDate")} />;
}

export function AcceptForm({ view, actionData, submissionKey }: ActionFormProps) {
  const [form, fields] = useCaseActionForm("accept", actionData);
  return (
    <ActionForm view={view} submissionKey={submissionKey} action="accept" form={form}>
      {view.kind === "petition" ? <LetterDateField meta={fields.letterDate} /> : null}
    </ActionForm>
  );
}

/** 签收: the unit holding the case says it has it, by the time the policy gives. */
export function SignForForm({ view, actionData, submissionKey }: ActionFormProps) {
  const [form] = useCaseActionForm("signFor", actionData);
  return (
    <ActionForm view={view} submissionKey={submissionKey} action="signFor" form={form}>
      {view.signForBy ? <p className="muted">{t("case.signForBy", { due: showDateTime(view.signForBy) })}</p> : null}
    </ActionForm>
  );
}

export function RejectForm({ view, actionData, submissionKey }: ActionFormProps) {
  const [form, fields] = useCaseActionForm("reject", actionData);
  return (
    <ActionForm view={view} submissionKey={submissionKey} action="reject" form={form} danger>
      <TextAreaField meta={fields.reason} label={tKey("step.reason", "reject")} />
      <ReplyTemplatePicker action="reject" fieldId={fields.reason.id} />
      {view.kind === "petition" ? <LetterDateField meta={fields.letterDate} /> : null}
    </ActionForm>
  );
}

export function MergeForm({ view, actionData, submissionKey }: ActionFormProps) {
  const [form, fields] = useCaseActionForm("merge", actionData);
  return (
    <ActionForm view={view} submissionKey={submissionKey} action="merge" form={form}>
      <TextField meta={fields.targetCaseNo} label={t("field.mergedInto")} placeholder="TS-2026-00001" />
    </ActionForm>
  );
}

/** Intake fields, editable until acceptance. */
export function EditForm({ view, vocabulary, actionData, submissionKey }: ActionFormProps & { vocabulary: Vocabulary }) {
  const [form, fields] = useCaseActionForm("edit", actionData, {
    channel: view.channel,
    receivedAt: toDateTimeLocalValue(new Date(view.receivedAt)),
    urgency: view.urgency,
    complainantName: view.complainantName ?? "",
    complainantPhone: view.complainantPhone ?? "",
    anonymous: view.complainantName ? "" : "on",
    consentToDisclose: view.consentToDisclose ? "on" : "",
    refusesMessages: view.refusesMessages ? "on" : "",
    consentToPublish: view.consentToPublish ? "on" : "",
    townshipId: String(view.townshipId),
    category: view.category,
    subject: view.subject,
    address: view.address,
    description: view.description,
    kind: view.kind,
  });
  return (
    <details open={actionData?.intent === "edit"}>
      <summary>{tKey("action", "edit")}</summary>
      <ActionForm view={view} submissionKey={submissionKey} action="edit" form={form}>
        <input type="hidden" name={fields.kind.name} value={view.kind} />
        <SelectField meta={fields.channel} label={t("field.channel")}>
          <NamedOptions items={vocabulary.channels} />
        </SelectField>
        <TextField meta={fields.receivedAt} type="datetime-local" label={t("field.receivedAt")} />
        <SelectField meta={fields.urgency} label={t("field.urgency")}>
          <option value="normal">{tKey("urgency", "normal")}</option>
          <option value="urgent">{tKey("urgency", "urgent")}</option>
        </SelectField>
        <TextField meta={fields.complainantName} label={t("field.complainantName")} />
        <TextField meta={fields.complainantPhone} type="tel" label={t("field.complainantPhone")} />
        <CheckboxField meta={fields.anonymous} label={t("field.anonymous")} />
        <CheckboxField meta={fields.consentToDisclose} label={t("field.consentToDisclose")} />
        <CheckboxField meta={fields.refusesMessages} label={t("field.refusesMessages")} />
        <CheckboxField meta={fields.consentToPublish} label={t("field.consentToPublish")} />
        <SelectField meta={fields.townshipId} label={t("field.township")}>
          <NamedOptions items={vocabulary.townships} />
        </SelectField>
        <SelectField meta={fields.category} label={t("field.category")}>
          <NamedOptions items={vocabulary.categories} />
        </SelectField>
        <TextField meta={fields.subject} label={t("field.subject")} />
        <TextField meta={fields.address} label={t("field.address")} />
        <TextAreaField meta={fields.description} rows={4} label={t("field.description")} />
      </ActionForm>
    </details>
  );
}
