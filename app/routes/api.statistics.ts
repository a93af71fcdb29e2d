import type { LoaderFunctionArgs } from "@remix-run/node";
import { CASE_KINDS, type CaseKind } from "~/domain/case-kinds";
import { isSupportedYear } from "~/domain/local-time";
import { rangePeriod, reportRange, yearPeriod } from "~/domain/statistics";
import { searchParamsOf } from "~/utils/request-input.server";
import { t } from "~/i18n";
import { REPORT_READERS } from "~/domain/roles";
import { statisticsOffRequest } from "~/models/statistics/jobs.server";
import { requireUser } from "~/session.server";

/**
 * `GET /api/statistics?year=2020[&kind=complaint]` or `?from=…&to=…`: the same figures as the report
 * pages and `greenline report annual`, as JSON, for signed-in readers of the reports.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, REPORT_READERS);
  const params = searchParamsOf(request);
  const kind = (params.get("kind") ?? "complaint") as CaseKind;
  if (!CASE_KINDS.includes(kind)) return Response.json({ error: `unknown kind ${kind}` }, { status: 400 });
  const year = Number(params.get("year"));
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  let period;
  const range = reportRange(from, to);
  if (params.has("year") && isSupportedYear(year)) period = yearPeriod(year);
  else if (range) period = rangePeriod(range.from, range.to);
  else return Response.json({ error: t("report.badRange") }, { status: 400 });
  const { [kind]: statistics } = await statisticsOffRequest([kind], period);
  return Response.json(statistics);
}
