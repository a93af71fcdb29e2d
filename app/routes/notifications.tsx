import { badRequest, readFormData } from "~/utils/request-input.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { listNotifications, markNotificationsRead } from "~/models/outbox/notifications.server";
import { requireUser } from "~/session.server";
import { showDateTime } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { notifications: await listNotifications(user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // The button names what it does; a post that does not (an empty or garbled body) changes nothing.
  if ((await readFormData(request)).get("intent") !== "markRead") throw badRequest(t("error.badRequest"));
  await markNotificationsRead(user.id);
  return redirect("/notifications");
}

export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("notifications.title")}</h1>
      <Form method="post" className="actions-row">
        <button type="submit" name="intent" value="markRead" className="secondary">
          {t("notifications.markRead")}
        </button>
      </Form>
      {notifications.length === 0 ? <p className="muted">{t("notifications.empty")}</p> : null}
      <table>
        <tbody>
          {notifications.map((notification) => (
            <tr key={notification.id} data-kind={notification.kind} className={notification.readAt ? "muted" : undefined}>
              <td className="nowrap">{showDateTime(notification.createdAt)}</td>
              <td className="nowrap">
                {notification.readAt ? null : <span className="state state-overdue">{t("notifications.unread")}</span>}{" "}
                {tKey("action", notification.kind)}
              </td>
              <td>
                {notification.message}
                {notification.case ? (
                  <>
                    {" "}
                    <Link to={`/cases/${notification.case.caseNo}`}>{t("common.view")}</Link>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
