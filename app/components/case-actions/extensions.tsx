import { EXTENSION_RULES } from "~/domain/kind-rules";
import type { CaseKind } from "~/domain/case-kinds";
import { t } from "~/i18n";
import { TextAreaField, TextField } from "../form-fields";
import { ActionForm, type ActionFormProps, useCaseActionForm } from "./action-form";

export function RequestExtensionForm({ view, actionData, submissionKey }: ActionFormProps) {
  const [form, fields] = useCaseActionForm("requestExtension", actionData);
  return (
    <ActionForm view={view} submissionKey={submissionKey} action="requestExtension" form={form}>
      <TextField
        meta={fields.amount}
        type="number"
        min={1}
        max={EXTENSION_RULES[view.kind as CaseKind].max}
        label={t("field.amount")}
      />
      <TextAreaField meta={fields.reason} label={t("field.reason")} />
    </ActionForm>
  );
}

export function ApproveExtensionForm({ view, actionData, submissionKey }: ActionFormProps) {
  const [form, fields] = useCaseActionForm("approveExtension", actionData);
  return (
    <ActionForm view={view} submissionKey={submissionKey} action="approveExtension" form={form}>
      {EXTENSION_RULES[view.kind as CaseKind].partyNotice ? (
        <TextAreaField
          meta={fields.partyNotice}
          label={t(view.kind === "petition" ? "petition.partyNotice" : "mediation.partyNotice")}
        />
      ) : null}
      <TextAreaField meta={fields.note} label={t("field.note")} />
    </ActionForm>
  );
}
