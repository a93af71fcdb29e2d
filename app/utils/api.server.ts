import type { ZodError } from "zod";
import type { ApiScope } from "~/domain/api-keys";
import { t, tKey } from "~/i18n";
import { type ApiClient, authenticateApiKey, logApiRequest, takeApiRequest } from "~/models/api-keys.server";
import { CaseInputError } from "~/models/errors";
import { clientAddressOf } from "~/session.server";

/**
 * What every JSON API request goes through (docs/integrations.md): the key (Authorization: Bearer), the
 * scope, the key's rate limit, the request log, and errors as RFC 9457 problem details in Chinese. Input
 * errors are 4xx with what is wrong where; never a 5xx.
 */

const PROBLEM_TYPE = "about:blank";

export function problem(
  status: number,
  detail: string,
  extra: { errors?: { pointer: string; detail: string }[]; headers?: Record<string, string> } = {},
): Response {
  return new Response(
    JSON.stringify({
      type: PROBLEM_TYPE,
      title: tKey("api.status", String(status)),
      status,
      detail,
      ...(extra.errors ? { errors: extra.errors } : {}),
    }),
    { status, headers: { "Content-Type": "application/problem+json; charset=utf-8", ...extra.headers } },
  );
}

/** A zod error as the problem's list: a JSON pointer to each field and what is wrong with it. */
export function validationProblem(error: ZodError): Response {
  const errors = error.issues.map((issue) => ({
    pointer: `/${issue.path.join("/")}`,
    detail:
      issue.code === "unrecognized_keys"
        ? t("api.unknownFields", { fields: issue.keys.join(", ") })
        : tKey("error", issue.message),
  }));
  return problem(422, t("api.invalid"), { errors });
}

function inputProblem(error: CaseInputError): Response {
  const errors = Object.entries(error.fieldErrors).map(([field, key]) => ({ pointer: `/${field}`, detail: tKey("error", key) }));
  return problem(422, t("api.invalid"), { errors });
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8", ...headers } });

function presentedKey(request: Request): string | null {
  const authorization = request.headers.get("authorization");
  return authorization?.toLowerCase().startsWith("bearer ") ? authorization.slice(7).trim() : null;
}

/** Runs `handle` for a client whose key carries one of `scopes`; logs the request with its answer's status. */
export async function apiRequest(
  request: Request,
  scopes: readonly ApiScope[],
  handle: (client: ApiClient) => Promise<Response>,
): Promise<Response> {
  const now = new Date();
  const url = new URL(request.url);
  const authenticated = await authenticateApiKey(presentedKey(request), now);
  const client = "client" in authenticated ? authenticated.client : null;
  let response: Response;
  if (!client) {
    response = problem(401, tKey("api.key", "refused" in authenticated ? authenticated.refused : "invalid"), {
      headers: { "WWW-Authenticate": 'Bearer realm="greenline"' },
    });
  } else if (!scopes.some((scope) => client.scopes.includes(scope))) {
    response = problem(403, t("api.scope", { scopes: scopes.join(" / ") }));
  } else {
    const taken = await takeApiRequest(client, now);
    if (!taken.allowed) {
      const seconds = Math.max(1, Math.ceil((taken.retryAt.getTime() - now.getTime()) / 1000));
      response = problem(429, t("api.rateLimited", { seconds }), { headers: { "Retry-After": String(seconds) } });
    } else {
      response = await answer(() => handle(client));
    }
  }
  await logApiRequest({
    apiKeyId: client?.id ?? ("keyId" in authenticated ? (authenticated.keyId ?? null) : null),
    method: request.method,
    path: url.pathname,
    status: response.status,
    clientAddress: clientAddressOf(request),
    at: now,
  });
  return response;
}

async function answer(handle: () => Promise<Response>): Promise<Response> {
  try {
    return await handle();
  } catch (error) {
    if (error instanceof CaseInputError) return inputProblem(error);
    // readJsonBody's refusals (too large, not JSON) as problems.
    if (error instanceof Response) return problem(error.status, await error.text());
    throw error;
  }
}
