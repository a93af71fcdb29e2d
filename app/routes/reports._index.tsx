import { type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ReportView } from "~/components/report-view";
import { localDateOf, yearOf } from "~/domain/local-time";
import { reportRange } from "~/domain/statistics";
import { badRequest, searchParamsOf } from "~/utils/request-input.server";
import { t } from "~/i18n";
import { REPORT_READERS } from "~/domain/roles";
import { reportPageData } from "~/models/statistics/report-page.server";
import { requireUser } from "~/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? t("nav.reports") }];

/** `/reports?from=YYYY-MM-DD&to=YYYY-MM-DD`: any range; without one, this year's annual report. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, REPORT_READERS);
  const params = searchParamsOf(request);
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  if (!from && !to) throw redirect(`/reports/annual/${yearOf(localDateOf(new Date()))}`);
  const range = reportRange(from, to);
  if (!range) throw badRequest(t("report.badRange"));
  const data = await reportPageData(range.from, range.to);
  return { ...data, from, to };
}

export default function RangeReport() {
  const data = useLoaderData<typeof loader>();
  return <ReportView data={data} from={data.from} to={data.to} />;
}
