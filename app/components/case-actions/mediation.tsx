import { MEDIATION_OUTCOMES } from "~/domain/statistics";
import { OBLIGATION_ROWS } from "~/forms/case-actions/mediation";
import { t, tKey } from "~/i18n";
import { showDateTime } from "~/utils/format";
import { FieldError } from "../field-error";
import { ChoiceGroup, SelectField, TextAreaField, TextField } from "../form-fields";
import { ActionForm, type ActionFormProps, useCaseActionForm } from "./action-form";

export function MediationSessionForm({ view, actionData, submissionKey }: ActionFormProps) {
  const [form, fields] = useCaseActionForm("mediationSession", actionData, { status: "held" });
  const scheduled = view.sessions.filter((session) => session.status === "scheduled");
  return (
    <ActionForm view={view} submissionKey={submissionKey} action="mediationSession" form={form}>
      {scheduled.length > 0 ? (
        <SelectField meta={fields.sessionId} label={t("mediation.recordScheduled")}>
          <option value="">{t("mediation.newSession")}</option>
          {scheduled.map((session) => (
            <option key={session.id} value={session.id}>
              {showDateTime(session.scheduledAt)} {session.place}
            </option>
          ))}
        </SelectField>
      ) : null}
      <SelectField meta={fields.status} label={t("mediation.sessionStatus")}>
        <option value="held">{t("mediation.status.held")}</option>
        <option value="scheduled">{t("mediation.status.scheduled")}</option>
      </SelectField>
      <TextField meta={fields.scheduledAt} type="datetime-local" label={t("mediation.scheduledAt")} />
      <TextField meta={fields.place} label={t("mediation.place")} />
      <ChoiceGroup
        meta={fields.mediatorIds}
        legend={t("mediation.mediators")}
        options={view.mediatorChoices.map((mediator) => ({ value: String(mediator.id), label: mediator.displayName }))}
      />
      <TextAreaField meta={fields.attendees} label={t("mediation.attendees")} />
      <TextAreaField meta={fields.notes} label={t("mediation.notes")} />
    </ActionForm>
  );
}

export function ConcludeMediationForm({ view, actionData, submissionKey }: ActionFormProps) {
  const [form, fields] = useCaseActionForm("concludeMediation", actionData, { outcome: "agreement" });
  const rows = fields.obligations.getFieldList();
  const obligationRows = Array.from({ length: OBLIGATION_ROWS }, (_, index) => index);
  return (
    <ActionForm view={view} submissionKey={submissionKey} action="concludeMediation" form={form}>
      <SelectField meta={fields.outcome} label={t("mediation.outcome")}>
        {MEDIATION_OUTCOMES.map((outcome) => (
          <option key={outcome} value={outcome}>
            {tKey("mediation.outcome", outcome)}
          </option>
        ))}
      </SelectField>
      <TextAreaField meta={fields.text} label={t("mediation.outcomeText")} />
      <fieldset className="obligations" aria-describedby={fields.obligations.errorId}>
        <legend>{t("mediation.obligations")}</legend>
        {obligationRows.map((index) => {
          const row = rows[index]?.getFieldset();
          const name = (field: string) => `${fields.obligations.name}[${index}].${field}`;
          const rowLabel = (key: "mediation.obligationParty" | "mediation.obligation" | "mediation.obligationDue") =>
            `${t(key)} ${index + 1}`;
          return (
            <div key={index} className="obligation-row">
              <input
                name={name("party")}
                aria-label={rowLabel("mediation.obligationParty")}
                placeholder={t("mediation.obligationParty")}
                defaultValue={row?.party.initialValue}
              />
              <input
                name={name("obligation")}
                aria-label={rowLabel("mediation.obligation")}
                placeholder={t("mediation.obligation")}
                defaultValue={row?.obligation.initialValue}
              />
              <input
                name={name("dueDate")}
                type="date"
                aria-label={rowLabel("mediation.obligationDue")}
                defaultValue={row?.dueDate.initialValue}
              />
            </div>
          );
        })}
        <FieldError id={fields.obligations.errorId} message={fields.obligations.errors} />
      </fieldset>
    </ActionForm>
  );
}

export function FollowUpAgreementForm({ view, actionData, submissionKey }: ActionFormProps) {
  const [form, fields] = useCaseActionForm("followUpAgreement", actionData, { performed: "yes" });
  return (
    <ActionForm view={view} submissionKey={submissionKey} action="followUpAgreement" form={form}>
      <SelectField meta={fields.obligationId} label={t("mediation.obligation")}>
        {view.obligations.map((obligation) => (
          <option key={obligation.id} value={obligation.id}>
            {obligation.party}：{obligation.obligation}（{obligation.dueDate}）
          </option>
        ))}
      </SelectField>
      <SelectField meta={fields.performed} label={t("mediation.performedQuestion")}>
        <option value="yes">{t("mediation.performed")}</option>
        <option value="no">{t("mediation.notPerformed")}</option>
      </SelectField>
      <TextAreaField meta={fields.text} label={t("mediation.followUp")} />
    </ActionForm>
  );
}
