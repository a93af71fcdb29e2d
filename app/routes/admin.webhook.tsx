import { badRequest, readFormData } from "~/utils/request-input.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FieldError } from "~/components/field-error";
import { t, tKey } from "~/i18n";
import { WebhookSettingsError, getWebhookSettings, recentWebhookDeliveries, saveWebhookSettings } from "~/models/webhooks.server";
import { requireUser } from "~/session.server";
import { showDateTime } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  const [settings, deliveries] = await Promise.all([getWebhookSettings(), recentWebhookDeliveries()]);
  // The secret is never sent back to the browser; an empty field keeps it.
  return { url: settings.url, hasSecret: settings.secret.length > 0, deliveries };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request, ["admin"]);
  const form = await readFormData(request);
  // An empty address turns the webhook off: only the page's own form, which says "save", may do that.
  if (form.get("intent") !== "save") throw badRequest(t("error.badRequest"));
  const url = String(form.get("url") ?? "");
  const secret = String(form.get("secret") ?? "") || (await getWebhookSettings()).secret;
  try {
    await saveWebhookSettings(url, secret);
  } catch (error) {
    if (error instanceof WebhookSettingsError) {
      return data(
        { url, field: error.message, message: error.message === "url" ? "webhookUrl" : "webhookSecret" },
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
  return (
    <>
      <h1>{t("admin.webhook.title")}</h1>
      <p className="muted">{t("admin.webhook.intro")}</p>
      {searchParams.get("saved") && !actionData ? <p className="flash flash-success">{t("admin.webhook.saved")}</p> : null}
      <Form method="post" className="panel grid">
        <input type="hidden" name="intent" value="save" />
        <div className="field wide">
          <label htmlFor="webhook-url">{t("admin.webhook.url")}</label>
          <input id="webhook-url" name="url" type="text" defaultValue={actionData?.url ?? url} placeholder="https://" />
          <FieldError id="webhook-url-error" message={actionData?.field === "url" ? actionData.message : null} />
        </div>
        <div className="field wide">
          <label htmlFor="webhook-secret">{t("admin.webhook.secret")}</label>
          <input id="webhook-secret" name="secret" type="password" autoComplete="off" placeholder={hasSecret ? "••••••••" : ""} />
          <FieldError id="webhook-secret-error" message={actionData?.field === "secret" ? actionData.message : null} />
        </div>
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
