import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { FormErrors, SelectField, TextField } from "~/components/form-fields";
import { CreditGradeBadge } from "~/components/unit-markers";
import { CREDIT_GRADES } from "~/domain/credit-grades";
import { creditGradeSchema } from "~/forms/enterprises";
import { readFormData } from "~/utils/request-input.server";
import { OptionalEntry } from "~/components/optional-entry";
import { UNIT_FLAGS } from "~/domain/enterprise-register";
import { CREDIT_GRADE_EDITORS, REGISTER_READERS } from "~/domain/roles";
import { parseId } from "~/utils/forms";
import { t, tKey } from "~/i18n";
import { enterCreditGrade, unitPage } from "~/models/enterprises/register.server";
import { requireUser } from "~/session.server";
import { showDateTime } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.unit.name ?? t("register.title")} · ${t("app.shortName")}` },
];

/**
 * A registered unit and every case about it across kinds and years. A unit another township's user may
 * not see answers 404 like one that does not exist.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, REGISTER_READERS);
  const unitId = parseId(params.unitId);
  const page = unitId ? await unitPage(user, unitId) : null;
  if (!page) throw new Response(t("error.notFound"), { status: 404 });
  return {
    ...page,
    mayEnterGrades: (CREDIT_GRADE_EDITORS as readonly string[]).includes(user.role),
    thisYear: new Date().getFullYear(),
  };
}

/** The desk or an administrator enters a year's credit grade; the year's earlier grade is replaced. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, CREDIT_GRADE_EDITORS);
  const unitId = parseId(params.unitId);
  const submission = parseWithZod(await readFormData(request), { schema: creditGradeSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  if (!unitId || !(await enterCreditGrade(user, unitId, submission.value))) {
    throw new Response(t("error.notFound"), { status: 404 });
  }
  return redirect(`/enterprises/${unitId}?graded=${submission.value.year}`);
}

function CreditGradeForm({ thisYear }: { thisYear: number }) {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "credit-grade",
    lastResult: actionData?.result,
    defaultValue: { year: String(thisYear - 1) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: creditGradeSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="inline-form">
      <input type="hidden" name="intent" value="creditGrade" />
      <FormErrors form={form} />
      <TextField meta={fields.year} label={t("credit.year")} />
      <SelectField meta={fields.grade} label={t("credit.gradeLabel")}>
        <option value="">{t("common.select")}</option>
        {CREDIT_GRADES.map((grade) => (
          <option key={grade} value={grade}>
            {tKey("credit.grade", grade)}
          </option>
        ))}
      </SelectField>
      <button type="submit">{t("credit.save")}</button>
    </Form>
  );
}

export default function Enterprise() {
  const { unit, cases, counts, creditGrades, repeatWarnings, mayEnterGrades, thisYear } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const graded = searchParams.get("graded");
  const flags = UNIT_FLAGS.filter((flag) => unit[flag]);
  return (
    <>
      <h1>{unit.name}</h1>
      <section className="panel" aria-labelledby="unit-fields-heading">
        <h2 id="unit-fields-heading">{t("register.unit")}</h2>
        <dl className="fields">
          <dt>{t("register.creditCode")}</dt>
          <dd>{unit.creditCode}</dd>
          <OptionalEntry term={t("register.formerNames")}>{unit.formerNames.join("、")}</OptionalEntry>
          <dt>{t("field.address")}</dt>
          <dd>{unit.address}</dd>
          <dt>{t("field.township")}</dt>
          <dd>{unit.township.name}</dd>
          <dt>{t("register.industry")}</dt>
          <dd>{unit.industry}</dd>
          <OptionalEntry term={t("register.permitNo")}>{unit.permitNo}</OptionalEntry>
          <OptionalEntry term={t("register.flags")}>{flags.map((flag) => tKey("register.flag", flag)).join("、")}</OptionalEntry>
        </dl>
      </section>
      <section className="panel" aria-labelledby="unit-grades-heading">
        <h2 id="unit-grades-heading">{t("credit.title")}</h2>
        {graded ? (
          <p className="flash flash-success" role="status">
            {t("credit.saved", { year: graded })}
          </p>
        ) : null}
        {creditGrades.length === 0 ? (
          <p className="muted">{t("credit.none")}</p>
        ) : (
          <ul className="grades">
            {creditGrades.map((grade) => (
              <li key={grade.year}>
                <CreditGradeBadge {...grade} />
              </li>
            ))}
          </ul>
        )}
        {mayEnterGrades ? <CreditGradeForm thisYear={thisYear} /> : null}
      </section>
      {repeatWarnings.length > 0 ? (
        <section className="panel" aria-labelledby="unit-repeats-heading">
          <h2 id="unit-repeats-heading">{t("register.repeatWarnings")}</h2>
          <table>
            <thead>
              <tr>
                <th>{t("repeat.raisedAt")}</th>
                <th>{t("repeat.until")}</th>
                <th>{t("repeat.count")}</th>
              </tr>
            </thead>
            <tbody>
              {repeatWarnings.map((warning) => (
                <tr key={String(warning.raisedAt)}>
                  <td className="nowrap">{showDateTime(warning.raisedAt)}</td>
                  <td className="nowrap">
                    {showDateTime(warning.windowEndsAt)}
                    {warning.inForce ? <strong className="overdue-text"> {t("repeat.inForce")}</strong> : null}
                  </td>
                  <td>{warning.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="unit-cases-heading">
        <h2 id="unit-cases-heading">{t("register.cases")}</h2>
        <dl className="figures">
          <div>
            <dt id="unit-total">{t("register.casesTotal")}</dt>
            <dd aria-labelledby="unit-total">{counts.total}</dd>
          </div>
          <div>
            <dt id="unit-open">{t("register.casesOpen")}</dt>
            <dd aria-labelledby="unit-open">{counts.open}</dd>
          </div>
          <div>
            <dt id="unit-overdue">{t("register.casesOverdue")}</dt>
            <dd aria-labelledby="unit-overdue">{counts.overdue}</dd>
          </div>
        </dl>
        {cases.length === 0 ? (
          <p className="muted">{t("register.noCases")}</p>
        ) : (
          <table className="cases">
            <caption className="visually-hidden">{t("register.cases")}</caption>
            <thead>
              <tr>
                <th>{t("field.caseNo")}</th>
                <th>{t("field.kind")}</th>
                <th>{t("field.receivedAt")}</th>
                <th>{t("field.township")}</th>
                <th>{t("field.state")}</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((item) => (
                <tr key={item.caseNo}>
                  <td className="nowrap">
                    <Link to={`/cases/${item.caseNo}`}>{item.caseNo}</Link>
                  </td>
                  <td>{tKey("kind", item.kind)}</td>
                  <td className="nowrap">{showDateTime(item.receivedAt)}</td>
                  <td>{item.township.name}</td>
                  <td>
                    {tKey("state", item.state)}
                    {item.overdue ? <strong className="overdue-text"> {t("register.overdue")}</strong> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
