import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { type CaseKind, SATISFACTION_LEVELS } from "~/domain/case-kinds";
import { EXTENSION_RULES } from "~/domain/kind-rules";
import { showDateTime } from "~/utils/format";
import { toDateTimeLocalValue } from "~/domain/local-time";
import type { CaseAction } from "~/domain/workflow";
import { type MessageKey, t, tKey } from "~/i18n";
import type { CaseView } from "~/models/case-queries.server";
import type { loadCaseVocabulary } from "~/models/reference.server";
import { FieldError } from "./field-error";
import { NamedOptions } from "~/components/named-options";

type Vocabulary = Awaited<ReturnType<typeof loadCaseVocabulary>>;

interface ActionData {
  intent: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  message: string | null;
}

interface FormProps {
  view: CaseView;
  action: CaseAction;
  actionData: ActionData | null;
  children?: ReactNode;
  danger?: boolean;
}

/** One action's form: posts the action and the version the user saw; shows its errors and keeps its values. */
function ActionForm({ view, action, actionData, children, danger }: FormProps) {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === action;
  return (
    <Form method="post" className="action-form" data-action={action}>
      <input type="hidden" name="intent" value={action} />
      <input type="hidden" name="version" value={view.version} />
      {children}
      <FieldError id={`${action}-form-error`} message={actionData?.intent === action ? actionData.errors.form : null} />
      <button type="submit" className={danger ? "danger" : undefined} disabled={busy}>
        {tKey("action", action)}
      </button>
    </Form>
  );
}

