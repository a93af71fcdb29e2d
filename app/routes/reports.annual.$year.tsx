import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ReportView } from "~/components/report-view";
import { isSupportedYear } from "~/domain/local-time";
import { t } from "~/i18n";
import { REPORT_READERS } from "~/domain/roles";
import { reportPageData } from "~/models/statistics/report-page.server";
import { requireUser } from "~/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? t("nav.reports") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, REPORT_READERS);
  const year = Number(params.year);
  if (!/^\d{4}$/.test(params.year ?? "") || !isSupportedYear(year)) {
    throw new Response(t("error.notFound"), { status: 404 });
  }
  const data = await reportPageData(`${year}-01-01`, `${year}-12-31`);
  return { ...data, year };
}

export default function AnnualReport() {
  const data = useLoaderData<typeof loader>();
  return <ReportView data={data} year={data.year} from={`${data.year}-01-01`} to={`${data.year}-12-31`} />;
}
