import { badRequest, readFormData } from "~/utils/request-input.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { type FieldMetadata, type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { CheckboxField, FormErrors, SelectField, TextField } from "~/components/form-fields";
import { createUserSchema, isUserFormIntent, updateUserSchema, userFormSchemas } from "~/forms/users";
import { ROLES } from "~/domain/roles";
import { t, tKey } from "~/i18n";
import { listTownships } from "~/models/reference/reference-data.server";
import { createUser, listUsers, updateUser } from "~/models/accounts/users.server";
import { InputError } from "~/models/errors";
import { requireUser } from "~/session.server";
import { replyErrors } from "~/utils/forms";
import { showDateTime } from "~/utils/format";
import { NamedOptions } from "~/components/named-options";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  const [users, townships] = await Promise.all([listUsers(), listTownships({ includeUnits: true })]);
  return { users, townships, now: new Date() };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUser(request, ["admin"]);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (!isUserFormIntent(intent)) throw badRequest(t("error.badRequest"));
  const submission = parseWithZod(formData, { schema: userFormSchemas[intent] });
  const formId = intent === "create" ? "create" : `user-${formData.get("userId")}`;
  const refuse = (result: SubmissionResult<string[]>) => data({ formId, result }, { status: 400 });
  if (submission.status !== "success") return refuse(submission.reply({ hideFields: ["password"] }));
  const value = submission.value;
  try {
    if (value.intent === "create") {
      const user = await createUser({ ...value, townshipId: value.townshipId ?? null });
      return redirect(`/admin/users?done=${encodeURIComponent(t("admin.users.created", { username: user.username }))}`);
    }
    const user = await updateUser(
      value.userId,
      {
        displayName: value.displayName ?? "",
        role: value.role,
        townshipId: value.townshipId ?? null,
        active: Boolean(value.active),
        password: value.password || undefined,
      },
      admin,
    );
    return redirect(`/admin/users?done=${encodeURIComponent(t("admin.users.updated", { username: user.username }))}`);
  } catch (error) {
    if (error instanceof InputError) {
      return refuse(submission.reply({ fieldErrors: replyErrors(error.fieldErrors), hideFields: ["password"] }));
    }
    throw error;
  }
}

type Townships = { id: number; name: string }[];
type UserRow = Awaited<ReturnType<typeof loader>>["users"][number];

/** An account's role and, for township staff, its township. */
function RoleAndTownshipFields({
  role,
  townshipId,
  townships,
}: {
  role: FieldMetadata<string | undefined>;
  townshipId: FieldMetadata<number | undefined>;
  townships: Townships;
}) {
  return (
    <>
      <SelectField meta={role} label={t("field.role")}>
        <option value="">{t("common.select")}</option>
        {ROLES.map((value) => (
          <option key={value} value={value}>
            {tKey("role", value)}
          </option>
        ))}
      </SelectField>
      <SelectField meta={townshipId} label={t("field.township")}>
        <option value="">{t("common.none")}</option>
        <NamedOptions items={townships} />
      </SelectField>
    </>
  );
}

function NewUserForm({ townships, result }: { townships: Townships; result?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: "create",
    lastResult: result,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createUserSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="panel grid" aria-labelledby="new-user-heading">
      <input type="hidden" name="intent" value="create" />
      <h2 className="field wide" id="new-user-heading">
        {t("admin.users.add")}
      </h2>
      <TextField meta={fields.username} label={t("field.username")} />
      <TextField meta={fields.displayName} label={t("field.displayName")} />
      <RoleAndTownshipFields role={fields.role} townshipId={fields.townshipId} townships={townships} />
      <TextField meta={fields.password} type="password" label={t("field.password")} autoComplete="new-password" />
      <div className="actions-row">
        <button type="submit">{t("admin.users.add")}</button>
      </div>
    </Form>
  );
}

/** One account's row: its own form, so that its problems show on it and its typed values stay. */
function UserRowForm({ user, townships, result }: { user: UserRow; townships: Townships; result?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: `user-${user.id}`,
    lastResult: result,
    defaultValue: {
      displayName: user.displayName,
      role: user.role,
      townshipId: user.townshipId ? String(user.townshipId) : "",
      active: user.active ? "on" : "",
    },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: updateUserSchema }),
  });
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="user-row-form"
      aria-label={t("admin.users.editOf", { username: user.username })}
    >
      <input type="hidden" name="intent" value="update" />
      <input type="hidden" name="userId" value={user.id} />
      <TextField meta={fields.displayName} label={t("field.displayName")} />
      <RoleAndTownshipFields role={fields.role} townshipId={fields.townshipId} townships={townships} />
      <CheckboxField meta={fields.active} label={t("field.active")} />
      <TextField meta={fields.password} type="password" label={t("admin.users.newPassword")} autoComplete="new-password" />
      <FormErrors form={form} />
      <button type="submit" className="secondary">
        {t("admin.users.save")}
      </button>
    </Form>
  );
}

export default function AdminUsers() {
  const { users, townships, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const resultOf = (formId: string) => (actionData?.formId === formId ? actionData.result : undefined);
  return (
    <>
      <h1>{t("admin.users.title")}</h1>
      {searchParams.get("done") && !actionData ? (
        <p className="flash flash-success" role="status">
          {searchParams.get("done")}
        </p>
      ) : null}
      <NewUserForm townships={townships} result={resultOf("create")} />
      <table className="user-table">
        <thead>
          <tr>
            <th>{t("field.username")}</th>
            <th>{t("admin.users.account")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>
                <Link to={`/admin/users/${user.id}`}>{user.username}</Link>
                {user.blockedUntil && new Date(user.blockedUntil) > new Date(now) ? (
                  <div className="field-error">{t("admin.users.locked", { until: showDateTime(user.blockedUntil) })}</div>
                ) : null}
                <div className="muted">{t("admin.users.openSessions", { count: user.openSessions })}</div>
              </td>
              <td>
                <UserRowForm user={user} townships={townships} result={resultOf(`user-${user.id}`)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
