import type { LoaderFunctionArgs } from "@remix-run/node";
import { isLocalDate } from "~/domain/local-time";
import { t } from "~/i18n";
import { REPORT_READERS, reportWorkbookResponse } from "~/models/report-page.server";
import { requireUser } from "~/session.server";

/** `/reports/xlsx?from=…&to=…`: the report's tables as a workbook. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, REPORT_READERS);
  const params = new URL(request.url).searchParams;
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  if (!isLocalDate(from) || !isLocalDate(to) || from > to) return new Response(t("report.badRange"), { status: 400 });
  return reportWorkbookResponse(from, to);
}
