import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { type FieldMetadata, type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { FormErrors, SaveOrDeleteButtons, TextAreaField, TextField } from "~/components/form-fields";
import { KnowledgeEntryView } from "~/components/knowledge-search";
import { localDateOf } from "~/domain/local-time";
import { defaultReviewBy } from "~/domain/knowledge";
import { isKnowledgeIntent, knowledgeSchemas } from "~/forms/knowledge";
import { t, tKey } from "~/i18n";
import {
  KNOWLEDGE_EDITORS,
  createKnowledgeEntry,
  entriesPastReview,
  knowledgeDraftFromCase,
  mayEditKnowledge,
  searchKnowledge,
  updateKnowledgeEntry,
} from "~/models/knowledge/entries.server";
import { requireUser } from "~/session.server";
import { InputError } from "~/models/errors";
import { badRequest, readFormData, searchParamsOf } from "~/utils/request-input.server";

/**
 * 知识库: the bureau's answers, searched in Chinese by everyone on the staff (also from the intake and the
 * case page, through this loader), kept by the desk; the administrator sees what is past its review date.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const params = searchParamsOf(request);
  const q = (params.get("q") ?? "").trim().slice(0, 100);
  const editable = mayEditKnowledge(user);
  const fromCase = params.get("fromCase");
  const [entries, pastReview, draft] = await Promise.all([
    searchKnowledge(q),
    user.role === "admin" ? entriesPastReview() : Promise.resolve([]),
    editable && fromCase ? knowledgeDraftFromCase(user, fromCase) : Promise.resolve(null),
  ]);
  // One key per page load: the new-entry form sent again (a double click) is the entry it added.
  return { q, entries, pastReview, draft, editable, today: localDateOf(new Date()), submissionKey: crypto.randomUUID() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, KNOWLEDGE_EDITORS);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (!isKnowledgeIntent(intent)) throw badRequest(t("error.badRequest"));
  const submission = parseWithZod(formData, { schema: knowledgeSchemas[intent] });
  const entryId = intent === "create" ? null : String(formData.get("entryId") ?? "");
  const refuse = (result: SubmissionResult<string[]>, status = 400) => data({ entryId, result }, { status });
  if (submission.status !== "success") return refuse(submission.reply());
  const value = submission.value;
  if (value.intent === "create") {
    const { intent: _, submissionKey, ...input } = value;
    try {
      await createKnowledgeEntry(user, { ...input, legalBasis: input.legalBasis ?? "" }, submissionKey);
    } catch (error) {
      // A key another user's entry carries: a crafted post.
      if (error instanceof InputError) return refuse(submission.reply({ formErrors: [t("error.badRequest")] }));
      throw error;
    }
    return redirect(`/knowledge?done=created&q=${encodeURIComponent(value.question.slice(0, 20))}`);
  }
  const change =
    value.intent === "delete"
      ? ("delete" as const)
      : {
          question: value.question,
          answer: value.answer,
          department: value.department,
          legalBasis: value.legalBasis ?? "",
          reviewBy: value.reviewBy,
        };
  if (!(await updateKnowledgeEntry(value.entryId, change)))
    return refuse(submission.reply({ formErrors: [t("error.notFound")] }), 404);
  return redirect(`/knowledge?done=${value.intent === "delete" ? "deleted" : "updated"}`);
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type Entry = Loaded["entries"][number];

// The create and update forms share these fields; conform's metadata types them per form.
type EntryFieldSet = Record<"question" | "answer" | "department" | "legalBasis" | "reviewBy", FieldMetadata<any, any, any>>;

function EntryFields({ fields }: { fields: EntryFieldSet }) {
  return (
    <div className="grid">
      <TextAreaField meta={fields.question} label={t("knowledge.question")} rows={2} wide />
      <TextAreaField meta={fields.answer} label={t("knowledge.answer")} rows={4} wide />
      <TextField meta={fields.department} label={t("knowledge.department")} placeholder={t("knowledge.departmentExample")} />
      <TextField meta={fields.legalBasis} label={t("knowledge.legalBasis")} />
      <TextField meta={fields.reviewBy} type="date" label={t("knowledge.reviewBy")} />
    </div>
  );
}

function NewEntryForm({
  draft,
  today,
  result,
  submissionKey,
}: {
  draft: Loaded["draft"];
  today: string;
  result?: SubmissionResult<string[]>;
  submissionKey: string;
}) {
  const [form, fields] = useForm({
    id: "knowledge-new",
    lastResult: result,
    defaultValue: draft ?? { reviewBy: defaultReviewBy(today) },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: knowledgeSchemas.create }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="panel" aria-labelledby="knowledge-new-heading">
      <h2 id="knowledge-new-heading">
        {draft ? t("knowledge.addFromCase", { caseNo: draft.sourceCaseNo }) : t("knowledge.add")}
      </h2>
      <input type="hidden" name="intent" value="create" />
      <input type="hidden" name="submissionKey" value={submissionKey} />
      {draft ? <input type="hidden" name="sourceCaseNo" value={draft.sourceCaseNo} /> : null}
      <EntryFields fields={fields} />
      <FormErrors form={form} />
      <div className="actions-row">
        <button type="submit">{t("common.save")}</button>
      </div>
    </Form>
  );
}

function EditEntryForm({ entry, result }: { entry: Entry; result?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: `knowledge-${entry.id}`,
    lastResult: result,
    defaultValue: {
      question: entry.question,
      answer: entry.answer,
      department: entry.department,
      legalBasis: entry.legalBasis,
      reviewBy: entry.reviewBy,
    },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: knowledgeSchemas.update }),
  });
  return (
    <details className="folded-fields" open={result ? true : undefined}>
      <summary>{t("knowledge.edit")}</summary>
      <Form
        method="post"
        {...getFormProps(form)}
        aria-label={t("knowledge.editEntry", { question: entry.question.slice(0, 20) })}
      >
        <input type="hidden" name="entryId" value={entry.id} />
        <EntryFields fields={fields} />
        <FormErrors form={form} />
        <SaveOrDeleteButtons deleteLabel={t("replies.delete")} />
      </Form>
    </details>
  );
}

export default function Knowledge() {
  const { q, entries, pastReview, draft, editable, today, submissionKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const resultFor = (entryId: string | null) => (actionData?.entryId === entryId ? actionData.result : undefined);
  const entryWithEdit = (entry: Entry) => (
    <KnowledgeEntryView key={entry.id} entry={entry} today={today}>
      {editable ? <EditEntryForm entry={entry} result={resultFor(String(entry.id))} /> : null}
    </KnowledgeEntryView>
  );
  return (
    <>
      <h1>{t("knowledge.title")}</h1>
      <p className="muted">{t("knowledge.intro")}</p>
      {done && !actionData ? (
        <p className="flash flash-success" role="status">
          {tKey("knowledge.done", done)}
        </p>
      ) : null}
      {pastReview.length > 0 ? (
        <section className="panel" aria-labelledby="knowledge-review-heading">
          <h2 id="knowledge-review-heading">{t("knowledge.pastReview", { count: pastReview.length })}</h2>
          {pastReview.map(entryWithEdit)}
        </section>
      ) : null}
      <Form method="get" className="panel filters" role="search" aria-label={t("knowledge.search")}>
        <div className="field" style={{ gridColumn: "span 2" }}>
          <label htmlFor="knowledge-q">{t("knowledge.search")}</label>
          <input id="knowledge-q" name="q" type="search" defaultValue={q} placeholder={t("knowledge.searchExample")} />
        </div>
        <div className="actions-row">
          <button type="submit">{t("knowledge.find")}</button>
        </div>
      </Form>
      <section aria-labelledby="knowledge-results-heading">
        <h2 id="knowledge-results-heading">{q ? t("knowledge.results", { count: entries.length }) : t("knowledge.latest")}</h2>
        {entries.length === 0 ? <p className="muted">{t("knowledge.none")}</p> : entries.map(entryWithEdit)}
      </section>
      {editable ? <NewEntryForm draft={draft} today={today} result={resultFor(null)} submissionKey={submissionKey} /> : null}
      {draft === null && searchParams.get("fromCase") && editable ? (
        <p className="flash flash-error" role="alert">
          {t("knowledge.noDraft")}
        </p>
      ) : null}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
