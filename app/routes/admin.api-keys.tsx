import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { ChoiceGroup, FormErrors, SelectField, TextField } from "~/components/form-fields";
import { NamedOptions } from "~/components/named-options";
import { API_SCOPES, apiKeyRefusal } from "~/domain/api-keys";
import { apiKeySchema, revokeApiKeySchema } from "~/forms/admin";
import { t, tKey } from "~/i18n";
import { createApiKey, listApiKeys, recentApiRequests, revokeApiKey, scopesOf } from "~/models/transfers-in/api-keys.server";
import { InputError } from "~/models/errors";
import { listChannels } from "~/models/reference/reference-data.server";
import { requireUser } from "~/session.server";
import { showDateTime } from "~/utils/format";
import { replyErrors } from "~/utils/forms";
import { readFormData } from "~/utils/request-input.server";

/** 接口密钥: keys for the platforms, partners and the bureau's tools (docs/integrations.md). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  const [keys, channels, requests] = await Promise.all([listApiKeys(), listChannels(), recentApiRequests()]);
  const channelNames = new Map(channels.map((channel) => [channel.code, channel.name]));
  return {
    // Staff read what a key may do and where its cases come from in words, not as the API's codes.
    keys: keys.map((key) => ({
      ...key,
      scopes: scopesOf(key),
      channel: key.channel ? (channelNames.get(key.channel) ?? key.channel) : null,
    })),
    channels,
    requests,
    now: new Date().toISOString(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request, ["admin"]);
  const formData = await readFormData(request);
  if (formData.get("intent") === "revoke") {
    const revoke = revokeApiKeySchema.safeParse(Object.fromEntries(formData));
    if (!revoke.success) return data({ result: null, createdKey: null }, { status: 400 });
    await revokeApiKey(revoke.data.id);
    return redirect("/admin/api-keys?revoked=1");
  }
  const submission = parseWithZod(formData, { schema: apiKeySchema });
  if (submission.status !== "success") return data({ result: submission.reply(), createdKey: null }, { status: 400 });
  try {
    const { key } = await createApiKey(submission.value);
    // Shown on this answer only: the key exists nowhere else in clear.
    return { result: submission.reply({ resetForm: true }), createdKey: key };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return data({ result: submission.reply({ fieldErrors: replyErrors(error.fieldErrors) }), createdKey: null }, { status: 400 });
  }
}

export default function AdminApiKeys() {
  const { keys, channels, requests, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "api-key",
    lastResult: actionData?.result,
    defaultValue: { rateLimit: "600" },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: apiKeySchema }),
  });
  const stateOf = (key: (typeof keys)[number]) =>
    apiKeyRefusal(
      { revokedAt: key.revokedAt ? new Date(key.revokedAt) : null, expiresAt: key.expiresAt ? new Date(key.expiresAt) : null },
      new Date(now),
    ) ?? "active";
  return (
    <>
      <h1>{t("admin.apiKeys.title")}</h1>
      <p className="muted">
        {t("admin.apiKeys.intro")} <a href="/api/v1/docs">{t("admin.apiKeys.docs")}</a>
      </p>
      {actionData?.createdKey ? (
        <div className="flash flash-success" role="status">
          <p>{t("admin.apiKeys.created")}</p>
          <p>
            <code className="lookup-code" data-testid="created-key">
              {actionData.createdKey}
            </code>
          </p>
        </div>
      ) : null}
      {searchParams.get("revoked") && !actionData ? (
        <p className="flash flash-success" role="status">
          {t("admin.apiKeys.revokedFlash")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="panel grid" aria-label={t("admin.apiKeys.create")}>
        <FormErrors form={form} />
        <TextField meta={fields.name} label={t("admin.apiKeys.name")} />
        <SelectField meta={fields.channel} label={t("admin.apiKeys.channel")}>
          <option value="">{t("common.none")}</option>
          <NamedOptions items={channels} />
        </SelectField>
        <ChoiceGroup
          meta={fields.scopes}
          legend={t("admin.apiKeys.scopes")}
          options={API_SCOPES.map((scope) => ({ value: scope, label: tKey("scope", scope) }))}
        />
        <TextField meta={fields.callbackUrl} type="url" label={t("admin.apiKeys.callbackUrl")} placeholder="https://" />
        <TextField meta={fields.expiresOn} type="date" label={t("admin.apiKeys.expiresAt")} />
        <TextField meta={fields.rateLimit} type="number" label={t("admin.apiKeys.rateLimit")} min={1} max={100_000} />
        <div className="actions-row">
          <button type="submit">{t("admin.apiKeys.create")}</button>
        </div>
      </Form>
      {keys.length === 0 ? (
        <p className="muted">{t("admin.apiKeys.none")}</p>
      ) : (
        <table className="cards" aria-label={t("admin.apiKeys.title")}>
          <thead>
            <tr>
              <th scope="col">{t("admin.apiKeys.name")}</th>
              <th scope="col">{t("admin.apiKeys.prefix")}</th>
              <th scope="col">{t("admin.apiKeys.scopes")}</th>
              <th scope="col">{t("admin.apiKeys.channel")}</th>
              <th scope="col">{t("admin.apiKeys.expiresAt")}</th>
              <th scope="col">{t("admin.apiKeys.lastUsed")}</th>
              <th scope="col">{t("admin.apiKeys.state")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("admin.apiKeys.revoke")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.id}>
                <td data-label={t("admin.apiKeys.name")}>{key.name}</td>
                <td data-label={t("admin.apiKeys.prefix")}>
                  <code>gl_{key.prefix}_…</code>
                </td>
                <td data-label={t("admin.apiKeys.scopes")}>{key.scopes.map((scope) => tKey("scope.short", scope)).join("、")}</td>
                <td data-label={t("admin.apiKeys.channel")}>{key.channel ?? "—"}</td>
                <td data-label={t("admin.apiKeys.expiresAt")}>{key.expiresAt ? showDateTime(key.expiresAt) : "—"}</td>
                <td data-label={t("admin.apiKeys.lastUsed")}>{key.lastUsedAt ? showDateTime(key.lastUsedAt) : "—"}</td>
                <td data-label={t("admin.apiKeys.state")}>{tKey("admin.apiKeys", stateOf(key))}</td>
                <td>
                  {stateOf(key) === "active" ? (
                    <Form method="post" aria-label={`${t("admin.apiKeys.revoke")} ${key.name}`}>
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="id" value={key.id} />
                      <button type="submit" className="danger">
                        {t("admin.apiKeys.revoke")}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("admin.apiKeys.requests")}</h2>
      <table aria-label={t("admin.apiKeys.requests")}>
        <tbody>
          {requests.map((entry) => (
            <tr key={entry.id}>
              <td className="nowrap">{showDateTime(entry.at)}</td>
              <td>{entry.apiKey?.name ?? "—"}</td>
              <td>
                <code>
                  {entry.method} {entry.path}
                </code>
              </td>
              <td>{entry.status}</td>
              <td className="muted">{entry.clientAddress}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
