import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { withoutControlCharacters } from "~/domain/security";
import { caseListQuerySchema, transferInCaseSchema } from "~/forms/api";
import { t } from "~/i18n";
import { casesForClient, receiveTransferIn } from "~/models/transfers-in/api-cases.server";
import { apiRequest, json, problem, validationProblem } from "~/utils/api.server";
import { readJsonBody, searchParamsOf } from "~/utils/request-input.server";

/** `GET /api/v1/cases`: a page of cases. `POST /api/v1/cases`: a work order transferred in. */
export function loader({ request }: LoaderFunctionArgs) {
  return apiRequest(request, ["cases", "transfers"], async (client) => {
    const query = caseListQuerySchema.safeParse(Object.fromEntries(searchParamsOf(request)));
    if (!query.success) return validationProblem(query.error);
    return json(await casesForClient(client, query.data));
  });
}

export function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return problem(405, t("api.methodNotAllowed"), { headers: { Allow: "GET, POST" } });
  return apiRequest(request, ["transfers"], async (client) => {
    const idempotencyKey = request.headers.get("idempotency-key");
    const key = idempotencyKey === null ? null : withoutControlCharacters(idempotencyKey).trim();
    if (key !== null && (key.length === 0 || key.length > 100)) return problem(400, t("api.idempotencyKey"));
    const { value } = await readJsonBody(request, 64 * 1024);
    const input = transferInCaseSchema.safeParse(value);
    if (!input.success) return validationProblem(input.error);
    const result = await receiveTransferIn(client, input.data, key);
    return json(result, result.created ? 201 : 200, { Location: `/api/v1/cases/${result.case.caseNo}` });
  });
}
