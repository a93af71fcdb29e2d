import { InputError } from "~/models/errors";
import { badRequest, readFormData, searchParamsOf } from "~/utils/request-input.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { SelectField, TextAreaField, TextField } from "~/components/form-fields";
import { isSupportedYear, localDateOf, yearOf } from "~/domain/local-time";
import { calendarSchemas, isCalendarIntent } from "~/forms/admin";
import { t } from "~/i18n";
import {
  calendarDay,
  changeCalendar,
  importCalendarCsv,
  listCalendarYear,
  missingCalendarYears,
  scheduledYears,
} from "~/models/deadlines/calendar.server";
import { requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  const requested = Number(searchParamsOf(request).get("year"));
  const year = isSupportedYear(requested) ? requested : yearOf(localDateOf(new Date()));
  const [days, years, missing] = await Promise.all([listCalendarYear(year), scheduledYears(), missingCalendarYears()]);
  return { year, days, years, missing };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, ["admin"]);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (!isCalendarIntent(intent)) throw badRequest(t("error.badRequest"));
  const submission = parseWithZod(formData, { schema: calendarSchemas[intent] });
  const refuse = (result: SubmissionResult<string[]>, message: string | null = null) =>
    data({ intent, result, message }, { status: 400 });
  if (submission.status !== "success") return refuse(submission.reply());
  const value = submission.value;
  // What a removal takes away, so that the page can offer it back in one click.
  const removed = value.intent === "remove" ? await calendarDay(value.date) : null;
  try {
    const result =
      value.intent === "import"
        ? await importCalendarCsv(user.id, value.file && value.file.size > 0 ? await value.file.text() : (value.csv ?? ""))
        : value.intent === "remove"
          ? await changeCalendar(user.id, { remove: [value.date] })
          : await changeCalendar(user.id, {
              upsert: [
                { date: value.date, type: value.type, name: value.name || null, scheduleYear: Number(value.date.slice(0, 4)) },
              ],
            });
    const back = new URLSearchParams({
      ...(value.year ? { year: String(value.year) } : {}),
      done: value.intent,
      changed: String(result.changedDays),
      moved: String(result.movedDeadlines),
      ...(removed ? { date: removed.date, type: removed.type, name: removed.name ?? "" } : {}),
    });
    return redirect(`/admin/calendar?${back.toString()}`);
  } catch (error) {
    if (error instanceof InputError) {
      return refuse(submission.reply(), t("error.csv", { problems: error.details.slice(0, 20).join("；") }));
    }
    throw error;
  }
}

/** The flash after a change: what was done, how many deadlines moved, and for a removal its undo. */
function ChangeDone({ year, params }: { year: number; params: URLSearchParams }) {
  const done = params.get("done");
  const moved = params.get("moved") ?? "0";
  const date = params.get("date");
  const type = params.get("type");
  if (done === "remove" && date && (type === "holiday" || type === "workday")) {
    const name = params.get("name") ?? "";
    return (
      <div className="flash flash-success" role="status">
        <Form method="post" aria-label={t("admin.calendar.undoRemove", { date })}>
          {t("admin.calendar.removed", { date, kind: t(`admin.calendar.${type}`), name, moved })}{" "}
          <input type="hidden" name="intent" value="set" />
          <input type="hidden" name="year" value={year} />
          <input type="hidden" name="date" value={date} />
          <input type="hidden" name="type" value={type} />
          <input type="hidden" name="name" value={name} />
          <button type="submit" className="secondary">
            {t("admin.calendar.undo")}
          </button>
        </Form>
      </div>
    );
  }
  const key = done === "set" ? "admin.calendar.saved" : "admin.calendar.imported";
  return (
    <p className="flash flash-success" role="status">
      {t(key, { count: params.get("changed") ?? "0", moved })}
    </p>
  );
}

/** One day's removal: a form of its own, named by the day. */
function RemoveDayForm({ year, date }: { year: number; date: string }) {
  return (
    <Form method="post" aria-label={t("admin.calendar.removeDay", { date })}>
      <input type="hidden" name="intent" value="remove" />
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="date" value={date} />
      <button type="submit" className="secondary" aria-label={t("admin.calendar.removeDay", { date })}>
        {t("admin.calendar.remove")}
      </button>
    </Form>
  );
}

function SetDayForm({ year, result }: { year: number; result?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: "calendar-set",
    lastResult: result,
    defaultValue: { type: "holiday" },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: calendarSchemas.set }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="panel" aria-labelledby="calendar-set-heading">
      <h2 id="calendar-set-heading">{t("admin.calendar.add")}</h2>
      <input type="hidden" name="intent" value="set" />
      <input type="hidden" name="year" value={year} />
      <TextField meta={fields.date} type="date" label={t("admin.calendar.date")} />
      <SelectField meta={fields.type} label={t("field.kind")}>
        <option value="holiday">{t("admin.calendar.holiday")}</option>
        <option value="workday">{t("admin.calendar.workday")}</option>
      </SelectField>
      <TextField meta={fields.name} label={t("admin.calendar.name")} placeholder="春节" />
      <div className="actions-row">
        <button type="submit">{t("common.save")}</button>
      </div>
    </Form>
  );
}

function ImportForm({ year, result }: { year: number; result?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: "calendar-import",
    lastResult: result,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: calendarSchemas.import }),
  });
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      {...getFormProps(form)}
      className="panel"
      aria-labelledby="calendar-import-heading"
    >
      <h2 id="calendar-import-heading">{t("admin.calendar.import")}</h2>
      <input type="hidden" name="intent" value="import" />
      <input type="hidden" name="year" value={year} />
      <div className="field">
        <label htmlFor={fields.file.id}>{t("admin.calendar.file")}</label>
        <input id={fields.file.id} name={fields.file.name} type="file" accept=".csv,text/csv" />
      </div>
      <TextAreaField meta={fields.csv} rows={5} label={t("admin.calendar.csv")} />
      <div className="actions-row">
        <button type="submit">{t("common.submit")}</button>
      </div>
    </Form>
  );
}

export default function AdminCalendar() {
  const { year, days, years, missing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const changed = searchParams.get("changed");
  const resultOf = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined);
  return (
    <>
      <h1>{t("admin.calendar.title")}</h1>
      <p className="muted">{t("admin.calendar.intro")}</p>
      {missing.length > 0 ? (
        <p className="flash flash-error" role="alert">
          {t("admin.calendar.missing", { years: missing.join("、") })}
        </p>
      ) : null}
      {changed && !actionData ? <ChangeDone year={year} params={searchParams} /> : null}
      {actionData?.message ? (
        <p className="flash flash-error" role="alert">
          {actionData.message}
        </p>
      ) : null}
      <nav className="actions-row">
        {t("admin.calendar.year")}：
        {[...new Set([...years, year])].sort().map((y) => (
          <Link key={y} to={`?year=${y}`} className={y === year ? "button" : "button secondary"}>
            {y}
          </Link>
        ))}
      </nav>
      <div className="two-columns" style={{ marginTop: 12 }}>
        <section className="panel">
          <h2>{year}</h2>
          <table>
            <tbody>
              {days.map((day) => (
                <tr key={day.date}>
                  <td>{day.date}</td>
                  <td>{day.type === "holiday" ? t("admin.calendar.holiday") : t("admin.calendar.workday")}</td>
                  <td>{day.name}</td>
                  <td>
                    <RemoveDayForm year={year} date={day.date} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <div>
          <SetDayForm year={year} result={resultOf("set")} />
          <ImportForm year={year} result={resultOf("import")} />
        </div>
      </div>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
