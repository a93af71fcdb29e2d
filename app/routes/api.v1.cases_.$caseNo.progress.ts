import type { ActionFunctionArgs } from "@remix-run/node";
import { jointProgressSchema } from "~/forms/api";
import { t } from "~/i18n";
import { recordSenderProgress } from "~/models/transfers-in/api-cases.server";
import { apiRequest, json, problem, validationProblem } from "~/utils/api.server";
import { readJsonBody } from "~/utils/request-input.server";

/**
 * `POST /api/v1/cases/{caseNo}/progress`: the partner that sent a case for joint handling reports how far
 * its own case has come; only the key the case came with may (docs/integrations.md "Transfers out").
 */
export function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return problem(405, t("api.methodNotAllowed"), { headers: { Allow: "POST" } });
  return apiRequest(request, ["transfers"], async (client) => {
    const { value } = await readJsonBody(request, 4 * 1024);
    const progress = jointProgressSchema.safeParse(value);
    if (!progress.success) return validationProblem(progress.error);
    const caseNo = String(params.caseNo ?? "")
      .toUpperCase()
      .slice(0, 30);
    const recorded = await recordSenderProgress(client, caseNo, progress.data);
    return recorded ? json({ recorded: true }) : problem(404, t("api.notFound"));
  });
}

export function loader() {
  return problem(405, t("api.methodNotAllowed"), { headers: { Allow: "POST" } });
}
