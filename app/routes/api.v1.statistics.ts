import type { LoaderFunctionArgs } from "@remix-run/node";
import { yearPeriod } from "~/domain/statistics";
import { statisticsQuerySchema } from "~/forms/api";
import { statisticsOffRequest } from "~/models/statistics/jobs.server";
import { apiRequest, json, validationProblem } from "~/utils/api.server";
import { searchParamsOf } from "~/utils/request-input.server";

/** `GET /api/v1/statistics?year=2020&kind=complaint`: the year's figures (统计口径 of docs/domain.md). */
export function loader({ request }: LoaderFunctionArgs) {
  return apiRequest(request, ["statistics"], async () => {
    const query = statisticsQuerySchema.safeParse(Object.fromEntries(searchParamsOf(request)));
    if (!query.success) return validationProblem(query.error);
    const { [query.data.kind]: figures } = await statisticsOffRequest([query.data.kind], yearPeriod(query.data.year));
    return json(figures);
  });
}
