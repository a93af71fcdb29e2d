import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { accountActionSchema } from "~/forms/admin";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { listSecurityEvents } from "~/models/accounts/security-log.server";
import { accountBlockedUntil, unlockAccount } from "~/models/accounts/sign-in.server";
import { endSessionsByAdmin, listSessionsOfUser } from "~/models/accounts/sessions.server";
import { findUserSummary } from "~/models/accounts/users.server";
import { normalizeUsername } from "~/domain/security";
import { requireUser } from "~/session.server";
import { parseId } from "~/utils/forms";
import { showDateTime } from "~/utils/format";
import { badRequest, readFormData } from "~/utils/request-input.server";
import { SecurityEventTable } from "~/components/security-event-table";

async function userOfParams(params: LoaderFunctionArgs["params"]) {
  const id = parseId(params.userId);
  const user = id ? await findUserSummary(id) : null;
  if (!user) throw new Response("Not found", { status: 404 });
  return user;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  const user = await userOfParams(params);
  const now = new Date();
  const [sessions, blockedUntil, events] = await Promise.all([
    listSessionsOfUser(user.id, now),
    accountBlockedUntil(user, now),
    listSecurityEvents({ username: normalizeUsername(user.username) }),
  ]);
  return { user, sessions, blockedUntil, events: events.events };
}

/** Unlock the account, end one session, or end them all. */
export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireUser(request, ["admin"]);
  const user = await userOfParams(params);
  const submission = parseWithZod(await readFormData(request), { schema: accountActionSchema });
  if (submission.status !== "success") throw badRequest(t("error.badRequest"));
  const command = submission.value;
  if (command.intent === "unlock") {
    await unlockAccount(user, admin);
    return redirect(`/admin/users/${user.id}?done=${encodeURIComponent(t("admin.user.unlocked", { username: user.username }))}`);
  }
  const count = await endSessionsByAdmin(user, command.intent === "endSession" ? command.sessionId : null, admin);
  return redirect(`/admin/users/${user.id}?done=${encodeURIComponent(t("admin.user.ended", { count }))}`);
}

export default function AdminUser() {
  const { user, sessions, blockedUntil, events } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const openSessions = sessions.filter((session) => session.open);
  return (
    <>
      <p>
        <Link to="/admin/users">{t("admin.user.back")}</Link>
      </p>
      <h1>{t("admin.user.title", { username: user.username })}</h1>
      <p>
        {user.displayName} · {tKey("role", user.role)}
        {user.townshipName ? ` · ${user.townshipName}` : ""}
        {user.active ? "" : ` · ${t("common.inactive")}`}
      </p>
      {searchParams.get("done") ? (
        <p className="flash flash-success" role="status">
          {searchParams.get("done")}
        </p>
      ) : null}
      <section className="panel">
        {blockedUntil ? (
          <Form method="post" className="actions-row">
            <p className="field-error">{t("admin.users.locked", { until: showDateTime(blockedUntil) })}</p>
            <button type="submit" name="intent" value="unlock">
              {t("admin.user.unlock")}
            </button>
          </Form>
        ) : (
          <p>{t("admin.user.notLocked")}</p>
        )}
      </section>
      <section className="panel">
        <h2>{t("admin.user.sessions")}</h2>
        {sessions.length === 0 ? (
          <p>{t("admin.user.noSessions")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t("session.createdAt")}</th>
                <th>{t("session.lastSeenAt")}</th>
                <th>{t("session.expiresAt")}</th>
                <th>{t("session.clientAddress")}</th>
                <th>{t("session.userAgent")}</th>
                <th>{t("session.state")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {sessions.map((session) => (
                <tr key={session.id}>
                  <td>{showDateTime(session.createdAt, true)}</td>
                  <td>{showDateTime(session.lastSeenAt, true)}</td>
                  <td>{showDateTime(session.expiresAt, true)}</td>
                  <td>{session.clientAddress}</td>
                  <td className="user-agent">{session.userAgent}</td>
                  <td>
                    {session.open
                      ? t("session.open")
                      : `${tKey("sessionEnd", session.endReason ?? "")}${session.endedAt ? ` · ${showDateTime(session.endedAt, true)}` : ""}`}
                  </td>
                  <td>
                    {session.open ? (
                      <Form method="post">
                        <input type="hidden" name="sessionId" value={session.id} />
                        <button type="submit" name="intent" value="endSession" className="secondary">
                          {t("admin.user.endSession")}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {openSessions.length > 1 ? (
          <Form method="post" className="actions-row">
            <button type="submit" name="intent" value="endAll">
              {t("admin.user.endAll")}
            </button>
          </Form>
        ) : null}
      </section>
      <section className="panel">
        <h2>{t("admin.user.events")}</h2>
        <SecurityEventTable events={events} />
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
