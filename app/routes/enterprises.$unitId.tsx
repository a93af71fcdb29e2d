import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { FormErrors, SelectField, TextField } from "~/components/form-fields";
import { CreditGradeBadge } from "~/components/unit-markers";
import { CREDIT_GRADES } from "~/domain/credit-grades";
import { cardStepSchema, creditGradeSchema, issueCardSchema } from "~/forms/enterprises";
import { badRequest, readFormData } from "~/utils/request-input.server";
import { type CardFormReply, IssueCardForm, UnitCardList } from "~/components/unit-cards";
import { CARD_ACTIONS, type CardAction, mayIssueCards } from "~/domain/cards";
import { replyErrors } from "~/utils/forms";
import { ActionNotAllowedError, InputError } from "~/models/errors";
import { cardsOfUnit, changeCard, issueCard } from "~/models/enterprises/cards.server";
import { OptionalEntry } from "~/components/optional-entry";
import { UNIT_FLAGS } from "~/domain/enterprise-register";
import { REGISTER_READERS, mayEnterCreditGrades } from "~/domain/roles";
import { parseId } from "~/utils/forms";
import { t, tKey } from "~/i18n";
import { enterCreditGrade, unitPage } from "~/models/enterprises/register.server";
import { requireUser } from "~/session.server";
import { showDateTime } from "~/utils/format";

const isCardAction = (intent: string): intent is CardAction => (CARD_ACTIONS as readonly string[]).includes(intent);

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
    cards: await cardsOfUnit(user, page.unit),
    mayIssueCards: mayIssueCards(user),
    // One key per page load: the same card form sent again (a double click) is the step it took.
    submissionKey: crypto.randomUUID(),
    mayEnterGrades: mayEnterCreditGrades(user),
    thisYear: new Date().getFullYear(),
  };
}

/**
 * The unit page's steps: a year's credit grade (the desk, administrators), a card issued (the desk), a
 * card found rectified or not (the desk, the unit's township), a card lifted (the desk).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, REGISTER_READERS);
  const unitId = parseId(params.unitId);
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");
  const notFound = () => new Response(t("error.notFound"), { status: 404 });
  const forbidden = () => new Response(t("error.forbidden"), { status: 403 });
  const refuse = (form: string, result: SubmissionResult<string[]>, status = 400) =>
    data({ form, result } satisfies CardFormReply, { status });
  if (!unitId) throw notFound();
  if (intent === "creditGrade") {
    if (!mayEnterCreditGrades(user)) throw forbidden();
    const submission = parseWithZod(formData, { schema: creditGradeSchema });
    if (submission.status !== "success") return refuse("credit-grade", submission.reply());
    if (!(await enterCreditGrade(user, unitId, submission.value))) throw notFound();
    return redirect(`/enterprises/${unitId}?graded=${submission.value.year}`);
  }
  if (intent === "issueCard") {
    if (!mayIssueCards(user)) throw forbidden();
    const submission = parseWithZod(formData, { schema: issueCardSchema });
    if (submission.status !== "success") return refuse("issue-card", submission.reply());
    try {
      if (!(await issueCard(user, unitId, submission.value, undefined, submission.value.submissionKey))) throw notFound();
    } catch (error) {
      if (error instanceof InputError) {
        return refuse("issue-card", submission.reply({ fieldErrors: replyErrors(error.fieldErrors) }));
      }
      throw error;
    }
    return redirect(`/enterprises/${unitId}?done=issueCard#cards`);
  }
  if (isCardAction(intent)) {
    const submission = parseWithZod(formData, { schema: cardStepSchema });
    const form = `card-${String(formData.get("cardId") ?? "").slice(0, 12)}-${intent}`;
    if (submission.status !== "success") return refuse(form, submission.reply());
    try {
      const { cardId, text, submissionKey } = submission.value;
      if (!(await changeCard(user, unitId, cardId, intent, text, undefined, submissionKey))) throw notFound();
    } catch (error) {
      if (error instanceof ActionNotAllowedError)
        return refuse(form, submission.reply({ formErrors: [t("case.notAllowed")] }), 403);
      throw error;
    }
    return redirect(`/enterprises/${unitId}?done=card#cards`);
  }
  throw badRequest(t("error.badRequest"));
}

function CreditGradeForm({ thisYear, reply }: { thisYear: number; reply: CardFormReply | null }) {
  const [form, fields] = useForm({
    id: "credit-grade",
    lastResult: reply?.form === "credit-grade" ? reply.result : undefined,
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
  const { unit, cases, counts, creditGrades, repeatWarnings, cards, mayIssueCards, mayEnterGrades, thisYear, submissionKey } =
    useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() ?? null;
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
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
        {mayEnterGrades ? <CreditGradeForm thisYear={thisYear} reply={reply} /> : null}
      </section>
      <section className="panel" id="cards" aria-labelledby="unit-cards-heading">
        <h2 id="unit-cards-heading">{t("card.title")}</h2>
        {done === "issueCard" || done === "card" ? (
          <p className="flash flash-success" role="status">
            {t("card.done")}
          </p>
        ) : null}
        <UnitCardList cards={cards} reply={reply} submissionKey={submissionKey} />
        {mayIssueCards ? (
          <IssueCardForm
            // A new card starts a new, empty form.
            key={cards.length}
            submissionKey={submissionKey}
            reply={reply}
            yellowsNotRectified={cards.filter((card) => card.colour === "yellow" && card.state === "notRectified")}
          />
        ) : null}
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
          {(["overdue", "concluded", "rejected", "merged"] as const).map((key) => (
            <div key={key}>
              <dt id={`unit-${key}`}>{tKey("register.cases", key)}</dt>
              <dd aria-labelledby={`unit-${key}`}>{counts[key]}</dd>
            </div>
          ))}
        </dl>
        {counts.total > cases.length ? (
          <p className="muted">{t("register.casesShown", { shown: cases.length, total: counts.total })}</p>
        ) : null}
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
