import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { parseCaseNo } from "~/domain/case-kinds";
import { CaseTable } from "~/components/case-table";
import { t } from "~/i18n";
import { townshipInbox } from "~/models/case/lists.server";
import { listCategories } from "~/models/reference/reference-data.server";
import { requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, ["township"]);
  const [cases, categories] = await Promise.all([townshipInbox(user), listCategories()]);
  return {
    cases,
    townshipName: user.townshipName ?? "",
    categoryNames: Object.fromEntries(categories.map((c) => [c.code, c.name])),
  };
}

export default function TownshipInbox() {
  const { cases, townshipName, categoryNames } = useLoaderData<typeof loader>();
  // A case just returned has left the inbox: say so, and that the desk decides it.
  const returned = useSearchParams()[0].get("returned");
  return (
    <>
      <h1>{t("inbox.title", { township: townshipName })}</h1>
      {returned && parseCaseNo(returned) ? (
        <p className="flash flash-success" role="status">
          {t("inbox.returned", { caseNo: returned })}
        </p>
      ) : null}
      {cases.length === 0 ? (
        <p className="muted">{t("inbox.empty")}</p>
      ) : (
        <CaseTable cases={cases} categoryNames={categoryNames} />
      )}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
