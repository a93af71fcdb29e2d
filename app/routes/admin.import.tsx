import { InputError } from "~/models/errors";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  data,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { ledgerImportSchema } from "~/forms/admin";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ImportProgress } from "~/components/import-progress";
import { t, tKey } from "~/i18n";
import { describeLedgerProblem } from "~/i18n/ledger-problems";
import {
  type PageSummary,
  ledgerImportStatus,
  queueLedgerImport,
  runStoredImport,
  runsInline,
  storeUpload,
} from "~/models/ledger/import-jobs.server";
import { deadlineProcessingStatus } from "~/redis.server";
import { badRequest, searchParamsOf } from "~/utils/request-input.server";
import { requireUser } from "~/session.server";

const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  const jobId = searchParamsOf(request).get("job");
  if (!jobId) return { job: null };
  if (!/^\d{1,12}$/.test(jobId)) throw badRequest(t("import.unknownJob"));
  if ((await deadlineProcessingStatus()) === "redis-unavailable") throw badRequest(t("import.queueUnavailable"), 503);
  return { job: { id: jobId, ...(await ledgerImportStatus(jobId)) } };
}

/** Checks (or, with a checked upload's token, imports) a ledger: small files at once, large ones in a worker. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, ["admin"]);
  const form = await unstable_parseMultipartFormData(
    request,
    unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }),
  ).catch(() => {
    throw badRequest(t("import.unreadableUpload"));
  });
  const submission = parseWithZod(form, { schema: ledgerImportSchema });
  if (submission.status !== "success") return data({ error: t("import.noFile"), summary: null }, { status: 400 });
  const command = submission.value;
  const apply = command.intent === "apply";
  const stored =
    command.intent === "apply"
      ? { token: command.token, fileName: command.fileName }
      : await storeUpload(Buffer.from(await command.ledger.arrayBuffer()), command.ledger.name.slice(0, 200));
  const job = { ...stored, apply, actorId: user.id };
  try {
    if (await runsInline(stored.token)) return { error: null, summary: await runStoredImport(job) };
  } catch (error) {
    if (error instanceof InputError) return data({ error: t("import.unknownUpload"), summary: null }, { status: 400 });
    throw error;
  }
  if ((await deadlineProcessingStatus()) === "redis-unavailable") {
    return data({ error: t("import.queueUnavailable"), summary: null }, { status: 503 });
  }
  throw redirect(`/admin/import?job=${await queueLedgerImport(job)}`);
}

function Summary({ summary }: { summary: PageSummary }) {
  const clean = summary.problemCount === 0;
  return (
    <section className="panel" aria-live="polite">
      <h2>{t(summary.applied ? "import.appliedTitle" : "import.summaryTitle", { fileName: summary.fileName })}</h2>
      <ul>
        <li>{t("import.rows", { rows: summary.rows })}</li>
        {/* A file with problems imports nothing: no line about new cases that will not exist. */}
        {clean ? (
          <li>
            {t("import.new", {
              created: summary.created,
              open: summary.open,
              overdueOpen: summary.overdueOpen,
              concluded: summary.concluded,
              rejected: summary.rejected,
            })}
          </li>
        ) : null}
        <li>{t("import.unchanged", { unchanged: summary.unchanged })}</li>
        {summary.unknownColumns.length > 0 ? (
          <li>{t("import.unknownColumns", { columns: summary.unknownColumns.join("、") })}</li>
        ) : null}
      </ul>
      {clean ? null : (
        <>
          <p className="error" role="alert">
            {t("import.problems", { count: summary.problemCount })}
            {summary.problemCount > summary.problems.length
              ? t("import.problemsTruncated", { shown: summary.problems.length })
              : null}
          </p>
          <ol className="problems" aria-label={t("import.problems", { count: summary.problemCount })}>
            {summary.problems.map((problem, index) => (
              <li key={index}>{describeLedgerProblem(problem)}</li>
            ))}
          </ol>
        </>
      )}
      {clean && !summary.applied && summary.created === 0 ? <p>{t("import.nothingNew")}</p> : null}
      {clean && !summary.applied && summary.created > 0 ? (
        <Form method="post" encType="multipart/form-data">
          <input type="hidden" name="intent" value="apply" />
          <input type="hidden" name="token" value={summary.token} />
          <input type="hidden" name="fileName" value={summary.fileName} />
          <button type="submit" className="primary">
            {t("import.apply", { count: summary.created })}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export default function LedgerImport() {
  const { job } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const summary = actionData?.summary ?? (navigation.state === "idle" ? job?.result : null) ?? null;
  return (
    <>
      <h1>{t("import.title")}</h1>
      <p className="muted">{t("import.intro")}</p>
      <Form method="post" encType="multipart/form-data" className="panel">
        <input type="hidden" name="intent" value="check" />
        <div className="field">
          <label htmlFor="ledger">{t("import.file")}</label>
          <input id="ledger" name="ledger" type="file" accept=".csv,.xlsx" required />
        </div>
        {actionData?.error ? (
          <p className="error" role="alert">
            {actionData.error}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={navigation.state !== "idle"}>
          {t("import.check")}
        </button>
      </Form>
      <ImportProgress job={job} phaseLabel={(phase) => tKey("import.phase", phase)} />
      {summary ? <Summary summary={summary} /> : null}
    </>
  );
}