function TextArea({
  action,
  name,
  label,
  actionData,
}: {
  action: CaseAction;
  name: string;
  label: MessageKey;
  actionData: ActionData | null;
}) {
  const mine = actionData?.intent === action;
  const id = `${action}-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{t(label)}</label>
      <textarea
        id={id}
        name={name}
        rows={3}
        defaultValue={mine ? actionData.values[name] : undefined}
        aria-invalid={mine && actionData.errors[name] ? true : undefined}
        aria-describedby={`${id}-error`}
      />
      <FieldError id={`${id}-error`} message={mine ? actionData.errors[name] : null} />
    </div>
  );
}

function Field({ id, label, error, children }: { id: string; label: MessageKey; error?: string | null; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{t(label)}</label>
      {children}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** The date of a petition's written decision (告知书), today unless told. */
function LetterDate({ action, actionData }: { action: CaseAction; actionData: ActionData | null }) {
  const mine = actionData?.intent === action;
  return (
    <Field id={`${action}-letterDate`} label="petition.letterDate" error={mine ? actionData.errors.letterDate : null}>
      <input
        id={`${action}-letterDate`}
        name="letterDate"
        type="date"
        defaultValue={mine ? actionData.values.letterDate : undefined}
      />
    </Field>
  );
}

/** The actions of petitions (review requests) and mediations (sessions, conclusion, follow-up). */
function KindActionForms({ view, actionData }: { view: CaseView; actionData: ActionData | null }) {
  const allowed = new Set(view.allowedActions);
  const common = { view, actionData };
  const errorsOf = (action: CaseAction) => (actionData?.intent === action ? actionData.errors : {});
  const valuesOf = (action: CaseAction) => (actionData?.intent === action ? actionData.values : {});
  const scheduled = view.sessions.filter((session) => session.status === "scheduled");
  return (
    <>
      {allowed.has("requestReview") ? (
        <ActionForm {...common} action="requestReview">
          <Field id="review-requestedOn" label="petition.requestedOn" error={errorsOf("requestReview").requestedOn}>
            <input id="review-requestedOn" name="requestedOn" type="date" defaultValue={valuesOf("requestReview").requestedOn} />
          </Field>
          <TextArea action="requestReview" name="text" label="petition.request" actionData={actionData} />
        </ActionForm>
      ) : null}
      {allowed.has("session") ? (
        <ActionForm {...common} action="session">
          {scheduled.length > 0 ? (
            <Field id="session-sessionId" label="mediation.recordScheduled">
              <select id="session-sessionId" name="sessionId" defaultValue={valuesOf("session").sessionId ?? ""}>
                <option value="">{t("mediation.newSession")}</option>
                {scheduled.map((session) => (
                  <option key={session.id} value={session.id}>
                    {showDateTime(session.scheduledAt)} {session.place}
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
          <Field id="session-status" label="mediation.sessionStatus">
            <select id="session-status" name="status" defaultValue={valuesOf("session").status ?? "held"}>
              <option value="held">{t("mediation.status.held")}</option>
              <option value="scheduled">{t("mediation.status.scheduled")}</option>
            </select>
          </Field>
          <Field id="session-scheduledAt" label="mediation.scheduledAt" error={errorsOf("session").scheduledAt}>
            <input
              id="session-scheduledAt"
              name="scheduledAt"
              type="datetime-local"
              defaultValue={valuesOf("session").scheduledAt}
            />
          </Field>
          <Field id="session-place" label="mediation.place" error={errorsOf("session").place}>
            <input id="session-place" name="place" type="text" defaultValue={valuesOf("session").place} />
          </Field>
          <fieldset className="field">
            <legend>{t("mediation.mediators")}</legend>
            {view.mediatorChoices.map((mediator) => (
              <label key={mediator.id} className="checkbox">
                <input type="checkbox" name="mediatorIds" value={mediator.id} />
                {mediator.displayName}
              </label>
            ))}
            <FieldError id="session-mediators-error" message={errorsOf("session").mediatorIds} />
          </fieldset>
          <TextArea action="session" name="attendees" label="mediation.attendees" actionData={actionData} />
          <TextArea action="session" name="notes" label="mediation.notes" actionData={actionData} />
        </ActionForm>
      ) : null}
      {allowed.has("concludeMediation") ? (
        <ActionForm {...common} action="concludeMediation">
          <Field id="mediation-outcome" label="mediation.outcome" error={errorsOf("concludeMediation").outcome}>
            <select id="mediation-outcome" name="outcome" defaultValue={valuesOf("concludeMediation").outcome ?? "agreement"}>
              {(["agreement", "failure", "withdrawn"] as const).map((outcome) => (
                <option key={outcome} value={outcome}>
                  {tKey("mediation.outcome", outcome)}
                </option>
              ))}
            </select>
          </Field>
          <TextArea action="concludeMediation" name="text" label="mediation.outcomeText" actionData={actionData} />
          <fieldset className="obligations">
            <legend>{t("mediation.obligations")}</legend>
            {[1, 2, 3].map((n) => (
              <div key={n} className="obligation-row">
                <input
                  name={`party${n}`}
                  aria-label={t("mediation.obligationParty")}
                  placeholder={t("mediation.obligationParty")}
                  defaultValue={valuesOf("concludeMediation")[`party${n}`]}
                />
                <input
                  name={`obligation${n}`}
                  aria-label={t("mediation.obligation")}
                  placeholder={t("mediation.obligation")}
                  defaultValue={valuesOf("concludeMediation")[`obligation${n}`]}
                />
                <input
                  name={`due${n}`}
                  type="date"
                  aria-label={t("mediation.obligationDue")}
                  defaultValue={valuesOf("concludeMediation")[`due${n}`]}
                />
              </div>
            ))}
            <FieldError id="mediation-obligations-error" message={errorsOf("concludeMediation").obligations} />
          </fieldset>
        </ActionForm>
      ) : null}
      {allowed.has("followUpAgreement") ? (
        <ActionForm {...common} action="followUpAgreement">
          <Field id="followUp-obligation" label="mediation.obligation">
            <select id="followUp-obligation" name="obligationId">
              {view.obligations.map((obligation) => (
                <option key={obligation.id} value={obligation.id}>
                  {obligation.party}：{obligation.obligation}（{obligation.dueDate}）
                </option>
              ))}
            </select>
          </Field>
          <Field id="followUp-performed" label="mediation.performedQuestion">
            <select id="followUp-performed" name="performed">
              <option value="yes">{t("mediation.performed")}</option>
              <option value="no">{t("mediation.notPerformed")}</option>
            </select>
          </Field>
          <TextArea action="followUpAgreement" name="text" label="mediation.followUp" actionData={actionData} />
        </ActionForm>
      ) : null}
    </>
  );
}

/** Exactly the actions this user may take on the case now. */
export function CaseActionForms({
  view,
  vocabulary,
  actionData,
}: {
  view: CaseView;
  vocabulary: Vocabulary | null;
  actionData: ActionData | null;
}) {
  const allowed = new Set(view.allowedActions);
  const common = { view, actionData };
  const errorsOf = (action: CaseAction) => (actionData?.intent === action ? actionData.errors : {});
  const valuesOf = (action: CaseAction) => (actionData?.intent === action ? actionData.values : {});

  return (
    <>
      {allowed.has("acknowledge") ? <ActionForm {...common} action="acknowledge" /> : null}
      {allowed.has("instruct") ? (
        <ActionForm {...common} action="instruct">
          <TextArea action="instruct" name="text" label="field.instruction" actionData={actionData} />
        </ActionForm>
      ) : null}
      {allowed.has("accept") ? (
        <ActionForm {...common} action="accept">
          {view.kind === "petition" ? <LetterDate action="accept" actionData={actionData} /> : null}
        </ActionForm>
      ) : null}
      {allowed.has("reject") ? (
        <ActionForm {...common} action="reject" danger>
          <TextArea action="reject" name="reason" label="field.reason" actionData={actionData} />
          {view.kind === "petition" ? <LetterDate action="reject" actionData={actionData} /> : null}
        </ActionForm>
      ) : null}
      <KindActionForms view={view} actionData={actionData} />
      {allowed.has("merge") ? (
        <ActionForm {...common} action="merge">
          <div className="field">
            <label htmlFor="merge-target">{t("field.mergedInto")}</label>
            <input
              id="merge-target"
              name="targetCaseNo"
              type="text"
              placeholder="TS-2026-00001"
              defaultValue={valuesOf("merge").targetCaseNo}
            />
            <FieldError id="merge-target-error" message={errorsOf("merge").targetCaseNo ?? errorsOf("merge").mergeInto} />
          </div>
        </ActionForm>
      ) : null}
      {allowed.has("assign") && vocabulary ? (
        <ActionForm {...common} action="assign">
          <div className="field">
            <label htmlFor="assign-to">{t("field.assignedTo")}</label>
            <select
              id="assign-to"
              name="assigneeId"
              defaultValue={valuesOf("assign").assigneeId ?? String(view.assignedToId ?? view.townshipId)}
            >
              <NamedOptions items={vocabulary.assignees} />
            </select>
            <FieldError id="assign-to-error" message={errorsOf("assign").assigneeId} />
          </div>
        </ActionForm>
      ) : null}
      {allowed.has("onSite") ? (
        <ActionForm {...common} action="onSite">
          <TextArea action="onSite" name="text" label="field.note" actionData={actionData} />
        </ActionForm>
      ) : null}
      {allowed.has("note") ? (
        <ActionForm {...common} action="note">
          <TextArea action="note" name="text" label="field.note" actionData={actionData} />
        </ActionForm>
      ) : null}
      {allowed.has("submit") ? (
        <ActionForm {...common} action="submit">
          <TextArea action="submit" name="text" label="field.resultText" actionData={actionData} />
        </ActionForm>
      ) : null}
      {allowed.has("requestExtension") ? (
        <ActionForm {...common} action="requestExtension">
          <div className="field">
            <label htmlFor="extension-amount">{t("field.amount")}</label>
            <input
              id="extension-amount"
              name="amount"
              type="number"
              min={1}
              max={EXTENSION_RULES[view.kind as CaseKind].max}
              defaultValue={valuesOf("requestExtension").amount}
            />
            <FieldError id="extension-amount-error" message={errorsOf("requestExtension").amount} />
          </div>
          <TextArea action="requestExtension" name="reason" label="field.reason" actionData={actionData} />
        </ActionForm>
      ) : null}
      {allowed.has("return") ? (
        <ActionForm {...common} action="return" danger>
          <TextArea action="return" name="reason" label="field.reason" actionData={actionData} />
        </ActionForm>
      ) : null}
      {allowed.has("approveExtension") ? (
        <ActionForm {...common} action="approveExtension">
          {EXTENSION_RULES[view.kind as CaseKind].partyNotice ? (
            <TextArea
              action="approveExtension"
              name="partyNotice"
              label={view.kind === "petition" ? "petition.partyNotice" : "mediation.partyNotice"}
              actionData={actionData}
            />
          ) : null}
          <TextArea action="approveExtension" name="note" label="field.note" actionData={actionData} />
        </ActionForm>
      ) : null}
      {allowed.has("refuseExtension") ? (
        <ActionForm {...common} action="refuseExtension" danger>
          <TextArea action="refuseExtension" name="reason" label="field.reason" actionData={actionData} />
        </ActionForm>
      ) : null}
      {allowed.has("conclude") ? (
        <ActionForm {...common} action="conclude">
          <TextArea action="conclude" name="text" label="field.replyText" actionData={actionData} />
        </ActionForm>
      ) : null}
      {allowed.has("sendBack") ? (
        <ActionForm {...common} action="sendBack" danger>
          <TextArea action="sendBack" name="reason" label="field.reason" actionData={actionData} />
        </ActionForm>
      ) : null}
      {allowed.has("close") ? (
        <ActionForm {...common} action="close">
          <div className="field">
            <label htmlFor="close-satisfaction">{t("field.satisfaction")}</label>
            <select id="close-satisfaction" name="satisfaction" defaultValue={valuesOf("close").satisfaction ?? ""}>
              <option value="">{t("common.none")}</option>
              {SATISFACTION_LEVELS.map((level) => (
                <option key={level} value={level}>
                  {level}
                </option>
              ))}
            </select>
          </div>
        </ActionForm>
      ) : null}
      {allowed.has("reopen") ? (
        <ActionForm {...common} action="reopen">
          <TextArea action="reopen" name="reason" label="field.reason" actionData={actionData} />
        </ActionForm>
      ) : null}
      {allowed.has("edit") && vocabulary ? <EditForm view={view} vocabulary={vocabulary} actionData={actionData} /> : null}
    </>
  );
}

/** Intake fields, editable until acceptance. */
function EditForm({ view, vocabulary, actionData }: { view: CaseView; vocabulary: Vocabulary; actionData: ActionData | null }) {
  const mine = actionData?.intent === "edit";
  const value = (name: string, current: string) => (mine ? (actionData.values[name] ?? "") : current);
  const error = (name: string) => (mine ? actionData.errors[name] : null);
  return (
    <details open={mine}>
      <summary>{tKey("action", "edit")}</summary>
      <ActionForm view={view} action="edit" actionData={actionData}>
        <div className="field">
          <label htmlFor="edit-channel">{t("field.channel")}</label>
          <select id="edit-channel" name="channel" defaultValue={value("channel", view.channel)}>
            <NamedOptions items={vocabulary.channels} />
          </select>
        </div>
        <div className="field">
          <label htmlFor="edit-receivedAt">{t("field.receivedAt")}</label>
          <input
            id="edit-receivedAt"
            name="receivedAt"
            type="datetime-local"
            defaultValue={value("receivedAt", toDateTimeLocalValue(new Date(view.receivedAt)))}
          />
          <FieldError id="edit-receivedAt-error" message={error("receivedAt")} />
        </div>
        <div className="field">
          <label htmlFor="edit-urgency">{t("field.urgency")}</label>
          <select id="edit-urgency" name="urgency" defaultValue={value("urgency", view.urgency)}>
            <option value="normal">{tKey("urgency", "normal")}</option>
            <option value="urgent">{tKey("urgency", "urgent")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="edit-name">{t("field.complainantName")}</label>
          <input
            id="edit-name"
            name="complainantName"
            type="text"
            defaultValue={value("complainantName", view.complainantName ?? "")}
          />
          <FieldError id="edit-name-error" message={error("complainantName")} />
        </div>
        <div className="field">
          <label htmlFor="edit-phone">{t("field.complainantPhone")}</label>
          <input
            id="edit-phone"
            name="complainantPhone"
            type="tel"
            defaultValue={value("complainantPhone", view.complainantPhone ?? "")}
          />
          <FieldError id="edit-phone-error" message={error("complainantPhone")} />
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            name="anonymous"
            defaultChecked={mine ? actionData.values.anonymous === "on" : !view.complainantName}
          />
          {t("field.anonymous")}
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            name="consentToDisclose"
            defaultChecked={mine ? actionData.values.consentToDisclose === "on" : view.consentToDisclose}
          />
          {t("field.consentToDisclose")}
        </label>
        <div className="field">
          <label htmlFor="edit-township">{t("field.township")}</label>
          <select id="edit-township" name="townshipId" defaultValue={value("townshipId", String(view.townshipId))}>
            <NamedOptions items={vocabulary.townships} />
          </select>
          <FieldError id="edit-township-error" message={error("townshipId")} />
        </div>
        <div className="field">
          <label htmlFor="edit-category">{t("field.category")}</label>
          <select id="edit-category" name="category" defaultValue={value("category", view.category)}>
            <NamedOptions items={vocabulary.categories} />
          </select>
        </div>
        <div className="field">
          <label htmlFor="edit-subject">{t("field.subject")}</label>
          <input id="edit-subject" name="subject" type="text" defaultValue={value("subject", view.subject)} />
        </div>
        <div className="field">
          <label htmlFor="edit-address">{t("field.address")}</label>
          <input id="edit-address" name="address" type="text" defaultValue={value("address", view.address)} />
        </div>
        <div className="field">
          <label htmlFor="edit-description">{t("field.description")}</label>
          <textarea id="edit-description" name="description" rows={4} defaultValue={value("description", view.description)} />
          <FieldError id="edit-description-error" message={error("description")} />
        </div>
      </ActionForm>
    </details>
  );
}
