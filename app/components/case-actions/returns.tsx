import { RETURN_DECISIONS, RETURN_GROUNDS } from "~/domain/returns";
import { t, tKey } from "~/i18n";
import { showDateTime } from "~/utils/format";
import { ChoiceGroup, SelectField, TextAreaField } from "../form-fields";
import { NamedOptions } from "../named-options";
import { ActionForm, type ActionFormProps, type Vocabulary, useCaseActionForm } from "./action-form";
import { ReplyTemplatePicker } from "./reply-templates";

/** A unit returns a case: why (a ground and its words) and, if it knows, who should handle it. */
export function ReturnForm({ vocabulary, ...props }: ActionFormProps & { vocabulary: Vocabulary }) {
  const [form, fields] = useCaseActionForm("return", props.actionData);
  const others = vocabulary.assignees.filter((unit) => unit.id !== props.view.assignedToId);
  return (
    <ActionForm view={props.view} submissionKey={props.submissionKey} action="return" form={form} danger>
      <SelectField meta={fields.ground} label={t("returns.ground")}>
        <option value="">{t("common.select")}</option>
        {RETURN_GROUNDS.map((ground) => (
          <option key={ground} value={ground}>
            {tKey("returnGround", ground)}
          </option>
        ))}
      </SelectField>
      <TextAreaField meta={fields.reason} label={tKey("step.reason", "return")} />
      <ReplyTemplatePicker action="return" fieldId={fields.reason.id} />
      <SelectField meta={fields.suggestedUnitId} label={t("returns.suggested")}>
        <option value="">{t("returns.noSuggestion")}</option>
        <NamedOptions items={others} />
      </SelectField>
    </ActionForm>
  );
}

/** The desk decides the return waiting on the case: what the unit said, then the decision and its reason. */
export function DecideReturnForm({ vocabulary, ...props }: ActionFormProps & { vocabulary: Vocabulary }) {
  const open = props.view.returns.find((row) => row.decidedAt === null);
  const [form, fields] = useCaseActionForm("decideReturn", props.actionData, {
    assigneeId: open?.suggestedUnitId ? String(open.suggestedUnitId) : "",
  });
  if (!open) return null;
  return (
    <ActionForm view={props.view} submissionKey={props.submissionKey} action="decideReturn" form={form}>
      <p>
        {t("returns.entry", {
          at: showDateTime(open.returnedAt),
          unit: open.fromUnit.name,
          ground: tKey("returnGround", open.ground),
        })}
        {open.suggestedUnit ? `；${t("returns.suggested")}：${open.suggestedUnit.name}` : null}
      </p>
      <p className="recorded">{open.reason}</p>
      <p className="muted">
        {t("returns.decideBy")}：{showDateTime(open.dueAt)}
      </p>
      <ChoiceGroup
        meta={fields.decision}
        legend={t("returns.decision")}
        type="radio"
        options={RETURN_DECISIONS.map((decision) => ({ value: decision, label: tKey("returnDecision", decision) }))}
      />
      <SelectField meta={fields.assigneeId} label={t("returns.unitChosen")}>
        <option value="">{t("common.select")}</option>
        <NamedOptions items={vocabulary.assignees} />
      </SelectField>
      <ChoiceGroup
        meta={fields.assistingIds}
        legend={t("returns.assistingWithLead")}
        options={vocabulary.assignees.map((unit) => ({ value: String(unit.id), label: unit.name }))}
      />
      <TextAreaField meta={fields.reason} label={tKey("step.reason", "decideReturn")} />
    </ActionForm>
  );
}
