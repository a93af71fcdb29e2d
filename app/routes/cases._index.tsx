import { badRequest, readFormData, searchParamsOf } from "~/utils/request-input.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { TextField } from "~/components/form-fields";
import { InputError } from "~/models/errors";
import { replyErrors } from "~/utils/forms";
import { deleteSavedFilter, listSavedFilters, saveFilter } from "~/models/case/saved-filters.server";
import { CaseTable } from "~/components/case-table";
import { CASE_KINDS } from "~/domain/case-kinds";
import { CASE_STATES } from "~/domain/workflow";
import { t, tKey } from "~/i18n";
import { CASE_LIST_SORTS } from "~/domain/case-list";
import { caseListSearch, isSavedFilterIntent, parseCaseListQuery, savedFilterSchemas } from "~/forms/case-list";
import { listCases } from "~/models/case/lists.server";
import { loadCaseVocabulary } from "~/models/reference/reference-data.server";
import { requireUser } from "~/session.server";
import { NamedOptions } from "~/components/named-options";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = parseCaseListQuery(searchParamsOf(request));
  const [result, vocabulary, savedFilters] = await Promise.all([
    listCases(user, query),
    loadCaseVocabulary(),
    listSavedFilters(user.id),
  ]);
  return { result, query, search: caseListSearch(query), vocabulary, savedFilters, showTownshipFilter: user.role !== "township" };
}

/** Saves the filters in view under a name, or removes a saved one; the list's URL is the filter saved. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (!isSavedFilterIntent(intent)) throw badRequest(t("error.badRequest"));
  const submission = parseWithZod(formData, { schema: savedFilterSchemas[intent] });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const search = caseListSearch(parseCaseListQuery(searchParamsOf(request)));
  const value = submission.value;
  if (value.intent === "deleteFilter") {
    await deleteSavedFilter(user.id, value.filterId);
  } else {
    try {
      await saveFilter(user.id, value.name, search);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return data({ result: submission.reply({ fieldErrors: replyErrors(error.fieldErrors) }) }, { status: 400 });
    }
  }
  return redirect(search ? `/cases?${search}` : "/cases");
}

/** The user's saved filters as links (the one in view marked), each with its removal, and saving the one in view. */
function SavedFilters() {
  const { savedFilters, search } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "save-filter",
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: savedFilterSchemas.saveFilter }),
  });
  return (
    <section className="saved-filters" aria-labelledby="saved-filters-heading">
      <h2 id="saved-filters-heading">{t("cases.savedFilters")}</h2>
      {savedFilters.length === 0 ? <p className="muted">{t("cases.noSavedFilters")}</p> : null}
      <ul>
        {savedFilters.map((filter) => (
          <li key={filter.id}>
            <Link to={`/cases?${filter.query}`} aria-current={filter.query === search ? "page" : undefined}>
              {filter.name}
            </Link>
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="deleteFilter" />
              <input type="hidden" name="filterId" value={filter.id} />
              <button type="submit" className="link-button" aria-label={t("cases.deleteFilter", { name: filter.name })}>
                ×
              </button>
            </Form>
          </li>
        ))}
      </ul>
      {search || actionData ? (
        <Form method="post" {...getFormProps(form)} className="inline-form" aria-label={t("cases.saveFilter")}>
          <input type="hidden" name="intent" value="saveFilter" />
          <TextField meta={fields.name} label={t("cases.filterName")} placeholder={t("cases.filterNameExample")} />
          <button type="submit" className="secondary">
            {t("cases.saveFilter")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export default function CaseList() {
  const { result, query, search, vocabulary, showTownshipFilter } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const pageLink = (page: number) => {
    const params = new URLSearchParams(searchParams);
    params.set("page", String(page));
    return `?${params}`;
  };
  const exportLink = (format: string) => {
    const params = new URLSearchParams(searchParams);
    params.delete("page");
    params.delete("index");
    params.set("format", format);
    return `/cases/export?${params}`;
  };
  const categoryNames = Object.fromEntries(vocabulary.categories.map((c) => [c.code, c.name]));
  return (
    <>
      <h1>{t("cases.title")}</h1>
      <SavedFilters />
      {/* Keyed by the filters in view: a link to other filters (a saved one) must not keep the fields' old values. */}
      <Form key={search} method="get" className="panel filters" role="search">
        <div className="field" style={{ gridColumn: "span 2" }}>
          <label htmlFor="q">{t("cases.search")}</label>
          <input id="q" name="q" type="search" defaultValue={query.q ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="state">{t("field.state")}</label>
          <select id="state" name="state" defaultValue={query.state ?? ""}>
            <option value="">{t("cases.all")}</option>
            {CASE_STATES.map((state) => (
              <option key={state} value={state}>
                {tKey("state", state)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="kind">{t("field.kind")}</label>
          <select id="kind" name="kind" defaultValue={query.kind ?? ""}>
            <option value="">{t("cases.all")}</option>
            {CASE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {tKey("kind", kind)}
              </option>
            ))}
          </select>
        </div>
        {showTownshipFilter ? (
          <div className="field">
            <label htmlFor="township">{t("field.township")}</label>
            <select id="township" name="township" defaultValue={query.townshipId ?? ""}>
              <option value="">{t("cases.all")}</option>
              <NamedOptions items={vocabulary.townships} />
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="category">{t("field.category")}</label>
          <select id="category" name="category" defaultValue={query.category ?? ""}>
            <option value="">{t("cases.all")}</option>
            <NamedOptions items={vocabulary.categories} />
          </select>
        </div>
        <div className="field">
          <label htmlFor="channel">{t("field.channel")}</label>
          <select id="channel" name="channel" defaultValue={query.channel ?? ""}>
            <option value="">{t("cases.all")}</option>
            <NamedOptions items={vocabulary.channels} />
          </select>
        </div>
        <div className="field">
          <label htmlFor="from">{t("cases.from")}</label>
          <input id="from" name="from" type="date" defaultValue={query.receivedFrom ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="to">{t("cases.to")}</label>
          <input id="to" name="to" type="date" defaultValue={query.receivedTo ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="sort">{t("cases.sort")}</label>
          <select id="sort" name="sort" defaultValue={query.sort}>
            {CASE_LIST_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`cases.sort.${sort}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox">
          <input type="checkbox" name="overdue" value="1" defaultChecked={query.overdue} />
          {t("cases.onlyOverdue")}
        </label>
        <div className="actions-row">
          <button type="submit">{t("cases.filter")}</button>
          <Link to="/cases" className="button secondary">
            {t("cases.reset")}
          </Link>
        </div>
      </Form>
      <p className="list-summary">
        {t("cases.count", { total: result.total })}
        <a href={exportLink("xlsx")} download>
          {t("report.exportLedger")}
        </a>
        <a href={exportLink("csv")} download>
          {t("report.exportLedgerCsv")}
        </a>
      </p>
      {result.cases.length === 0 ? (
        <p className="muted">{t("cases.empty")}</p>
      ) : (
        <CaseTable cases={result.cases} categoryNames={categoryNames} />
      )}
      <nav className="pagination" aria-label="pagination">
        {result.page > 1 ? <Link to={pageLink(result.page - 1)}>{t("cases.previous")}</Link> : null}
        <span>{t("cases.page", { page: result.page, pageCount: result.pageCount })}</span>
        {result.page < result.pageCount ? <Link to={pageLink(result.page + 1)}>{t("cases.next")}</Link> : null}
      </nav>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
