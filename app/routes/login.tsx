import { readFormData } from "~/utils/request-input.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { TextField } from "~/components/form-fields";
import { signInSchema } from "~/forms/sign-in";
import { homePathFor } from "~/domain/home";
import { showDateTime } from "~/utils/format";
import { t } from "~/i18n";
import { safeRedirectPath } from "~/domain/security";
import { signIn } from "~/models/accounts/sign-in.server";
import { clientAddressOf, getSignedInUser, startUserSession } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSignedInUser(request);
  if (user) throw redirect(homePathFor(user.role));
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await readFormData(request), { schema: signInSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply({ hideFields: ["password"] }), message: null }, { status: 400 });
  const { username, password, redirectTo } = submission.value;
  const result = await signIn({ username, password, clientAddress: clientAddressOf(request) });
  if (!result.ok) {
    // One answer whether the account exists, is inactive or is blocked (docs/security.md).
    const message =
      result.reason === "throttled"
        ? result.retryAt
          ? t("login.throttledUntil", { until: showDateTime(result.retryAt) })
          : t("login.throttled")
        : t("login.invalid");
    return data(
      { result: submission.reply({ hideFields: ["password"] }), message },
      { status: result.reason === "throttled" ? 429 : 400 },
    );
  }
  return startUserSession(request, result.user.id, safeRedirectPath(redirectTo, homePathFor(result.user.role)));
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "sign-in",
    lastResult: actionData?.result,
    defaultValue: { redirectTo: searchParams.get("redirectTo") ?? "" },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signInSchema }),
  });
  return (
    <div className="login panel">
      <h1>{t("app.name")}</h1>
      <Form
        method="post"
        {...getFormProps(form)}
        className="grid"
        style={{ gridTemplateColumns: "1fr" }}
        aria-label={t("login.submit")}
      >
        <input type="hidden" name={fields.redirectTo.name} value={searchParams.get("redirectTo") ?? ""} />
        {actionData?.message ? (
          <p className="flash flash-error" role="alert">
            {actionData.message}
          </p>
        ) : null}
        <TextField meta={fields.username} label={t("field.username")} autoComplete="username" autoFocus />
        <TextField meta={fields.password} type="password" label={t("field.password")} autoComplete="current-password" />
        <button type="submit">{t("login.submit")}</button>
      </Form>
      <p>
        <Link to="/query">{t("query.linkFromSignIn")}</Link>
      </p>
    </div>
  );
}
