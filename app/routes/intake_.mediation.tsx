import { readFormData, searchParamsOf } from "~/utils/request-input.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FieldError } from "~/components/field-error";
import { NamedOptions } from "~/components/named-options";
import { toDateTimeLocalValue } from "~/domain/local-time";
import { mediationFromForm, mediationSchema } from "~/forms/mediation";
import { t } from "~/i18n";
import { registerCase } from "~/models/cases.server";
import { CaseInputError } from "~/models/errors";
import { loadCaseVocabulary } from "~/models/reference.server";
import { requireUser } from "~/session.server";

const INTAKE_ROLES = ["operator", "dispatcher"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, INTAKE_ROLES);
  const from = searchParamsOf(request).get("from") ?? "";
  return { ...(await loadCaseVocabulary()), now: toDateTimeLocalValue(new Date()), from };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, INTAKE_ROLES);
  const form = Object.fromEntries(
    [...(await readFormData(request)).entries()].filter(([, v]) => typeof v === "string" && v.trim() !== ""),
  );
  const parsed = mediationSchema.safeParse(form);
  if (!parsed.success) {
    return { values: form as Record<string, string>, errors: parsed.error.flatten().fieldErrors as Record<string, string[]> };
  }
  try {
    const { fields, application } = mediationFromForm(parsed.data);
    const created = await registerCase(user, fields, { mediation: application });
    return redirect(`/cases/${created.caseNo}`);
  } catch (error) {
    if (!(error instanceof CaseInputError)) throw error;
    const errors = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, key]) => [field, [key]]));
    return { values: form as Record<string, string>, errors };
  }
}

export default function MediationApplication() {
  const { townships, channels, categories, now, from } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const values: Record<string, string> = result?.values ?? {
    receivedAt: now,
    relatedCaseNo: from,
    applicantType: "person",
    respondentType: "unit",
  };
  const errors = result?.errors ?? {};
  const field = (name: string, label: string, input: JSX.Element, wide = false) => (
    <div className={wide ? "field wide" : "field"}>
      <label htmlFor={name}>{label}</label>
      {input}
      <FieldError id={`${name}-error`} message={errors[name]} />
    </div>
  );
  const textInput = (name: string, type = "text") => (
    <input
      id={name}
      name={name}
      type={type}
      defaultValue={values[name] ?? ""}
      aria-describedby={`${name}-error`}
      autoComplete="off"
    />
  );
  const party = (role: "applicant" | "respondent") => (
    <fieldset className="grid">
      <legend>{t(`mediation.${role}`)}</legend>
      {field(
        `${role}Type`,
        t("mediation.partyType"),
        <select id={`${role}Type`} name={`${role}Type`} defaultValue={values[`${role}Type`]}>
          <option value="person">{t("mediation.person")}</option>
          <option value="unit">{t("mediation.unit")}</option>
        </select>,
      )}
      {field(`${role}Name`, t("mediation.partyName"), textInput(`${role}Name`))}
      {field(`${role}Phone`, t("field.complainantPhone"), textInput(`${role}Phone`, "tel"))}
      {field(`${role}Address`, t("field.address"), textInput(`${role}Address`), true)}
    </fieldset>
  );
  return (
    <>
      <h1>{t("mediation.applyTitle")}</h1>
      <p className="muted">
        {t("mediation.applyHint")} <Link to="/intake">{t("nav.intake")}</Link>
      </p>
      <Form method="post" className="panel" data-form="mediation">
        <div className="grid">
          {field(
            "channel",
            t("field.channel"),
            <select id="channel" name="channel" defaultValue={values.channel ?? "visit"} autoFocus>
              <NamedOptions items={channels} />
            </select>,
          )}
          {field("receivedAt", t("field.receivedAt"), textInput("receivedAt", "datetime-local"))}
          {field(
            "townshipId",
            t("field.township"),
            <select id="townshipId" name="townshipId" defaultValue={values.townshipId ?? ""}>
              <option value="">{t("common.select")}</option>
              <NamedOptions items={townships} />
            </select>,
          )}
          {field(
            "category",
            t("field.category"),
            <select id="category" name="category" defaultValue={values.category ?? ""}>
              <option value="">{t("common.select")}</option>
              <NamedOptions items={categories} />
            </select>,
          )}
          {field("relatedCaseNo", t("mediation.relatedCaseNo"), textInput("relatedCaseNo"))}
        </div>
        {party("applicant")}
        {party("respondent")}
        <div className="grid">
          {field(
            "description",
            t("mediation.dispute"),
            <textarea id="description" name="description" rows={4} defaultValue={values.description ?? ""} />,
            true,
          )}
          {field(
            "claim",
            t("mediation.claim"),
            <textarea id="claim" name="claim" rows={3} defaultValue={values.claim ?? ""} />,
            true,
          )}
        </div>
        <FieldError id="parties-error" message={errors.parties} />
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
