import type { LoaderFunctionArgs } from "@remix-run/node";
import { REPORT_READERS } from "~/domain/roles";
import { t } from "~/i18n";
import { unitRankingView } from "~/models/statistics/unit-figures.server";
import { unitRankingWorkbook } from "~/models/statistics/export.server";
import { rankingLabel } from "~/models/statistics/figure-entries";
import { requireUser } from "~/session.server";
import { parseRankingQuery } from "~/forms/ranking";
import { localDateOf } from "~/domain/local-time";
import { badRequest, searchParamsOf } from "~/utils/request-input.server";

/** `/reports/units/xlsx?period=…&by=…`: the ranking page's table as a workbook. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, REPORT_READERS);
  const query = parseRankingQuery(searchParamsOf(request), localDateOf(new Date()));
  if ("error" in query) return badRequest(t(query.error));
  const { ranking, by } = query;
  const title = t("ranking.periodTitle", { period: rankingLabel(ranking.key) });
  const workbook = await unitRankingWorkbook(title, await unitRankingView(ranking.period, by));
  return new Response(new Uint8Array(workbook), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(`${title}.xlsx`)}`,
    },
  });
}
