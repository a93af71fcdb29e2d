import { InputError } from "~/models/errors";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { ChoiceGroup, FormErrors, TextField } from "~/components/form-fields";
import { PARTNER_CALLBACK_PATH, PARTNER_KINDS } from "~/domain/partners";
import { partnerActionSchema, partnerSchema } from "~/forms/admin";
import { t, tKey } from "~/i18n";
import { inputErrorTexts, replyErrors } from "~/utils/forms";
import { logger } from "~/logger.server";
import { createPartner, listPartners, refreshPartner, setPartnerActive } from "~/models/transfers-out/partners.server";
import { requireUser } from "~/session.server";
import { readFormData } from "~/utils/request-input.server";

/** 协作单位: the bodies cases are transferred to (docs/integrations.md "Transfers out"). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  return { origin: new URL(request.url).origin, partners: await listPartners() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, ["admin"]);
  const formData = await readFormData(request);
  if (formData.get("intent") !== "add") {
    const change = partnerActionSchema.safeParse(Object.fromEntries(formData));
    if (!change.success) return data({ result: null, message: t("error.badRequest") }, { status: 400 });
    try {
      if (change.data.intent === "refresh") await refreshPartner(change.data.id);
      else await setPartnerActive(change.data.id, change.data.intent === "activate");
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return data({ result: null, message: Object.values(inputErrorTexts(error)).join("；") }, { status: 400 });
    }
    logger.info({ admin: user.username, partnerId: change.data.id, intent: change.data.intent }, "partner changed");
    return redirect(`/admin/partners?${change.data.intent}=${change.data.id}`);
  }
  const submission = parseWithZod(formData, { schema: partnerSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply({ hideFields: ["apiKey"] }), message: null }, { status: 400 });
  try {
    const partner = await createPartner(submission.value);
    logger.info({ admin: user.username, partnerId: partner.id, kind: partner.kind }, "partner added");
    return redirect(`/admin/partners?added=${partner.id}`);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return data(
      { result: submission.reply({ fieldErrors: replyErrors(inputErrorTexts(error)) }), message: null },
      { status: 400 },
    );
  }
}

export default function AdminPartners() {
  const { partners, origin } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "partner",
    lastResult: actionData?.result,
    defaultValue: { kind: "greenline", replyDays: "15" },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: partnerSchema }),
  });
  const added = partners.find((partner) => String(partner.id) === searchParams.get("added"));
  const refreshed = partners.find((partner) => String(partner.id) === searchParams.get("refresh"));
  return (
    <>
      <h1>{t("admin.partners.title")}</h1>
      <p className="muted">{t("admin.partners.intro")}</p>
      {added && !actionData ? (
        <p className="flash flash-success" role="status">
          {t("admin.partners.saved", { name: added.name })}
        </p>
      ) : null}
      {refreshed && !actionData ? (
        <p className="flash flash-success" role="status">
          {t("admin.partners.refreshed", { name: refreshed.name })}
        </p>
      ) : null}
      {actionData?.message ? (
        <p className="flash flash-error" role="alert">
          {actionData.message}
        </p>
      ) : null}
      {partners.length === 0 ? <p>{t("admin.partners.none")}</p> : null}
      <ul className="partner-list">
        {partners.map((partner) => (
          <li key={partner.id} className="panel" data-partner={partner.id}>
            <h2>
              {partner.name} <span className="muted">{tKey("admin.partners.kind", partner.kind)}</span>
              {partner.active ? null : <span className="muted"> · {t("admin.partners.inactive")}</span>}
            </h2>
            {partner.kind === "greenline" ? (
              <>
                <p>
                  {partner.baseUrl} · {t("admin.partners.townships", { count: partner.townshipCount })}
                </p>
                <p>{t("admin.partners.callback", { url: `${origin}${PARTNER_CALLBACK_PATH}` })}</p>
              </>
            ) : null}
            <p>
              {t("admin.partners.replyDays")}：{partner.replyDays}
            </p>
            <div className="actions-row">
              {partner.kind === "greenline" && partner.active ? (
                <Form method="post">
                  <input type="hidden" name="id" value={partner.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="refresh"
                    aria-label={`${t("admin.partners.refresh")} ${partner.name}`}
                  >
                    {t("admin.partners.refresh")}
                  </button>
                </Form>
              ) : null}
              <Form method="post">
                <input type="hidden" name="id" value={partner.id} />
                <button
                  type="submit"
                  name="intent"
                  value={partner.active ? "deactivate" : "activate"}
                  aria-label={`${t(partner.active ? "admin.partners.deactivate" : "admin.partners.activate")} ${partner.name}`}
                >
                  {t(partner.active ? "admin.partners.deactivate" : "admin.partners.activate")}
                </button>
              </Form>
            </div>
          </li>
        ))}
      </ul>
      <h2>{t("admin.partners.add")}</h2>
      <Form method="post" {...getFormProps(form)} className="panel grid" aria-label={t("admin.partners.add")}>
        <input type="hidden" name="intent" value="add" />
        <FormErrors form={form} />
        <TextField meta={fields.name} label={t("admin.partners.name")} wide />
        <ChoiceGroup
          meta={fields.kind}
          legend={t("admin.partners.kind")}
          type="radio"
          options={PARTNER_KINDS.map((kind) => ({ value: kind, label: tKey("admin.partners.kind", kind) }))}
        />
        <TextField meta={fields.baseUrl} type="url" label={t("admin.partners.baseUrl")} placeholder="https://" wide />
        <TextField
          meta={fields.apiKey}
          type="password"
          label={t("admin.partners.apiKey")}
          hint={t("admin.partners.apiKeyHint")}
          wide
        />
        <TextField meta={fields.replyDays} type="number" min={1} max={90} label={t("admin.partners.replyDays")} />
        <div className="actions-row">
          <button type="submit">{t("common.save")}</button>
        </div>
      </Form>
    </>
  );
}
