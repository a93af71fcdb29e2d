import { readFormData } from "~/utils/request-input.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { homePathFor } from "~/domain/home";
import { showDateTime } from "~/utils/format";
import { t } from "~/i18n";
import { safeRedirectPath } from "~/domain/security";
import { signIn } from "~/models/sign-in.server";
import { clientAddressOf, getSignedInUser, startUserSession } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSignedInUser(request);
  if (user) throw redirect(homePathFor(user.role));
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const username = String(form.get("username") ?? "").slice(0, 64);
  const password = String(form.get("password") ?? "").slice(0, 1024);
  const result = await signIn({ username, password, clientAddress: clientAddressOf(request) });
  if (!result.ok) {
    // One answer whether the account exists, is inactive or is blocked (docs/security.md).
    const message =
      result.reason === "throttled"
        ? result.retryAt
          ? t("login.throttledUntil", { until: showDateTime(result.retryAt) })
          : t("login.throttled")
        : t("login.invalid");
    return data({ message, username }, { status: result.reason === "throttled" ? 429 : 400 });
  }
  return startUserSession(request, result.user.id, safeRedirectPath(form.get("redirectTo"), homePathFor(result.user.role)));
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  return (
    <div className="login panel">
      <h1>{t("app.name")}</h1>
      <Form method="post" className="grid" style={{ gridTemplateColumns: "1fr" }}>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        {actionData?.message ? (
          <p className="flash flash-error" role="alert">
            {actionData.message}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="username">{t("field.username")}</label>
          <input
            id="username"
            name="username"
            type="text"
            autoComplete="username"
            autoFocus
            required
            defaultValue={actionData?.username}
          />
        </div>
        <div className="field">
          <label htmlFor="password">{t("field.password")}</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
        </div>
        <button type="submit">{t("login.submit")}</button>
      </Form>
    </div>
  );
}
