import { useEffect, useState } from "react";
import { DEFAULT_PART_WORKING_DAYS } from "~/domain/assisting";
import { t } from "~/i18n";
import { showDateTime } from "~/utils/format";
import { ChoiceGroup, TextAreaField, TextField } from "../form-fields";
import { ActionForm, type ActionFormProps, type Vocabulary, useCaseActionForm } from "./action-form";
import { insertIntoField } from "./insert-text";

/** The desk asks other units to assist the lead unit, each with the same instruction and days for its part. */
export function RequestAssistanceForm({ vocabulary, ...props }: ActionFormProps & { vocabulary: Vocabulary }) {
  const [form, fields] = useCaseActionForm("requestAssistance", props.actionData, {
    workingDays: String(DEFAULT_PART_WORKING_DAYS),
  });
  const assisting = new Set(props.view.assisting.filter((part) => part.round === props.view.round).map((part) => part.unitId));
  const choices = vocabulary.assignees.filter((unit) => unit.id !== props.view.assignedToId && !assisting.has(unit.id));
  return (
    <ActionForm view={props.view} submissionKey={props.submissionKey} action="requestAssistance" form={form}>
      <ChoiceGroup
        meta={fields.unitIds}
        legend={t("assisting.units")}
        options={choices.map((unit) => ({ value: String(unit.id), label: unit.name }))}
      />
      <TextField meta={fields.workingDays} type="number" min={1} label={t("assisting.workingDays")} />
      <TextAreaField meta={fields.instruction} label={t("assisting.instruction")} />
    </ActionForm>
  );
}

/** An assisting unit submits its part: what was asked of it, by when, and its answer. */
export function SubmitPartForm(props: ActionFormProps & { unitId: number | null }) {
  const [form, fields] = useCaseActionForm("submitPart", props.actionData);
  const part = props.view.assisting.find((row) => row.unitId === props.unitId && row.submittedAt === null);
  return (
    <ActionForm view={props.view} submissionKey={props.submissionKey} action="submitPart" form={form}>
      {part ? (
        <p className="muted">
          {t("assisting.instructionIs", { instruction: part.instruction })}{" "}
          {t("assisting.dueBy", { due: showDateTime(part.dueAt) })}
        </p>
      ) : null}
      <TextAreaField meta={fields.text} label={t("assisting.partText")} />
    </ActionForm>
  );
}

/** Under the lead unit's result: each submitted part, put into the result by one button (needs JavaScript). */
export function QuoteParts({ view, fieldId }: { view: ActionFormProps["view"]; fieldId: string }) {
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  const parts = view.assisting.filter((part) => part.round === view.round && part.submittedAt !== null);
  if (!live || parts.length === 0) return null;
  return (
    <div className="template-picker">
      {parts.map((part) => (
        <button
          key={part.id}
          type="button"
          className="secondary"
          onClick={() => insertIntoField(fieldId, t("assisting.quote", { unit: part.unit.name, text: part.partText ?? "" }))}
        >
          {t("assisting.quoteButton", { unit: part.unit.name })}
        </button>
      ))}
    </div>
  );
}
