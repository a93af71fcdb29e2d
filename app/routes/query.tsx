import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ChoiceGroup, TextAreaField, TextField } from "~/components/form-fields";
import { OptionalEntry } from "~/components/optional-entry";
import type { PublicProgress } from "~/domain/case-lookup";
import { SATISFACTION_LEVELS } from "~/domain/case-kinds";
import { caseActionSchemas } from "~/forms/case-actions";
import { localDateOf } from "~/domain/local-time";
import { caseLookupSchema } from "~/forms/case-lookup";
import { t, tKey } from "~/i18n";
import { lookUpCase, progressOfProvenCase } from "~/models/complainant/lookup.server";
import { rateAnswerAsComplainant } from "~/models/complainant/rating.server";
import { ActionNotAllowedError } from "~/models/errors";
import { hasLookupGrant, lookupGrantHeader } from "~/utils/lookup-grant.server";
import { clientAddressOf } from "~/session.server";
import { bureauOf } from "~/config.server";
import { showDateTime } from "~/utils/format";
import { readFormData } from "~/utils/request-input.server";

// A refusal's Retry-After reaches the browser with the page.
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export const meta: MetaFunction = () => [{ title: `${t("query.title")} · ${t("app.shortName")}` }];

/**
 * 办理进度查询: a complainant, without an account, sees the public course of their case
 * (app/models/complainant/lookup.server.ts). Every answer but a found case is the same page.
 */
export function loader({ request }: LoaderFunctionArgs) {
  return { bureau: bureauOf(request) };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  if (formData.get("intent") === "rate") return rate(request, formData);
  const submission = parseWithZod(formData, { schema: caseLookupSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply(), rating: null, progress: null, message: null, thanks: false }, { status: 400 });
  const found = await lookUpCase({ ...submission.value, clientAddress: clientAddressOf(request) });
  const result = submission.reply({ hideFields: ["proof"] });
  if (found.ok) {
    return data(
      { result, rating: null, progress: found.progress, message: null, thanks: false },
      { headers: { "Set-Cookie": await lookupGrantHeader(request, found.progress.caseNo) } },
    );
  }
  if (found.reason === "throttled") {
    const message = found.retryAt ? t("query.throttled", { until: showDateTime(found.retryAt) }) : t("query.throttledLater");
    const retryAfter = found.retryAt ? Math.max(1, Math.ceil((found.retryAt.getTime() - Date.now()) / 1000)) : 60;
    return data(
      { result, rating: null, progress: null, message, thanks: false },
      { status: 429, headers: { "Retry-After": String(retryAfter) } },
    );
  }
  return { result, rating: null, progress: null, message: t("query.noMatch"), thanks: false };
}

/** The complainant rates the answer of a case this browser proved within the half hour. */
async function rate(request: Request, formData: FormData) {
  const caseNo = String(formData.get("caseNo") ?? "")
    .trim()
    .toUpperCase()
    .slice(0, 30);
  const progress = (await hasLookupGrant(request, caseNo)) ? await progressOfProvenCase(caseNo) : null;
  if (!progress) {
    return data({ result: null, rating: null, progress: null, message: t("query.rate.expired"), thanks: false }, { status: 403 });
  }
  const submission = parseWithZod(formData, { schema: caseActionSchemas.rateAnswer });
  if (submission.status !== "success")
    return data({ result: null, rating: submission.reply(), progress, message: null, thanks: false }, { status: 400 });
  try {
    await rateAnswerAsComplainant(caseNo, submission.value);
  } catch (error) {
    if (!(error instanceof ActionNotAllowedError)) throw error;
    return data(
      { result: null, rating: null, progress, message: t("query.rate.closedForRating"), thanks: false },
      { status: 409 },
    );
  }
  return {
    result: null,
    rating: null,
    progress: await progressOfProvenCase(caseNo),
    message: null,
    thanks: true,
    dissatisfied: submission.value.satisfaction === "不满意",
  };
}

const day = (value: Date | string | null) => (value ? localDateOf(new Date(value)) : "");

