import { SATISFACTION_LEVELS } from "~/domain/case-kinds";
import { t } from "~/i18n";
import { SelectField } from "../form-fields";
import { NamedOptions } from "../named-options";
import { ActionForm, type ActionFormProps, type Vocabulary, useCaseActionForm } from "./action-form";

export function AssignForm({ view, vocabulary, actionData, submissionKey }: ActionFormProps & { vocabulary: Vocabulary }) {
  const [form, fields] = useCaseActionForm("assign", actionData, {
    assigneeId: String(view.assignedToId ?? view.townshipId),
  });
  return (
    <ActionForm view={view} submissionKey={submissionKey} action="assign" form={form}>
      <SelectField meta={fields.assigneeId} label={t("field.assignedTo")}>
        <NamedOptions items={vocabulary.assignees} />
      </SelectField>
    </ActionForm>
  );
}

export function CloseForm({ view, actionData, submissionKey }: ActionFormProps) {
  const [form, fields] = useCaseActionForm("close", actionData);
  // A rating the complainant gave stands unless the follow-up call records another answer.
  const rated = view.satisfactionSource === "complainant" ? view.satisfaction : null;
  return (
    <ActionForm view={view} submissionKey={submissionKey} action="close" form={form}>
      {rated ? <p className="muted">{t("case.complainantRated", { level: rated })}</p> : null}
      <SelectField meta={fields.satisfaction} label={t("field.satisfaction")}>
        <option value="">{rated ? t("case.keepRating") : t("common.none")}</option>
        {SATISFACTION_LEVELS.map((level) => (
          <option key={level} value={level}>
            {level}
          </option>
        ))}
      </SelectField>
    </ActionForm>
  );
}
