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
import { DESTINATIONS, type Destination } from "~/domain/destinations";
import { getDestinationSettings, recentWebhookDeliveries, saveDestinationSettings } from "~/models/outbox/webhooks.server";
import { requireUser } from "~/session.server";
import { showDateTime } from "~/utils/format";
import { replyErrors } from "~/utils/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  const [webhook, sms, deliveries] = await Promise.all([
    getDestinationSettings("webhook"),
    getDestinationSettings("sms"),
    recentWebhookDeliveries(),
  ]);
  // The secrets are never sent back to the browser; an empty field keeps the one saved.
  return {
    destinations: {
      webhook: { url: webhook.url, hasSecret: webhook.secret.length > 0 },
      sms: { url: sms.url, hasSecret: sms.secret.length > 0 },
    },
    deliveries,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request, ["admin"]);
  // An empty address turns a destination off: only the page's own form, which says "save", may do that.
  const submission = parseWithZod(await readFormData(request), { schema: webhookSettingsSchema });
  const destination = submission.payload.destination === "sms" ? "sms" : "webhook";
  if (submission.status !== "success")
    return data({ destination, result: submission.reply({ hideFields: ["secret"] }) }, { status: 400 });
  const { url = "", secret } = submission.value;
  try {
    await saveDestinationSettings(destination, url, secret || (await getDestinationSettings(destination)).secret);
  } catch (error) {
    if (error instanceof InputError) {
      return data(
        { destination, result: submission.reply({ fieldErrors: replyErrors(error.fieldErrors), hideFields: ["secret"] }) },
        { status: 400 },
      );
    }
    throw error;
  }
  return redirect(`/admin/webhook?saved=${destination}`);
}

/** One destination's address and secret: the chat robot's, or the SMS gateway's. */
function DestinationForm({ destination }: { destination: Destination }) {
  const { destinations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const mine = actionData?.destination === destination ? actionData.result : undefined;
  const { url, hasSecret } = destinations[destination];
  const [form, fields] = useForm({
    id: `destination-${destination}`,
    lastResult: mine,
    defaultValue: { url },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: webhookSettingsSchema }),
  });
  const title = t(`admin.webhook.${destination}.title`);
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      <p className="muted">{t(`admin.webhook.${destination}.intro`)}</p>
      <Form method="post" {...getFormProps(form)} className="panel grid" aria-label={title}>
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="destination" value={destination} />
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
    </section>
  );
}

export default function AdminWebhook() {
  const { deliveries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  return (
    <>
      <h1>{t("admin.webhook.title")}</h1>
      {searchParams.get("saved") && !actionData ? (
        <p className="flash flash-success" role="status">
          {t("admin.webhook.saved")}
        </p>
      ) : null}
      {DESTINATIONS.map((destination) => (
        <DestinationForm key={destination} destination={destination} />
      ))}
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
