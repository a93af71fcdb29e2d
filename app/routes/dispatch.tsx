import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CaseTable } from "~/components/case-table";
import { DueMarkerDot } from "~/components/case-markers";
import { type MessageKey, t, tKey } from "~/i18n";
import { dispatcherWorkspace } from "~/models/case/lists.server";
import { listCategories } from "~/models/reference/reference-data.server";
import { requireUser } from "~/session.server";
import { showDateTime } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["dispatcher"]);
  const [workspace, categories] = await Promise.all([dispatcherWorkspace(), listCategories()]);
  return { workspace, categoryNames: Object.fromEntries(categories.map((c) => [c.code, c.name])) };
}

export default function DispatcherWorkspace() {
  const { workspace, categoryNames } = useLoaderData<typeof loader>();
  const queues: [MessageKey, typeof workspace.toAccept][] = [
    ["dispatch.toAccept", workspace.toAccept],
    ["dispatch.toAssign", workspace.toAssign],
    ["dispatch.toReview", workspace.toReview],
  ];
  return (
    <>
      <h1>{t("dispatch.title")}</h1>
      {queues.map(([title, cases]) => (
        <section key={title} className="panel" data-queue={title} aria-labelledby={`${title}-heading`}>
          <h2 id={`${title}-heading`}>
            {t(title)}（{cases.length}）
          </h2>
          {cases.length === 0 ? (
            <p className="muted">{t("dispatch.empty")}</p>
          ) : (
            <CaseTable cases={cases} categoryNames={categoryNames} />
          )}
        </section>
      ))}
      <section className="panel" data-queue="dispatch.extensions" aria-labelledby="extensions-heading">
        <h2 id="extensions-heading">
          {t("dispatch.extensions")}（{workspace.extensions.length}）
        </h2>
        {workspace.extensions.length === 0 ? (
          <p className="muted">{t("dispatch.empty")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t("field.caseNo")}</th>
                <th>{t("field.assignedTo")}</th>
                <th>{t("field.amount")}</th>
                <th>{t("field.reason")}</th>
                <th>{t("field.due")}</th>
              </tr>
            </thead>
            <tbody>
              {workspace.extensions.map((extension) => (
                <tr key={extension.id}>
                  <td>
                    <Link to={`/cases/${extension.case.caseNo}`}>{extension.case.caseNo}</Link>
                  </td>
                  <td>{extension.case.assignedTo?.name}</td>
                  <td>
                    {extension.amount} {tKey("milestone", extension.milestone)}
                  </td>
                  <td>{extension.reason}</td>
                  <td className="nowrap">
                    <DueMarkerDot marker={extension.case.marker} />
                    {showDateTime(extension.case.nextDueAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" data-queue="dispatch.toClose" aria-labelledby="to-close-heading">
        <h2 id="to-close-heading">
          {t("dispatch.toClose")}（{workspace.toClose.length}）
        </h2>
        {workspace.toClose.length === 0 ? (
          <p className="muted">{t("dispatch.empty")}</p>
        ) : (
          <CaseTable cases={workspace.toClose} categoryNames={categoryNames} />
        )}
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
