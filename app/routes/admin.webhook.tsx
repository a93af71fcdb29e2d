import { InputError } from "~/models/errors";
import { readFormData } from "~/utils/request-input.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { TextField } from "~/components/form-fields";
import { webhookSettingsSchema } from "~/forms/admin";
import { t, tKey } from "~/i18n";
import { getWebhookSettings, recentWebhookDeliveries, saveWebhookSettings } from "~/models/outbox/webhooks.server";
import { requireUser } from "~/session.server";
import { showDateTime } from "~/utils/format";
import { replyErrors } from "~/utils/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  const [settings, deliveries] = await Promise.all([getWebhookSettings(), recentWebhookDeliveries()]);
  // The secret is never sent back to the browser; an empty field keeps it.
  return { url: settings.url, hasSecret: settings.secret.length > 0, deliveries };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request, ["admin"]);
  // An empty address turns the webhook off: only the page's own form, which says "save", may do that.
  const submission = parseWithZod(await readFormData(request), { schema: webhookSettingsSchema });
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields: ["secret"] }) }, { status: 400 });
  const { url = "", secret } = submission.value;
  try {
    await saveWebhookSettings(url, secret || (await getWebhookSettings()).secret);
  } catch (error) {
    if (error instanceof InputError) {
      return data(
        { result: submission.reply({ fieldErrors: replyErrors(error.fieldErrors), hideFields: ["secret"] }) },
        { status: 400 },
      );
    }
    throw error;
  }
  return redirect("/admin/webhook?saved=1");
}

export default function AdminWebhook() {
  const { url, hasSecret, deliveries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "webhook",
    lastResult: actionData?.result,
    defaultValue: { url },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: webhookSettingsSchema }),
  });
  return (
    <>
      <h1>{t("admin.webhook.title")}</h1>
      <p className="muted">{t("admin.webhook.intro")}</p>
      {searchParams.get("saved") && !actionData ? (
        <p className="flash flash-success" role="status">
          {t("admin.webhook.saved")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="panel grid" aria-label={t("admin.webhook.title")}>
        <input type="hidden" name="intent" value="save" />
        <TextField meta={fields.url} type="url" label={t("admin.webhook.url")} placeholder="https://" wide />
        <TextField
          meta={fields.secret}
          type="password"
          label={t("admin.webhook.secret")}
          placeholder={hasSecret ? "••••••••" : ""}
          wide
        />
        <div className="actions-row">
          <button type="submit">{t("common.save")}</button>
        </div>
      </Form>
      <h2>{t("admin.webhook.deliveries")}</h2>
      <table>
        <tbody>
          {deliveries.map((delivery) => (
            <tr key={delivery.id}>
              <td className="nowrap">{showDateTime(delivery.createdAt)}</td>
              <td>{delivery.eventId}</td>
              <td>{tKey("admin.webhook.status", delivery.status)}</td>
              <td>{delivery.attempts}</td>
              <td className="muted">{delivery.lastError}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
