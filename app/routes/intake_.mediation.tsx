import { INTAKE_ROLES } from "~/domain/roles";
import { searchParamsOf } from "~/utils/request-input.server";
import { type StepForm, handleStepForm, refusedFileMessages, stepEvidence } from "~/utils/step-files.server";
import { uploadAllowance } from "~/models/attachments/access.server";
import { EvidenceFields } from "~/components/case-actions/evidence-fields";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { FormErrors, SelectField, TextAreaField, TextField, TypedChoiceField } from "~/components/form-fields";
import { NamedOptions } from "~/components/named-options";
import { toDateTimeLocalValue } from "~/domain/local-time";
import { mediationFromForm, mediationIntakeSchemaFor } from "~/forms/mediation-intake";
import { intakeChoicesOf, loadIntakeChoices } from "~/models/reference/choices.server";
import { t } from "~/i18n";
import { registerCase } from "~/models/case/service.server";
import { InputError } from "~/models/errors";
import { loadCaseVocabulary } from "~/models/reference/reference-data.server";
import { type SignedInUser, requireUser } from "~/session.server";
import { replyErrors } from "~/utils/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, INTAKE_ROLES);
  const from = searchParamsOf(request).get("from") ?? "";
  const vocabulary = await loadCaseVocabulary();
  return {
    channels: vocabulary.channels,
    // Township and category are typed by name or pinyin initials, as at the hotline intake.
    choices: intakeChoicesOf(vocabulary),
    now: toDateTimeLocalValue(new Date()),
    from,
    // One key per empty form: the same application sent again (a double click) is the case it registered.
    submissionKey: crypto.randomUUID(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, INTAKE_ROLES);
  return handleStepForm(
    request,
    () => uploadAllowance(user, null),
    (form) => registerApplication(user, form),
  );
}

async function registerApplication(user: SignedInUser, { formData, files, keepFiles }: StepForm) {
  const submission = parseWithZod(formData, { schema: mediationIntakeSchemaFor(await loadIntakeChoices()) });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const refused = refusedFileMessages(files);
  if (refused.length > 0) return data({ result: submission.reply({ formErrors: refused }) }, { status: 400 });
  const evidence = stepEvidence(formData, files, "register");
  if (!evidence) return data({ result: submission.reply({ formErrors: [t("error.badRequest")] }) }, { status: 400 });
  try {
    const { fields, application } = mediationFromForm(submission.value);
    const created = await registerCase(user, fields, {
      mediation: application,
      attachments: evidence.attachments,
      keepFiles,
      submissionKey: evidence.submissionKey,
    });
    return redirect(`/cases/${created.caseNo}`);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return data({ result: submission.reply({ fieldErrors: replyErrors(error.fieldErrors) }) }, { status: 400 });
  }
}

export default function MediationApplication() {
  const { channels, choices, now, from, submissionKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "mediation-intake",
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    defaultValue: { channel: "visit", receivedAt: now, relatedCaseNo: from, applicantType: "person", respondentType: "unit" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: mediationIntakeSchemaFor(choices) }),
  });
  const party = (role: "applicant" | "respondent") => (
    <fieldset className="grid">
      <legend>{t(`mediation.${role}`)}</legend>
      <SelectField meta={fields[`${role}Type`]} label={t("mediation.partyType")}>
        <option value="person">{t("mediation.person")}</option>
        <option value="unit">{t("mediation.unit")}</option>
      </SelectField>
      <TextField meta={fields[`${role}Name`]} label={t("mediation.partyName")} />
      <TextField meta={fields[`${role}Phone`]} type="tel" label={t("field.complainantPhone")} />
      <TextField meta={fields[`${role}Address`]} label={t("field.address")} wide />
    </fieldset>
  );
  return (
    <>
      <h1>{t("mediation.applyTitle")}</h1>
      <p className="muted">
        {t("mediation.applyHint")} <Link to="/intake">{t("nav.intake")}</Link>
      </p>
      <Form
        method="post"
        encType="multipart/form-data"
        {...getFormProps(form)}
        className="panel"
        data-form="mediation"
        aria-label={t("mediation.applyTitle")}
      >
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <div className="grid">
          <SelectField meta={fields.channel} label={t("field.channel")} autoFocus>
            <NamedOptions items={channels} />
          </SelectField>
          <TextField meta={fields.receivedAt} type="datetime-local" label={t("field.receivedAt")} />
          <TypedChoiceField meta={fields.townshipId} label={t("field.township")} choices={choices.townships} />
          <TypedChoiceField meta={fields.category} label={t("field.category")} choices={choices.categories} />
          <TextField meta={fields.relatedCaseNo} label={t("mediation.relatedCaseNo")} />
        </div>
        {party("applicant")}
        {party("respondent")}
        <div className="grid">
          <TextAreaField meta={fields.description} rows={4} label={t("mediation.dispute")} wide />
          <TextAreaField meta={fields.claim} label={t("mediation.claim")} wide />
        </div>
        <EvidenceFields action="register" />
        <FormErrors form={form} />
        <div className="actions-row">
          <button type="submit" disabled={navigation.state !== "idle"}>
            {t("mediation.applySubmit")}
          </button>
        </div>
      </Form>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
