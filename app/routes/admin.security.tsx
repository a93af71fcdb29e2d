import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { SecurityEventTable } from "~/components/security-event-table";
import { SECURITY_EVENT_TYPES, type SecurityEventType, normalizeUsername } from "~/domain/security";
import { t, tKey } from "~/i18n";
import { listSecurityEvents } from "~/models/accounts/security-log.server";
import { requireUser } from "~/session.server";
import { parseId } from "~/utils/forms";
import { searchParamsOf } from "~/utils/request-input.server";

/** The security audit log, newest first, filtered by event type and user name (administrators only). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  const params = searchParamsOf(request);
  const typeParam = params.get("type") ?? "";
  const type = (SECURITY_EVENT_TYPES as readonly string[]).includes(typeParam) ? (typeParam as SecurityEventType) : undefined;
  const username = normalizeUsername(params.get("username") ?? "") || undefined;
  const beforeId = parseId(params.get("before")) ?? undefined;
  const page = await listSecurityEvents({ type, username, beforeId });
  return { ...page, type: type ?? "", username: username ?? "" };
}

export default function SecurityLog() {
  const { events, nextBeforeId, type, username } = useLoaderData<typeof loader>();
  const older = new URLSearchParams({
    ...(type ? { type } : {}),
    ...(username ? { username } : {}),
    before: String(nextBeforeId),
  });
  return (
    <>
      <h1>{t("security.title")}</h1>
      <p>{t("security.intro")}</p>
      <Form method="get" className="panel filters">
        <div className="field">
          <label htmlFor="security-type">{t("security.type")}</label>
          <select id="security-type" name="type" defaultValue={type}>
            <option value="">{t("security.allTypes")}</option>
            {SECURITY_EVENT_TYPES.map((value) => (
              <option key={value} value={value}>
                {tKey("securityEvent", value)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="security-username">{t("security.username")}</label>
          <input id="security-username" name="username" type="text" defaultValue={username} />
        </div>
        <button type="submit">{t("security.filter")}</button>
      </Form>
      <SecurityEventTable events={events} />
      {nextBeforeId ? (
        <p>
          <Link to={`/admin/security?${older.toString()}`}>{t("security.older")}</Link>
        </p>
      ) : null}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
