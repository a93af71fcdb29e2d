import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  data,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ImportProgress } from "~/components/import-progress";
import { UNIT_COLUMNS } from "~/domain/enterprise-register";
import { t, tKey } from "~/i18n";
import { queueRegisterImport, registerImportStatus, runStoredRegisterImport } from "~/models/enterprises/import-jobs.server";
import { runsInline, storeUpload } from "~/models/ledger/import-jobs.server";
import { deadlineProcessingStatus } from "~/redis.server";
import { requireUser } from "~/session.server";
import { badRequest, searchParamsOf } from "~/utils/request-input.server";

const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/** A worker's import of a large register, followed by its job number. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  const jobId = searchParamsOf(request).get("job");
  if (!jobId) return { job: null };
  if (!/^\d{1,12}$/.test(jobId)) throw badRequest(t("import.unknownJob"));
  if ((await deadlineProcessingStatus()) === "redis-unavailable") throw badRequest(t("import.queueUnavailable"), 503);
  return { job: { id: jobId, ...(await registerImportStatus(jobId)) } };
}

/**
 * 导入企业名录: the same check and import as `greenline enterprise import`, every problem listed, nothing
 * written unless the file is clean; a small file in the request, a large one by a worker with progress.
 */
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
  const stored = await storeUpload(Buffer.from(await file.arrayBuffer()), file.name.slice(0, 200));
  const job = { ...stored, apply: form.get("intent") === "apply" };
  if (await runsInline(stored.token)) {
    const summary = await runStoredRegisterImport(job);
    return data({ error: null, summary }, { status: summary.problemCount > 0 ? 422 : 200 });
  }
  if ((await deadlineProcessingStatus()) === "redis-unavailable") {
    return data({ error: t("import.queueUnavailable"), summary: null }, { status: 503 });
  }
  throw redirect(`/admin/enterprises?job=${await queueRegisterImport(job)}`);
}

export default function AdminEnterprises() {
  const { job } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const summary = result?.summary ?? (navigation.state === "idle" ? job?.result : null) ?? null;
  return (
    <>
      <h1>{t("register.import")}</h1>
      <p className="muted">{t("register.importIntro", { columns: UNIT_COLUMNS.map((column) => column.header).join("、") })}</p>
      {result?.error ? (
        <p className="flash flash-error" role="alert">
          {result.error}
        </p>
      ) : null}
      <ImportProgress job={job} phaseLabel={(phase) => tKey("register.phase", phase)} />
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
