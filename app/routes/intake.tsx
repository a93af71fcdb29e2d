import { INTAKE_ROLES } from "~/domain/roles";
import { parseId, replyErrors } from "~/utils/forms";
import { type StepForm, handleStepForm, refusedFileMessages, stepEvidence } from "~/utils/step-files.server";
import { receiptCookieHeader, takeReceipt } from "~/utils/receipt.server";
import { searchParamsOf } from "~/utils/request-input.server";
import { IntakeReceipt } from "~/components/intake-receipt";
import { uploadAllowance } from "~/models/attachments/access.server";
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { FieldError } from "~/components/field-error";
import { FormErrors, TypedChoiceField } from "~/components/form-fields";
import { EvidenceFields } from "~/components/case-actions/evidence-fields";
import { IntakeLookupPanel } from "~/components/intake-lookups";
import { KnowledgeSearch } from "~/components/knowledge-search";
import { identitiesInText } from "~/domain/masking";
import { choiceFor, choiceInText } from "~/domain/typed-choice";
import { intakeFieldsFrom, intakeSchemaFor } from "~/forms/intake";
import { t, tKey } from "~/i18n";
import { type IntakeLookups, intakeLookups } from "~/models/case/intake-lookups.server";
import { registerCase } from "~/models/case/service.server";
import { resolveRespondent } from "~/models/enterprises/register.server";
import { InputError } from "~/models/errors";
import { loadCaseVocabulary } from "~/models/reference/reference-data.server";
import { intakeChoicesOf, loadIntakeChoices } from "~/models/reference/choices.server";
import { bureauOf } from "~/config.server";
import { type SignedInUser, requireUser } from "~/session.server";
import { NamedOptions } from "~/components/named-options";
import { CreditGradeBadge } from "~/components/unit-markers";
import { showDateTime } from "~/utils/format";
import type { loader as respondentSuggestions } from "./enterprises.suggest";

// The receipt's cookie is removed by the page that shows it.
export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
  const merged = new Headers(actionHeaders);
  loaderHeaders.forEach((value, name) => merged.append(name, value));
  return merged;
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, INTAKE_ROLES);
  const vocabulary = await loadCaseVocabulary();
  const { receipt, clear } = await takeReceipt(request, searchParamsOf(request).get("registered"));
  return data(
    {
      channels: vocabulary.channels,
      choices: intakeChoicesOf(vocabulary),
      receipt,
      bureau: bureauOf(request),
      // One key per empty form: the same form sent again (a double click, the back button, a retry on a
      // weak line) returns the case it registered instead of registering it twice.
      submissionKey: crypto.randomUUID(),
    },
    clear ? { headers: { "Set-Cookie": clear } } : undefined,
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, INTAKE_ROLES);
  return handleStepForm(
    request,
    () => uploadAllowance(user, null),
    (form) => registerFromForm(user, form, request),
  );
}

