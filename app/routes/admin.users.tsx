import { readFormData } from "~/utils/request-input.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FieldError } from "~/components/field-error";
import { ROLES } from "~/domain/roles";
import { t, tKey } from "~/i18n";
import { listTownships } from "~/models/reference.server";
import { UserInputError, createUser, listUsers, updateUser } from "~/models/users.server";
import { requireUser } from "~/session.server";
import { parseId, submittedValues } from "~/utils/forms";
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
  const values = submittedValues(formData);
  const townshipId = parseId(values.townshipId);
  try {
    if (values.intent === "create") {
      const user = await createUser({
        username: values.username ?? "",
        displayName: values.displayName,
        role: values.role ?? "",
        townshipId,
        password: values.password ?? "",
      });
      return redirect(`/admin/users?done=${encodeURIComponent(t("admin.users.created", { username: user.username }))}`);
    }
    const user = await updateUser(
      parseId(values.userId) ?? 0,
      {
        displayName: values.displayName ?? "",
        role: values.role ?? "",
        townshipId,
        active: values.active === "on",
        password: values.password || undefined,
      },
      admin,
    );
    return redirect(`/admin/users?done=${encodeURIComponent(t("admin.users.updated", { username: user.username }))}`);
  } catch (error) {
    if (error instanceof UserInputError) return data({ values, errors: error.fieldErrors }, { status: 400 });
    throw error;
  }
}

function RoleAndTownship({
  role,
  townshipId,
  townships,
  prefix,
}: {
  role: string;
  townshipId: number | null;
  townships: { id: number; name: string }[];
  prefix: string;
}) {
  return (
    <>
      <select name="role" defaultValue={role} aria-label={t("field.role")} id={`${prefix}-role`}>
        <option value="">{t("common.select")}</option>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {tKey("role", r)}
          </option>
        ))}
      </select>
      <select name="townshipId" defaultValue={townshipId ?? ""} aria-label={t("field.township")} id={`${prefix}-township`}>
        <option value="">{t("common.none")}</option>
        <NamedOptions items={townships} />
      </select>
    </>
  );
}

export default function AdminUsers() {
  const { users, townships, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const creating = actionData?.values.intent === "create";
  const errors = actionData?.errors ?? {};
  return (
    <>
      <h1>{t("admin.users.title")}</h1>
      {searchParams.get("done") && !actionData ? <p className="flash flash-success">{searchParams.get("done")}</p> : null}
      {errors.userId ? (
        <p className="flash flash-error" role="alert">
          {tKey("error", errors.userId)}
        </p>
      ) : null}
      <Form method="post" className="panel grid">
        <input type="hidden" name="intent" value="create" />
        <h2 className="field wide">{t("admin.users.add")}</h2>
        <div className="field">
          <label htmlFor="new-username">{t("field.username")}</label>
          <input id="new-username" name="username" type="text" defaultValue={creating ? actionData.values.username : ""} />
          <FieldError id="new-username-error" message={creating ? errors.username : null} />
        </div>
        <div className="field">
          <label htmlFor="new-displayName">{t("field.displayName")}</label>
          <input
            id="new-displayName"
            name="displayName"
            type="text"
            defaultValue={creating ? actionData.values.displayName : ""}
          />
        </div>
        <div className="field">
          <label htmlFor="new-role">
            {t("field.role")} / {t("field.township")}
          </label>
          <RoleAndTownship
            prefix="new"
            role={creating ? (actionData.values.role ?? "") : ""}
            townshipId={creating ? Number(actionData.values.townshipId) || null : null}
            townships={townships}
          />
          <FieldError id="new-role-error" message={creating ? (errors.role ?? errors.townshipId) : null} />
        </div>
        <div className="field">
          <label htmlFor="new-password">{t("field.password")}</label>
          <input id="new-password" name="password" type="password" autoComplete="new-password" />
          <FieldError id="new-password-error" message={creating ? errors.password : null} />
        </div>
        <div className="actions-row">
          <button type="submit">{t("admin.users.add")}</button>
        </div>
      </Form>
      <table>
        <thead>
          <tr>
            <th>{t("field.username")}</th>
            <th>{t("field.displayName")}</th>
            <th>
              {t("field.role")} / {t("field.township")}
            </th>
            <th>{t("field.active")}</th>
            <th>{t("admin.users.newPassword")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.map((user) => {
            const mine = actionData?.values.userId === String(user.id);
            return (
              <tr key={user.id}>
                <td>
                  <Link to={`/admin/users/${user.id}`}>{user.username}</Link>
                  {user.blockedUntil && new Date(user.blockedUntil) > new Date(now) ? (
                    <div className="field-error">{t("admin.users.locked", { until: showDateTime(user.blockedUntil) })}</div>
                  ) : null}
                  <div className="muted">{t("admin.users.openSessions", { count: user.openSessions })}</div>
                </td>
                <td colSpan={5}>
                  <Form
                    method="post"
                    style={{ display: "grid", gridTemplateColumns: "1fr 2fr auto 1fr auto", gap: 8, alignItems: "start" }}
                  >
                    <input type="hidden" name="intent" value="update" />
                    <input type="hidden" name="userId" value={user.id} />
                    <input name="displayName" type="text" defaultValue={user.displayName} aria-label={t("field.displayName")} />
                    <div>
                      <RoleAndTownship
                        prefix={`user-${user.id}`}
                        role={user.role}
                        townshipId={user.townshipId}
                        townships={townships}
                      />
                      <FieldError id={`user-${user.id}-role-error`} message={mine ? (errors.role ?? errors.townshipId) : null} />
                    </div>
                    <input type="checkbox" name="active" defaultChecked={user.active} aria-label={t("field.active")} />
                    <div>
                      <input
                        name="password"
                        type="password"
                        autoComplete="new-password"
                        aria-label={t("admin.users.newPassword")}
                      />
                      <FieldError id={`user-${user.id}-password-error`} message={mine ? errors.password : null} />
                    </div>
                    <button type="submit" className="secondary">
                      {t("admin.users.save")}
                    </button>
                  </Form>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
