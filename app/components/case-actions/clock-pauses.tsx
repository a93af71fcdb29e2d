import { PAUSE_GROUNDS } from "~/domain/clock-pauses";
import type { CaseKind } from "~/domain/case-kinds";
import { t, tKey } from "~/i18n";
import { showDateTime } from "~/utils/format";
import { SelectField, TextAreaField, TextField } from "../form-fields";
import { ActionForm, type ActionFormProps, useCaseActionForm } from "./action-form";

/** The desk pauses the conclusion clock on a ground this kind of case allows, with why and on what basis. */
export function PauseClockForm(props: ActionFormProps) {
  const [form, fields] = useCaseActionForm("pauseClock", props.actionData);
  const grounds = PAUSE_GROUNDS[props.view.kind as CaseKind];
  return (
    <ActionForm view={props.view} submissionKey={props.submissionKey} action="pauseClock" form={form}>
      <SelectField meta={fields.ground} label={t("pause.ground")}>
        {grounds.length > 1 ? <option value="">{t("common.select")}</option> : null}
        {grounds.map((ground) => (
          <option key={ground} value={ground}>
            {tKey("pause.groundName", ground)}
          </option>
        ))}
      </SelectField>
      <TextAreaField meta={fields.reason} label={tKey("step.reason", "pauseClock")} />
      <TextField meta={fields.legalBasis} label={t("pause.legalBasis")} />
    </ActionForm>
  );
}

/** The desk resumes the paused clock: the days the pause took are added to the deadline. */
export function ResumeClockForm(props: ActionFormProps) {
  const [form] = useCaseActionForm("resumeClock", props.actionData);
  const paused = props.view.milestones.find((milestone) => milestone.pausedAt !== null && milestone.status === "open");
  return (
    <ActionForm view={props.view} submissionKey={props.submissionKey} action="resumeClock" form={form}>
      {paused?.pausedAt ? <p className="muted">{t("pause.since", { at: showDateTime(paused.pausedAt) })}</p> : null}
    </ActionForm>
  );
}