async function registerFromForm(user: SignedInUser, { formData, files, keepFiles }: StepForm, request: Request) {
  const choices = await loadIntakeChoices();
  const submission = parseWithZod(formData, { schema: intakeSchemaFor(choices) });
  // The caller's history and possible duplicates, for a form shown again; a registration does not read them.
  const lookupsOfForm = () =>
    intakeLookups({
      phone: String(formData.get("complainantPhone") ?? ""),
      townshipId: parseId(choiceFor(String(formData.get("townshipId") ?? ""), choices.townships)?.value) ?? undefined,
      category: choiceFor(String(formData.get("category") ?? ""), choices.categories)?.value,
      subject: String(formData.get("subject") ?? ""),
      address: String(formData.get("address") ?? ""),
    });
  const refuse = async (result: ReturnType<typeof submission.reply>) =>
    data({ result, lookups: await lookupsOfForm() }, { status: 400 });
  // "Check" shows the caller's history and possible duplicates without registering (works without JavaScript).
  if (formData.get("intent") === "check") return { result: submission.reply(), lookups: await lookupsOfForm() };
  if (submission.status !== "success") return refuse(submission.reply());
  const refused = refusedFileMessages(files);
  if (refused.length > 0) return refuse(submission.reply({ formErrors: refused }));
  const evidence = stepEvidence(formData, files, "register");
  if (!evidence) return refuse(submission.reply({ formErrors: [t("error.badRequest")] }));
  const value = submission.value;
  try {
    // A respondent typed as a registered unit's code, name or former name is that unit (the register).
    const respondent = await resolveRespondent(value.subject ?? "");
    const created = await registerCase(
      user,
      {
        kind: value.kind,
        ...intakeFieldsFrom(value),
        respondentId: respondent?.id ?? null,
        ...(respondent ? { subject: respondent.name } : {}),
      },
      {
        mergeIntoCaseNo: value.mergeInto || null,
        attachments: evidence.attachments,
        keepFiles,
        submissionKey: evidence.submissionKey,
      },
    );
    const params = new URLSearchParams({ registered: created.caseNo });
    // A resend says that nothing new was registered, and shows the receipt again: the browser may have
    // dropped the first answer (a double click keeps only the second).
    if (created.repeated) params.set("repeated", "1");
    else if (value.mergeInto) params.set("mergedInto", value.mergeInto);
    const receipt = {
      caseNo: created.caseNo,
      lookupCode: created.lookupCode,
      receivedAt: created.receivedAt.toISOString(),
      dueAt: created.dueAt?.toISOString() ?? null,
      anonymous: !created.complainantName,
    };
    return redirect(`/intake?${params}`, { headers: { "Set-Cookie": await receiptCookieHeader(request, receipt) } });
  } catch (error) {
    if (error instanceof InputError) {
      const { form: formError, ...fieldErrors } = error.fieldErrors;
      return refuse(
        submission.reply({
          fieldErrors: replyErrors(fieldErrors),
          formErrors: formError ? [tKey("error", formError)] : undefined,
        }),
      );
    }
    throw error;
  }
}

export default function Intake() {
  const { receipt, bureau } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const registered = searchParams.get("registered");
  const mergedInto = searchParams.get("mergedInto");
  return (
    <>
      <h1>{t("intake.title")}</h1>
      {registered ? (
        <p className="flash flash-success" role="status">
          {searchParams.get("repeated")
            ? t("intake.repeated", { caseNo: registered })
            : mergedInto
              ? t("intake.merged", { caseNo: registered, target: mergedInto })
              : t("intake.success", { caseNo: registered })}{" "}
          <Link to={`/cases/${registered}`}>{t("common.view")}</Link>
        </p>
      ) : null}
      {receipt ? <IntakeReceipt receipt={receipt} bureau={bureau} /> : null}
      <p className="muted">
        {t("intake.hint")} <Link to="/intake/mediation">{t("mediation.applyLink")}</Link>
      </p>
      {/* A registration starts an empty form (and its lookups) under a new key; the receipt stays above. */}
      <IntakeForm key={registered ? searchParams.toString() : "new"} />
    </>
  );
}

