import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Fragment } from "react";
import { TextAreaField } from "~/components/form-fields";
import { MESSAGE_EVENTS, MESSAGE_VARIABLES, SAMPLE_VALUES, renderMessage } from "~/domain/complainant-messages";
import { messageTemplatesSchema } from "~/forms/admin";
import { t, tKey } from "~/i18n";
import { messageTemplates, saveMessageTemplates } from "~/models/outbox/complainant-messages.server";
import { requireUser } from "~/session.server";
import { readFormData } from "~/utils/request-input.server";

/** 短信模板: what complainants are sent at each step, with the variables listed and a preview. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  return { templates: await messageTemplates() };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request, ["admin"]);
  const submission = parseWithZod(await readFormData(request), { schema: messageTemplatesSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  await saveMessageTemplates(submission.value);
  return redirect("/admin/messages?saved=1");
}

export default function AdminMessages() {
  const { templates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "message-templates",
    lastResult: actionData?.result,
    defaultValue: Object.fromEntries(
      MESSAGE_EVENTS.map((event) => [event, templates[event].custom ? templates[event].text : ""]),
    ),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: messageTemplatesSchema }),
  });
  return (
    <>
      <h1>{t("admin.messages.title")}</h1>
      <p className="muted">{t("admin.messages.intro")}</p>
      {searchParams.get("saved") && !actionData ? (
        <p className="flash flash-success" role="status">
          {t("admin.messages.saved")}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="variables-heading">
        <h2 id="variables-heading">{t("admin.messages.variables")}</h2>
        <dl className="fields">
          {MESSAGE_VARIABLES.map((name) => (
            <Fragment key={name}>
              <dt>
                <code>{`{${name}}`}</code>
              </dt>
              <dd>{tKey("sms.variable", name)}</dd>
            </Fragment>
          ))}
        </dl>
      </section>
      <Form method="post" {...getFormProps(form)} className="panel" aria-label={t("admin.messages.title")}>
        {MESSAGE_EVENTS.map((event) => {
          // What was typed (a field sent twice comes back as a list: the default's preview then).
          const typed = fields[event].value;
          const template = typeof typed === "string" && typed ? typed : tKey("sms.default", event);
          return (
            <div key={event} className="template">
              <TextAreaField
                meta={fields[event]}
                label={`${tKey("sms.event", event)}（${templates[event].custom ? t("admin.messages.custom") : t("admin.messages.default")}）`}
                hint={tKey("sms.default", event)}
                wide
              />
              <p className="preview">
                <span className="muted">{t("admin.messages.preview")}：</span>
                <output htmlFor={fields[event].id}>{renderMessage(template, SAMPLE_VALUES)}</output>
              </p>
            </div>
          );
        })}
        <div className="actions-row">
          <button type="submit">{t("common.save")}</button>
        </div>
      </Form>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
