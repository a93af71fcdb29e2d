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
import { useEffect, useRef } from "react";
import { FieldError } from "~/components/field-error";
import { FormErrors } from "~/components/form-fields";
import { EvidenceFields } from "~/components/case-actions/evidence-fields";
import { IntakeLookupPanel } from "~/components/intake-lookups";
import { identitiesInText } from "~/domain/masking";
import { toDateTimeLocalValue } from "~/domain/local-time";
import { intakeFieldsFrom, intakeSchema } from "~/forms/intake";
import { t, tKey } from "~/i18n";
import { type IntakeLookups, intakeLookups } from "~/models/case/intake-lookups.server";
import { registerCase } from "~/models/case/service.server";
import { InputError } from "~/models/errors";
import { loadCaseVocabulary } from "~/models/reference/reference-data.server";
import { bureauOf } from "~/config.server";
import { type SignedInUser, requireUser } from "~/session.server";
import { NamedOptions } from "~/components/named-options";

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
      ...vocabulary,
      now: toDateTimeLocalValue(new Date()),
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
  const submission = parseWithZod(formData, { schema: intakeSchema });
  const lookups = await intakeLookups({
    phone: String(formData.get("complainantPhone") ?? ""),
    townshipId: parseId(formData.get("townshipId")) ?? undefined,
    category: String(formData.get("category") ?? "") || undefined,
    subject: String(formData.get("subject") ?? ""),
    address: String(formData.get("address") ?? ""),
  });
  // "Check" shows the caller's history and possible duplicates without registering (works without JavaScript).
  if (formData.get("intent") === "check" || submission.status !== "success") {
    return { result: submission.reply(), lookups };
  }
  const refused = refusedFileMessages(files);
  if (refused.length > 0) return data({ result: submission.reply({ formErrors: refused }), lookups }, { status: 400 });
  const evidence = stepEvidence(formData, files, "register");
  if (!evidence) return data({ result: submission.reply({ formErrors: [t("error.badRequest")] }), lookups }, { status: 400 });
  const value = submission.value;
  try {
    const created = await registerCase(
      user,
      { kind: value.kind, ...intakeFieldsFrom(value) },
      {
        mergeIntoCaseNo: value.mergeInto || null,
        attachments: evidence.attachments,
        keepFiles,
        submissionKey: evidence.submissionKey,
      },
    );
    const params = new URLSearchParams({ registered: created.caseNo });
    if (created.repeated) {
      // Its receipt went with the first answer; this one says that nothing new was registered.
      params.set("repeated", "1");
      return redirect(`/intake?${params}`);
    }
    if (value.mergeInto) params.set("mergedInto", value.mergeInto);
    const receipt = {
      caseNo: created.caseNo,
      lookupCode: created.lookupCode!,
      receivedAt: created.receivedAt.toISOString(),
      dueAt: created.dueAt?.toISOString() ?? null,
      anonymous: !created.complainantName,
    };
    return redirect(`/intake?${params}`, { headers: { "Set-Cookie": await receiptCookieHeader(request, receipt) } });
  } catch (error) {
    if (error instanceof InputError) {
      const { form: formError, ...fieldErrors } = error.fieldErrors;
      const result = submission.reply({
        fieldErrors: replyErrors(fieldErrors),
        formErrors: formError ? [tKey("error", formError)] : undefined,
      });
      return data({ result, lookups }, { status: 400 });
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
  const { townships, channels, categories, now, submissionKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  // While a registration is on its way, a second press sends nothing (the key would make it harmless, but
  // the first answer, with the receipt, is the one to show).
  const registering = navigation.state !== "idle" && navigation.formData?.get("intent") !== "check";
  const lookupFetcher = useFetcher<IntakeLookups>();
  const formRef = useRef<HTMLFormElement>(null);

  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: undefined,
    // Errors appear after the first attempt to register, then update as the operator types.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    defaultValue: { receivedAt: now, urgency: "normal", kind: "complaint" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: intakeSchema }),
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

  const lookups = lookupFetcher.data ?? actionData?.lookups;
  const anonymous = fields.anonymous.value === "on";

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
            <select {...getSelectProps(fields.channel)} autoFocus aria-describedby={fields.channel.errorId}>
              <option value="">{t("common.select")}</option>
              <NamedOptions items={channels} />
            </select>
            <FieldError id={fields.channel.errorId} message={fields.channel.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.receivedAt.id}>{t("field.receivedAt")}</label>
            <input
              {...getInputProps(fields.receivedAt, { type: "datetime-local" })}
              aria-describedby={fields.receivedAt.errorId}
            />
            <span className="hint">{t("intake.receivedAtHint")}</span>
            <FieldError id={fields.receivedAt.errorId} message={fields.receivedAt.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.urgency.id}>{t("field.urgency")}</label>
            <select {...getSelectProps(fields.urgency)}>
              <option value="normal">{tKey("urgency", "normal")}</option>
              <option value="urgent">{tKey("urgency", "urgent")}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={fields.complainantPhone.id}>{t("field.complainantPhone")}</label>
            <input
              {...getInputProps(fields.complainantPhone, { type: "tel" })}
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
          </div>
          <div className="field">
            <span>&nbsp;</span>
            <label className="checkbox">
              <input {...getInputProps(fields.anonymous, { type: "checkbox" })} />
              {t("field.anonymous")}
            </label>
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
          </div>
          <div className="field">
            <label htmlFor={fields.townshipId.id}>{t("field.township")}</label>
            <select {...getSelectProps(fields.townshipId)}>
              <option value="">{t("common.select")}</option>
              <NamedOptions items={townships} />
            </select>
            <FieldError id={fields.townshipId.errorId} message={fields.townshipId.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.category.id}>{t("field.category")}</label>
            <select {...getSelectProps(fields.category)}>
              <option value="">{t("common.select")}</option>
              <NamedOptions items={categories} />
            </select>
            <FieldError id={fields.category.errorId} message={fields.category.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.subject.id}>{t("field.subject")}</label>
            <input {...getInputProps(fields.subject, { type: "text" })} autoComplete="off" />
            <FieldError id={fields.subject.errorId} message={fields.subject.errors} />
          </div>
          <div className="field wide">
            <label htmlFor={fields.address.id}>{t("field.address")}</label>
            <input {...getInputProps(fields.address, { type: "text" })} autoComplete="off" />
            <FieldError id={fields.address.errorId} message={fields.address.errors} />
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
      <IntakeLookupPanel lookups={lookups} />
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