function RatingForm({ caseNo, lastResult }: { caseNo: string; lastResult: SubmissionResult<string[]> | null }) {
  const [form, fields] = useForm({
    id: "rating",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: caseActionSchemas.rateAnswer }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="panel" aria-labelledby="rating-heading">
      <h2 id="rating-heading">{t("query.rate.title")}</h2>
      <p className="muted">{t("query.rate.intro")}</p>
      <input type="hidden" name="intent" value="rate" />
      <input type="hidden" name="caseNo" value={caseNo} />
      <ChoiceGroup
        type="radio"
        meta={fields.satisfaction}
        legend={t("query.rate.satisfaction")}
        options={SATISFACTION_LEVELS.map((level) => ({ value: level, label: level }))}
      />
      <TextAreaField meta={fields.comment} label={t("query.rate.comment")} />
      <button type="submit">{t("query.rate.submit")}</button>
    </Form>
  );
}

function Progress({ progress }: { progress: PublicProgress }) {
  return (
    <section className="panel" aria-labelledby="progress-heading">
      <h2 id="progress-heading">
        {progress.caseNo} · {tKey("kind", progress.kind)}
      </h2>
      <dl className="fields">
        <dt>{t("query.stage")}</dt>
        <dd>{tKey("query.stage", progress.stage)}</dd>
        <dt>{t("query.received")}</dt>
        <dd>{day(progress.receivedAt)}</dd>
        <OptionalEntry term={t("query.accepted")}>{day(progress.acceptedAt)}</OptionalEntry>
        <OptionalEntry term={t("query.rejected")}>{day(progress.rejectedAt)}</OptionalEntry>
        <OptionalEntry term={t("query.rejectionReason")}>{progress.rejectionReason}</OptionalEntry>
        <OptionalEntry term={t("query.dueAt")}>{day(progress.dueAt)}</OptionalEntry>
        <OptionalEntry term={t("query.answeredAt")}>{day(progress.answeredAt)}</OptionalEntry>
        <OptionalEntry term={t("query.answer")}>{progress.answer}</OptionalEntry>
        <OptionalEntry term={t("query.mediationOutcome")}>
          {progress.mediationOutcome && tKey("mediation.outcome", progress.mediationOutcome)}
        </OptionalEntry>
      </dl>
      {progress.rating ? <p>{t("query.rate.given", { level: progress.rating })}</p> : null}
      {progress.extensions.length > 0 ? (
        <ul>
          {progress.extensions.map((extension, index) => (
            <li key={index}>
              {t("query.extension", {
                date: day(extension.approvedAt),
                days: extension.days,
                unit: tKey("unit", extension.unit),
              })}
              {extension.notice ? `：${extension.notice}` : ""}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export default function Query() {
  const { bureau } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "case-lookup",
    lastResult: actionData?.result ?? null,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: caseLookupSchema }),
  });
  return (
    <div className="query-page">
      <h1>{t("query.title")}</h1>
      <p className="query-bureau">{t("query.bureau", { bureau: bureau.name, hotline: bureau.hotline })}</p>
      <p className="muted">{t("query.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="panel" aria-label={t("query.title")}>
        <TextField meta={fields.caseNo} label={t("query.caseNo")} placeholder="TS-2026-00001" autoComplete="off" />
        <TextField meta={fields.proof} label={t("query.proof")} autoComplete="off" />
        <button type="submit" disabled={navigation.state !== "idle"}>
          {t("query.submit")}
        </button>
      </Form>
      {actionData?.message ? (
        <p className="flash flash-error" role="alert">
          {actionData.message}
        </p>
      ) : null}
      {actionData?.thanks ? (
        <p className="flash flash-success" role="status">
          {t("query.rate.thanks")}
          {actionData && "dissatisfied" in actionData && actionData.dissatisfied
            ? ` ${t("query.rate.whatNext", { hotline: bureau.hotline })}`
            : null}
        </p>
      ) : null}
      {actionData?.progress ? <Progress progress={actionData.progress} /> : null}
      {actionData?.progress?.mayRate ? <RatingForm caseNo={actionData.progress.caseNo} lastResult={actionData.rating} /> : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
