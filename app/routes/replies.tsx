import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Fragment } from "react";
import { SelectField, TextAreaField, TextField } from "~/components/form-fields";
import { FormErrors, SaveOrDeleteButtons } from "~/components/form-fields";
import { REPLY_PURPOSES, REPLY_VARIABLES, SAMPLE_REPLY_VALUES, fillReplyTemplate } from "~/domain/reply-templates";
import { isReplyTemplateIntent, replyTemplateSchemas } from "~/forms/replies";
import { t, tKey } from "~/i18n";
import {
  createReplyTemplate,
  mayEditTemplate,
  replyTemplatesFor,
  updateReplyTemplate,
} from "~/models/replies/reply-templates.server";
import { requireUser } from "~/session.server";
import { badRequest, readFormData } from "~/utils/request-input.server";

/** 常用语: the bureau's reply templates and the user's own, written once and put into any step's text. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const templates = await replyTemplatesFor(user.id);
  return {
    templates: templates.map((template) => ({ ...template, editable: mayEditTemplate(user, template) })),
    isAdmin: user.role === "admin",
    // One key per page load: the new-template form sent again (a double click) is the template it added.
    submissionKey: crypto.randomUUID(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (!isReplyTemplateIntent(intent)) throw badRequest(t("error.badRequest"));
  const submission = parseWithZod(formData, { schema: replyTemplateSchemas[intent] });
  const templateId = intent === "create" ? null : String(formData.get("templateId") ?? "");
  const refuse = (result: SubmissionResult<string[]>, status = 400) => data({ templateId, result }, { status });
  if (submission.status !== "success") return refuse(submission.reply());
  const value = submission.value;
  if (value.intent === "create") {
    const refusal = await createReplyTemplate(user, value);
    if (refusal) return refuse(submission.reply({ formErrors: [tKey("error", refusal)] }), refusal === "notAllowed" ? 403 : 400);
    return redirect(`/replies?done=created`);
  }
  const changed = await updateReplyTemplate(user, value.templateId, value.intent === "delete" ? "delete" : value);
  if (!changed) return refuse(submission.reply({ formErrors: [t("error.notFound")] }), 404);
  return redirect(`/replies?done=${value.intent === "delete" ? "deleted" : "updated"}`);
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

function NewTemplateForm({
  isAdmin,
  result,
  submissionKey,
}: {
  isAdmin: boolean;
  result?: SubmissionResult<string[]>;
  submissionKey: string;
}) {
  const [form, fields] = useForm({
    id: "reply-template-new",
    lastResult: result,
    defaultValue: { scope: "own", purpose: "answer" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: replyTemplateSchemas.create }),
  });
  const body = typeof fields.body.value === "string" ? fields.body.value : "";
  return (
    <Form method="post" {...getFormProps(form)} className="panel" aria-labelledby="reply-template-new-heading">
      <h2 id="reply-template-new-heading">{t("replies.add")}</h2>
      <input type="hidden" name="intent" value="create" />
      <input type="hidden" name="submissionKey" value={submissionKey} />
      <div className="grid">
        <SelectField meta={fields.purpose} label={t("replies.purpose")}>
          {REPLY_PURPOSES.map((purpose) => (
            <option key={purpose} value={purpose}>
              {tKey("replies.purpose", purpose)}
            </option>
          ))}
        </SelectField>
        {isAdmin ? (
          <SelectField meta={fields.scope} label={t("replies.scope")}>
            <option value="own">{t("replies.scope.own")}</option>
            <option value="bureau">{t("replies.scope.bureau")}</option>
          </SelectField>
        ) : null}
        <TextField meta={fields.title} label={t("replies.title")} placeholder={t("replies.titleExample")} />
        <TextAreaField meta={fields.body} label={t("replies.body")} rows={4} wide />
      </div>
      {body ? (
        <p className="preview">
          <span className="muted">{t("admin.messages.preview")}：</span>
          <output htmlFor={fields.body.id}>{fillReplyTemplate(body, SAMPLE_REPLY_VALUES)}</output>
        </p>
      ) : null}
      <FormErrors form={form} />
      <div className="actions-row">
        <button type="submit">{t("common.save")}</button>
      </div>
    </Form>
  );
}

function TemplateForm({ template, result }: { template: Loaded["templates"][number]; result?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: `reply-template-${template.id}`,
    lastResult: result,
    defaultValue: { purpose: template.purpose, title: template.title, body: template.body },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: replyTemplateSchemas.update }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="template" aria-label={t("replies.edit", { title: template.title })}>
      <input type="hidden" name="templateId" value={template.id} />
      <input type="hidden" name="purpose" value={template.purpose} />
      <TextField meta={fields.title} label={t("replies.title")} />
      <TextAreaField meta={fields.body} label={t("replies.body")} rows={3} wide />
      <FormErrors form={form} />
      <SaveOrDeleteButtons deleteLabel={t("replies.delete")} />
    </Form>
  );
}

export default function ReplyTemplates() {
  const { templates, isAdmin, submissionKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const resultFor = (templateId: string | null) => (actionData?.templateId === templateId ? actionData.result : undefined);
  return (
    <>
      <h1>{t("replies.pageTitle")}</h1>
      <p className="muted">{t("replies.intro")}</p>
      {done && !actionData ? (
        <p className="flash flash-success" role="status">
          {tKey("replies.done", done)}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="reply-variables-heading">
        <h2 id="reply-variables-heading">{t("admin.messages.variables")}</h2>
        <dl className="fields">
          {REPLY_VARIABLES.map((name) => (
            <Fragment key={name}>
              <dt>
                <code>{`{${name}}`}</code>
              </dt>
              <dd>{tKey("replies.variable", name)}</dd>
            </Fragment>
          ))}
        </dl>
      </section>
      <NewTemplateForm isAdmin={isAdmin} result={resultFor(null)} submissionKey={submissionKey} />
      {REPLY_PURPOSES.map((purpose) => {
        const shown = templates.filter((template) => template.purpose === purpose);
        return (
          <section key={purpose} className="panel" aria-labelledby={`replies-${purpose}`}>
            <h2 id={`replies-${purpose}`}>{tKey("replies.purpose", purpose)}</h2>
            {shown.length === 0 ? <p className="muted">{t("replies.none")}</p> : null}
            {shown.map((template) =>
              template.editable ? (
                <TemplateForm key={template.id} template={template} result={resultFor(String(template.id))} />
              ) : (
                <div key={template.id} className="template">
                  <h3>
                    {template.title} <span className="muted">（{t("replies.scope.bureau")}）</span>
                  </h3>
                  <p className="body-text">{template.body}</p>
                </div>
              ),
            )}
          </section>
        );
      })}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
