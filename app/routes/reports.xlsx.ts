import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportRange } from "~/domain/statistics";
import { badRequest, searchParamsOf } from "~/utils/request-input.server";
import { t } from "~/i18n";
import { REPORT_READERS } from "~/domain/roles";
import { reportWorkbook } from "~/models/statistics/report-page.server";
import { requireUser } from "~/session.server";

/** `/reports/xlsx?from=…&to=…`: the report's tables as a workbook. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, REPORT_READERS);
  const params = searchParamsOf(request);
  const range = reportRange(params.get("from") ?? "", params.get("to") ?? "");
  if (!range) return badRequest(t("report.badRange"));
  const { title, workbook } = await reportWorkbook(range.from, range.to);
  return new Response(new Uint8Array(workbook), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(`${title}.xlsx`)}`,
    },
  });
}
