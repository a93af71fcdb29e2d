import type { LoaderFunctionArgs } from "@remix-run/node";
import { t } from "~/i18n";
import { caseForClient } from "~/models/transfers-in/api-cases.server";
import { apiRequest, json, problem } from "~/utils/api.server";

/** `GET /api/v1/cases/{caseNo}`: one case and its public history (all of it for the scope `cases`). */
export function loader({ request, params }: LoaderFunctionArgs) {
  return apiRequest(request, ["cases", "transfers"], async (client) => {
    const found = await caseForClient(
      client,
      String(params.caseNo ?? "")
        .toUpperCase()
        .slice(0, 30),
    );
    return found ? json(found) : problem(404, t("api.notFound"));
  });
}
