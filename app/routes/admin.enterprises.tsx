import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  data,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { UNIT_COLUMNS } from "~/domain/enterprise-register";
import { t } from "~/i18n";
import { describeUnitProblem } from "~/i18n/ledger-problems";
import { importRegister } from "~/models/enterprises/register.server";
import { requireUser } from "~/session.server";
import { badRequest } from "~/utils/request-input.server";

/** A register of a district's units is a few thousand rows: checked and imported in the request. */
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const SHOWN_PROBLEMS = 200;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  return null;
}

/** 导入企业名录: the same check and import as `greenline enterprise import`, every problem listed, nothing written unless the file is clean. */
export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request, ["admin"]);
  const form = await unstable_parseMultipartFormData(
    request,
    unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }),
  ).catch(() => {
    throw badRequest(t("import.unreadableUpload"));
  });
  const file = form.get("register");
  if (!(file instanceof File) || file.size === 0) return data({ error: t("import.noFile"), summary: null }, { status: 400 });
  const summary = await importRegister(
    { content: Buffer.from(await file.arrayBuffer()), fileName: file.name.slice(0, 200) },
    { apply: form.get("intent") === "apply" },
  );
  const result = {
    error: null,
    summary: {
      fileName: file.name.slice(0, 200),
      rows: summary.rows,
      created: summary.created,
      updated: summary.updated,
      applied: summary.applied,
      unknownColumns: summary.unknownColumns,
      problemCount: summary.problems.length,
      problems: summary.problems.slice(0, SHOWN_PROBLEMS).map(describeUnitProblem),
    },
  };
  return summary.problems.length > 0 ? data(result, { status: 422 }) : result;
}

export default function AdminEnterprises() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const summary = result?.summary;
  return (
    <>
      <h1>{t("register.import")}</h1>
      <p className="muted">{t("register.importIntro", { columns: UNIT_COLUMNS.map((column) => column.header).join("、") })}</p>
      {result?.error ? (
        <p className="flash flash-error" role="alert">
          {result.error}
        </p>
      ) : null}
      {summary ? (
        <section
          className="panel"
          aria-labelledby="register-summary-heading"
          role={summary.problemCount > 0 ? "alert" : "status"}
        >
          <h2 id="register-summary-heading">
            {summary.applied
              ? t("register.imported", { fileName: summary.fileName })
              : t("register.checked", { fileName: summary.fileName })}
          </h2>
          <p>
            {summary.problemCount > 0
              ? t("register.problems", { rows: summary.rows, count: summary.problemCount })
              : t("register.clean", { rows: summary.rows, created: summary.created, updated: summary.updated })}
          </p>
          {summary.unknownColumns.length > 0 ? (
            <p className="muted">{t("register.ignoredColumns", { columns: summary.unknownColumns.join("、") })}</p>
          ) : null}
          {summary.problems.length > 0 ? (
            <ul>
              {summary.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          ) : null}
          {summary.applied ? <Link to="/enterprises">{t("register.title")}</Link> : null}
        </section>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="panel" aria-label={t("register.import")}>
        <div className="field">
          <label htmlFor="register-file">{t("register.file")}</label>
          <input id="register-file" name="register" type="file" accept=".csv,.xlsx" required />
        </div>
        <div className="actions-row">
          <button type="submit" name="intent" value="apply" disabled={navigation.state !== "idle"}>
            {t("register.checkAndImport")}
          </button>
          <button type="submit" name="intent" value="check" className="secondary" disabled={navigation.state !== "idle"}>
            {t("register.checkOnly")}
          </button>
        </div>
      </Form>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
