import type { LinksFunction, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { config } from "~/config.server";
import { Form, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useLoaderData } from "@remix-run/react";
import { useNonce } from "~/components/nonce";
import { RouteErrorBoundary } from "~/components/route-error";
import { type Role } from "~/domain/roles";
import { type MessageKey, t } from "~/i18n";
import { missingCalendarYears } from "~/models/deadlines/calendar.server";
import { unreadNotificationCount } from "~/models/outbox/notifications.server";
import { deadlineProcessingStatus } from "~/redis.server";
import { getSignedInUser } from "~/session.server";
import styles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: t("app.name") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSignedInUser(request);
  const deadlineStatus = user ? await deadlineProcessingStatus() : "running";
  const calendarMissing = user?.role === "admin" ? await missingCalendarYears() : [];
  const unread = user ? await unreadNotificationCount(user.id) : 0;
  return { user, deadlineStatus, calendarMissing, unread, bureauName: config().BUREAU_NAME };
}

/** `document`: served by express outside Remix, so the link loads a whole page. */
const NAV: { to: string; label: MessageKey; roles: Role[]; document?: boolean }[] = [
  { to: "/", label: "nav.home", roles: ["operator", "dispatcher", "township", "leader"] },
  { to: "/intake", label: "nav.intake", roles: ["operator", "dispatcher"] },
  { to: "/dispatch", label: "nav.dispatch", roles: ["dispatcher"] },
  { to: "/inbox", label: "nav.inbox", roles: ["township"] },
  { to: "/cases", label: "nav.cases", roles: ["operator", "dispatcher", "township", "leader", "admin"] },
  { to: "/supervision", label: "nav.supervision", roles: ["dispatcher", "leader"] },
  { to: "/reports", label: "nav.reports", roles: ["dispatcher", "leader", "admin"] },
  { to: "/replies", label: "nav.replies", roles: ["operator", "dispatcher", "township", "admin"] },
  { to: "/enterprises", label: "nav.enterprises", roles: ["dispatcher", "township", "leader", "admin"] },
  { to: "/knowledge", label: "nav.knowledge", roles: ["operator", "dispatcher", "township", "leader", "admin"] },
  { to: "/admin/users", label: "nav.adminUsers", roles: ["admin"] },
  { to: "/admin/policies", label: "nav.adminPolicies", roles: ["admin"] },
  { to: "/admin/calendar", label: "nav.adminCalendar", roles: ["admin"] },
  { to: "/admin/webhook", label: "nav.adminWebhook", roles: ["admin"] },
  { to: "/admin/messages", label: "nav.adminMessages", roles: ["admin"] },
  { to: "/admin/api-keys", label: "nav.adminApiKeys", roles: ["admin"] },
  { to: "/admin/townships", label: "nav.adminTownships", roles: ["admin"] },
  { to: "/admin/partners", label: "nav.adminPartners", roles: ["admin"] },
  { to: "/admin/import", label: "nav.import", roles: ["admin"] },
  { to: "/admin/security", label: "nav.adminSecurity", roles: ["admin"] },
  { to: "/admin/queues", label: "nav.adminQueues", roles: ["admin"], document: true },
];

function Document({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function NavLinks({ role }: { role: Role }) {
  return (
    <>
      {NAV.filter((item) => item.roles.includes(role)).map((item) => (
        <NavLink key={item.to} to={item.to} end={item.to === "/"} reloadDocument={item.document}>
          {t(item.label)}
        </NavLink>
      ))}
    </>
  );
}

/** Who is signed in, and the way out. */
function Account({ user }: { user: NonNullable<SerializeFrom<typeof loader>["user"]> }) {
  return (
    <div className="account">
      <span>
        {user.displayName} · {t(`role.${user.role}`)}
        {user.townshipName ? ` · ${user.townshipName}` : ""}
      </span>
      <Form method="post" action="/logout">
        <button type="submit" className="link-button">
          {t("nav.signOut")}
        </button>
      </Form>
    </div>
  );
}

export default function App() {
  const { user, deadlineStatus, calendarMissing, unread, bureauName } = useLoaderData<typeof loader>();
  return (
    <Document>
      {user ? (
        <header className="site-header">
          <a className="brand" href="/">
            {t("app.shortName")} <span>{bureauName}</span>
          </a>
          <nav aria-label={t("nav.main")} className="nav-wide">
            <NavLinks role={user.role} />
          </nav>
          <div className="who">
            <NavLink to="/notifications" data-unread={unread}>
              {t("nav.notifications")}
              {unread > 0 ? <span className="badge">{unread}</span> : null}
            </NavLink>
            <Account user={user} />
          </div>
          {/* On a phone the links and the account fold into a menu (details: it opens without JavaScript too). */}
          <details className="nav-menu">
            <summary>{t("nav.menu")}</summary>
            <div className="nav-menu-panel">
              <nav aria-label={t("nav.main")}>
                <NavLinks role={user.role} />
              </nav>
              <Account user={user} />
            </div>
          </details>
        </header>
      ) : null}
      {deadlineStatus !== "running" ? (
        <p className="banner banner-warning" role="alert">
          {t(deadlineStatus === "redis-unavailable" ? "banner.redisUnavailable" : "banner.noWorker")}
        </p>
      ) : null}
      {calendarMissing.length > 0 ? (
        <p className="banner banner-warning" role="alert">
          {t("banner.calendarMissing", { years: calendarMissing.join("、") })}
        </p>
      ) : null}
      <main>
        <Outlet />
      </main>
    </Document>
  );
}

export function ErrorBoundary() {
  return (
    <Document>
      <main>
        <RouteErrorBoundary />
      </main>
    </Document>
  );
}