function IntakeForm() {
  const { choices, channels, submissionKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  // While a registration is on its way, a second press sends nothing (the key would make it harmless, but
  // the first answer, with the receipt, is the one to show).
  const registering = navigation.state !== "idle" && navigation.formData?.get("intent") !== "check";
  const lookupFetcher = useFetcher<IntakeLookups>();
  const formRef = useRef<HTMLFormElement>(null);
  const schema = intakeSchemaFor(choices);

  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: undefined,
    // Errors appear after the first attempt to register, then update as the operator types.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    // Most calls are complaints on the first channel, taken now (docs/working-pages.md).
    defaultValue: { urgency: "normal", kind: "complaint", channel: channels[0]?.code },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });

  // As the phone, township, category, subject or address change, ask for history and duplicates.
  const lookupTimer = useRef<ReturnType<typeof setTimeout>>();
  const refreshLookups = () => {
    clearTimeout(lookupTimer.current);
    lookupTimer.current = setTimeout(() => {
      if (!formRef.current) return;
      const data = new FormData(formRef.current);
      const params = new URLSearchParams();
      for (const name of ["complainantPhone", "townshipId", "category", "subject", "address"]) {
        params.set(name, String(data.get(name) ?? ""));
      }
      lookupFetcher.load(`/intake/lookup?${params}`);
    }, 300);
  };
  useEffect(() => () => clearTimeout(lookupTimer.current), []);
  // The caller's number is what the operator hears first. The server's autofocus is lost when the inputs
  // hydrate, so the browser is told again, unless the operator is already in a field.
  useEffect(() => {
    if (document.activeElement === document.body) document.getElementById(fields.complainantPhone.id)?.focus();
  }, [fields.complainantPhone.id]);

  // The township the address names fills an empty township field, and follows the address until the
  // operator types a township of their own.
  const proposedTownship = useRef<string | null>(null);
  const [proposalShown, setProposalShown] = useState(false);
  const proposeTownship = (proposal: string) => {
    const township = document.getElementById(fields.townshipId.id);
    if (!(township instanceof HTMLInputElement)) return;
    if (township.value !== "" && township.value !== proposedTownship.current) return;
    township.value = proposal;
    proposedTownship.current = proposal;
    setProposalShown(proposal !== "");
  };

  // The respondent as typed, looked up in the enterprise register: a registered unit's township is
  // proposed like the address's.
  const respondentFetcher = useFetcher<typeof respondentSuggestions>();
  const respondentTimer = useRef<ReturnType<typeof setTimeout>>();
  const [respondentText, setRespondentText] = useState("");
  const lookUpRespondent = (text: string) => {
    setRespondentText(text.trim());
    clearTimeout(respondentTimer.current);
    respondentTimer.current = setTimeout(
      () => respondentFetcher.load(`/enterprises/suggest?${new URLSearchParams({ q: text })}`),
      250,
    );
  };
  useEffect(() => () => clearTimeout(respondentTimer.current), []);
  const respondentUnits = respondentFetcher.data?.units ?? [];
  const registeredRespondent = respondentUnits.find(
    (unit) => unit.name === respondentText || unit.creditCode === respondentText.replace(/[\s-]/g, "").toUpperCase(),
  );
  useEffect(() => {
    if (registeredRespondent) proposeTownship(registeredRespondent.township);
    // Only a new match proposes; proposeTownship reads the field itself.
  }, [registeredRespondent?.creditCode]);

  const lookups = lookupFetcher.data ?? actionData?.lookups;
  const anonymous = fields.anonymous.value === "on";
  const sourceHasErrors = Boolean(
    fields.kind.errors ?? fields.channel.errors ?? fields.receivedAt.errors ?? fields.urgency.errors,
  );
  const channelName = channels.find((channel) => channel.code === fields.channel.value)?.name ?? t("common.select");
  const receivedAt =
    typeof fields.receivedAt.value === "string" && fields.receivedAt.value ? fields.receivedAt.value : t("intake.receivedNow");
  const notices = [
    fields.consentToDisclose.value === "on" ? t("field.consentToDisclose") : null,
    fields.refusesMessages.value === "on" ? t("field.refusesMessages") : null,
    fields.consentToPublish.value === "on" ? t("field.consentToPublish") : null,
  ].filter((notice) => notice !== null);

  return (
    <div className="two-columns">
      <Form
        method="post"
        encType="multipart/form-data"
        {...getFormProps(form)}
        aria-label={t("intake.title")}
        ref={formRef}
        className="panel"
        onChange={refreshLookups}
        onKeyDown={(event) => {
          if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !registering) formRef.current?.requestSubmit();
        }}
      >
        <input type="hidden" name="submissionKey" value={submissionKey} />
        {/* Kind, channel, time and urgency are the same for most calls: folded, their values in the summary. */}
        <details className="folded-fields" open={sourceHasErrors || undefined}>
          <summary>
            {t("intake.source")}：{tKey("kind", String(fields.kind.value ?? "complaint"))} · {channelName} ·{" "}
            {t("field.receivedAt")} {receivedAt} · {tKey("urgency", String(fields.urgency.value ?? "normal"))}
          </summary>
          <div className="grid">
            <div className="field">
              <label htmlFor={fields.kind.id}>{t("field.kind")}</label>
              <select {...getSelectProps(fields.kind)}>
                <option value="complaint">{tKey("kind", "complaint")}</option>
                <option value="petition">{tKey("kind", "petition")}</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor={fields.channel.id}>{t("field.channel")}</label>
              <select {...getSelectProps(fields.channel)} aria-describedby={fields.channel.errorId}>
                <option value="">{t("common.select")}</option>
                <NamedOptions items={channels} />
              </select>
              <FieldError id={fields.channel.errorId} message={fields.channel.errors} />
            </div>
            <div className="field">
              <label htmlFor={fields.receivedAt.id}>{t("field.receivedAt")}</label>
              <input
                {...getInputProps(fields.receivedAt, { type: "text" })}
                inputMode="numeric"
                placeholder={t("intake.receivedNow")}
                autoComplete="off"
                aria-describedby={`${fields.receivedAt.id}-hint ${fields.receivedAt.errorId}`}
              />
              <span className="hint" id={`${fields.receivedAt.id}-hint`}>
                {t("intake.receivedAtHint")}
              </span>
              <FieldError id={fields.receivedAt.errorId} message={fields.receivedAt.errors} />
            </div>
            <div className="field">
              <label htmlFor={fields.urgency.id}>{t("field.urgency")}</label>
              <select {...getSelectProps(fields.urgency)}>
                <option value="normal">{tKey("urgency", "normal")}</option>
                <option value="urgent">{tKey("urgency", "urgent")}</option>
              </select>
            </div>
          </div>
        </details>
        <div className="grid">
          <div className="field">
            <label htmlFor={fields.complainantPhone.id}>{t("field.complainantPhone")}</label>
            <input
              {...getInputProps(fields.complainantPhone, { type: "tel" })}
              autoFocus
              disabled={anonymous}
              autoComplete="off"
              onInput={refreshLookups}
            />
            <FieldError id={fields.complainantPhone.errorId} message={fields.complainantPhone.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.complainantName.id}>{t("field.complainantName")}</label>
            <input {...getInputProps(fields.complainantName, { type: "text" })} disabled={anonymous} autoComplete="off" />
            <FieldError id={fields.complainantName.errorId} message={fields.complainantName.errors} />
            <label className="checkbox">
              <input {...getInputProps(fields.anonymous, { type: "checkbox" })} />
              {t("field.anonymous")}
            </label>
          </div>
          <div className="field wide">
            <label htmlFor={fields.address.id}>{t("field.address")}</label>
            <input
              {...getInputProps(fields.address, { type: "text" })}
              autoComplete="off"
              onInput={(event) => proposeTownship(choiceInText(event.currentTarget.value, choices.townships)?.name ?? "")}
            />
            <FieldError id={fields.address.errorId} message={fields.address.errors} />
          </div>
          <TypedChoiceField
            meta={fields.townshipId}
            label={t("field.township")}
            choices={choices.townships}
            hint={proposalShown ? t("intake.townshipFromAddress") : t("intake.typedChoiceHint")}
          />
          <TypedChoiceField
            meta={fields.category}
            label={t("field.category")}
            choices={choices.categories}
            hint={t("intake.typedChoiceHint")}
          />
          <div className="field">
            <label htmlFor={fields.subject.id}>{t("field.subject")}</label>
            <input
              {...getInputProps(fields.subject, { type: "text" })}
              autoComplete="off"
              list="respondent-choices"
              aria-describedby={`${fields.subject.id}-hint ${fields.subject.errorId}`}
              onInput={(event) => lookUpRespondent(event.currentTarget.value)}
            />
            <datalist id="respondent-choices">
              {respondentUnits.map((unit) => (
                <option key={unit.creditCode} value={unit.name}>
                  {unit.creditCode} · {unit.township}
                </option>
              ))}
            </datalist>
            <span className="hint" id={`${fields.subject.id}-hint`} role="status">
              {registeredRespondent
                ? t("register.respondentFound", {
                    name: registeredRespondent.name,
                    code: registeredRespondent.creditCode,
                    township: registeredRespondent.township,
                  })
                : t("register.respondentHint")}
              {registeredRespondent?.creditGrade ? <CreditGradeBadge {...registeredRespondent.creditGrade} /> : null}
            </span>
            {registeredRespondent?.repeatWarning ? (
              <p className="field-warning" role="status">
                {t("repeat.atIntake", {
                  count: registeredRespondent.repeatWarning.count,
                  until: showDateTime(registeredRespondent.repeatWarning.until),
                })}
              </p>
            ) : null}
            <FieldError id={fields.subject.errorId} message={fields.subject.errors} />
          </div>
          <div className="field wide">
            <label htmlFor={fields.description.id}>{t("field.description")}</label>
            <textarea {...getTextareaProps(fields.description)} rows={5} />
            <FieldError id={fields.description.errorId} message={fields.description.errors} />
            <IdentityInTextWarning text={fields.description.value} complainantName={fields.complainantName.value} />
          </div>
        </div>
        {lookups && lookups.duplicates.length > 0 ? (
          <fieldset className="lookup">
            <legend>{t("intake.duplicates")}</legend>
            <label className="checkbox">
              <input type="radio" name={fields.mergeInto.name} value="" defaultChecked />
              {t("intake.mergeNone")}
            </label>
            {lookups.duplicates.map((duplicate) => (
              <label key={duplicate.caseNo} className="checkbox">
                <input type="radio" name={fields.mergeInto.name} value={duplicate.caseNo} />
                {t("intake.mergeInto")}: {duplicate.caseNo} · {duplicate.subject} · {duplicate.address}
              </label>
            ))}
            <FieldError id={fields.mergeInto.errorId} message={fields.mergeInto.errors} />
          </fieldset>
        ) : null}
        {/* What the caller agrees to is asked in a minority of calls; the summary says what holds. */}
        <details className="folded-fields">
          <summary>
            {t("intake.notices")}：{notices.length > 0 ? notices.join("；") : t("intake.noticesDefault")}
          </summary>
          <label className="checkbox">
            <input {...getInputProps(fields.consentToDisclose, { type: "checkbox" })} disabled={anonymous} />
            {t("field.consentToDisclose")}
          </label>
          <label className="checkbox">
            <input {...getInputProps(fields.refusesMessages, { type: "checkbox" })} disabled={anonymous} />
            {t("field.refusesMessages")}
          </label>
          <label className="checkbox">
            <input {...getInputProps(fields.consentToPublish, { type: "checkbox" })} />
            {t("field.consentToPublish")}
          </label>
        </details>
        <EvidenceFields action="register" />
        <FormErrors form={form} />
        <div className="actions-row">
          <button type="submit" name="intent" value="register" disabled={registering}>
            {t("intake.submit")}
          </button>
          <button type="submit" name="intent" value="check" className="secondary" formNoValidate>
            {t("intake.check")}
          </button>
        </div>
      </Form>
      <div>
        <IntakeLookupPanel lookups={lookups} />
        <KnowledgeSearch idPrefix="intake" />
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";

/**
 * A description that names the complainant or carries a phone or ID number: kept as typed (the desk needs
 * it), but the operator is told that township staff will see it masked and may move it to its own field.
 */
function IdentityInTextWarning({ text, complainantName }: { text: unknown; complainantName: unknown }) {
  const found =
    typeof text === "string" ? identitiesInText(text, typeof complainantName === "string" ? complainantName : null) : [];
  if (found.length === 0) return null;
  return (
    <p className="field-warning" role="status">
      {t("intake.identityInText", { found: found.map((kind) => tKey("identityInText", kind)).join("、") })}
    </p>
  );
}
