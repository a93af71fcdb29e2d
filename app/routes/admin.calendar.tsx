import { readFormData, searchParamsOf } from "~/utils/request-input.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { isSupportedLocalDate, isSupportedYear, localDateOf, yearOf } from "~/domain/local-time";
import { t } from "~/i18n";
import {
  CalendarInputError,
  calendarEntry,
  changeCalendar,
  importCalendarCsv,
  listCalendarYear,
  missingCalendarYears,
  scheduledYears,
} from "~/models/calendar.server";
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
  const form = await readFormData(request);
  const intent = String(form.get("intent"));
  try {
    let result: { changedDays: number; movedDeadlines: number };
    if (intent === "import") {
      const file = form.get("file");
      const text = file instanceof File && file.size > 0 ? await file.text() : String(form.get("csv") ?? "");
      result = await importCalendarCsv(user.id, text);
    } else if (intent === "remove") {
      const date = String(form.get("date") ?? "");
      if (!isSupportedLocalDate(date)) return data({ message: t("error.dateTime") }, { status: 400 });
      result = await changeCalendar(user.id, { remove: [date] });
    } else {
      const date = String(form.get("date") ?? "");
      if (!isSupportedLocalDate(date)) return data({ message: t("error.dateTime") }, { status: 400 });
      result = await changeCalendar(user.id, {
        upsert: [calendarEntry(date, String(form.get("type")), String(form.get("name") ?? "") || null)],
      });
    }
    const year = Number(form.get("year"));
    const back = new URLSearchParams({
      ...(isSupportedYear(year) ? { year: String(year) } : {}),
      changed: String(result.changedDays),
      moved: String(result.movedDeadlines),
    });
    return redirect(`/admin/calendar?${back.toString()}`);
  } catch (error) {
    if (error instanceof CalendarInputError) {
      return data({ message: t("error.csv", { problems: error.problems.slice(0, 20).join("；") }) }, { status: 400 });
    }
    throw error;
  }
}

export default function AdminCalendar() {
  const { year, days, years, missing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const changed = searchParams.get("changed");
  return (
    <>
      <h1>{t("admin.calendar.title")}</h1>
      <p className="muted">{t("admin.calendar.intro")}</p>
      {missing.length > 0 ? (
        <p className="flash flash-error" role="alert">
          {t("admin.calendar.missing", { years: missing.join("、") })}
        </p>
      ) : null}
      {changed && !actionData ? (
        <p className="flash flash-success">
          {t("admin.calendar.imported", { count: changed })}（{searchParams.get("moved")} 件案件时限已重新计算）
        </p>
      ) : null}
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
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="year" value={year} />
                      <input type="hidden" name="date" value={day.date} />
                      <button type="submit" className="secondary">
                        {t("admin.calendar.remove")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <div>
          <Form method="post" className="panel">
            <h2>{t("admin.calendar.add")}</h2>
            <input type="hidden" name="intent" value="set" />
            <input type="hidden" name="year" value={year} />
            <div className="field">
              <label htmlFor="day-date">日期</label>
              <input id="day-date" name="date" type="date" required />
            </div>
            <div className="field">
              <label htmlFor="day-type">{t("field.kind")}</label>
              <select id="day-type" name="type">
                <option value="holiday">{t("admin.calendar.holiday")}</option>
                <option value="workday">{t("admin.calendar.workday")}</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="day-name">名称</label>
              <input id="day-name" name="name" type="text" placeholder="春节" />
            </div>
            <div className="actions-row">
              <button type="submit">{t("common.save")}</button>
            </div>
          </Form>
          <Form method="post" encType="multipart/form-data" className="panel">
            <h2>{t("admin.calendar.import")}</h2>
            <input type="hidden" name="intent" value="import" />
            <input type="hidden" name="year" value={year} />
            <input type="file" name="file" accept=".csv,text/csv" aria-label="CSV" />
            <textarea name="csv" placeholder={"date,type,name,schedule_year\n2027-01-01,holiday,元旦,2027"} aria-label="CSV" />
            <div className="actions-row">
              <button type="submit">{t("common.submit")}</button>
            </div>
          </Form>
        </div>
      </div>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
