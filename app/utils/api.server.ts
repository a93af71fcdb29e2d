import type { ZodError } from "zod";
import type { ApiScope } from "~/domain/api-keys";
import { t, tKey } from "~/i18n";
import { inputErrorTexts } from "./forms";
import {
  type ApiClient,
  authenticateApiKey,
  logApiRequest,
  takeApiRequest,
  takePublicRequest,
} from "~/models/transfers-in/api-keys.server";
import { InputError } from "~/models/errors";
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

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8", ...headers } });

function presentedKey(request: Request): string | null {
  const authorization = request.headers.get("authorization");
  return authorization?.toLowerCase().startsWith("bearer ") ? authorization.slice(7).trim() : null;
}

/** How a protocol words the gate's refusals and its handlers' input errors (problem+json, Open311's errors). */
export interface ApiDialect {
  problem(status: number, detail: string, headers?: Record<string, string>): Response;
  /** Input errors, each field's message already worded (`inputErrorTexts`). */
  inputProblem(fieldErrors: Record<string, string>): Response;
  keyRefused(refusal: "missing" | "invalid" | "revoked" | "expired"): Response;
}

/** Who may call: a key carrying one of `scopes`, or anyone, up to `anonymousLimit` requests a minute per address. */
export type ApiCaller = { key: string | null; scopes: readonly ApiScope[] } | { anonymousLimit: number };

/**
 * What every request of another program goes through: the key and its scopes (or the anonymous limit),
 * the rate limit, the handler with its input errors answered in the protocol's words, and the request
 * log with the answer's status. Nothing a caller sends produces a 5xx here.
 */
export async function guardedApiRequest(
  request: Request,
  caller: ApiCaller,
  dialect: ApiDialect,
  handle: (client: ApiClient | null) => Promise<Response>,
): Promise<Response> {
  const now = new Date();
  const clientAddress = clientAddressOf(request);
  let client: ApiClient | null = null;
  let keyId: number | null = null;
  let refusal: Response | null = null;
  if ("key" in caller) {
    const authenticated = await authenticateApiKey(caller.key, now);
    if ("client" in authenticated) {
      client = authenticated.client;
      keyId = client.id;
      if (!caller.scopes.some((scope) => client!.scopes.includes(scope))) {
        refusal = dialect.problem(403, t("api.scope", { scopes: caller.scopes.join(" / ") }));
      }
    } else {
      keyId = authenticated.keyId ?? null;
      refusal = dialect.keyRefused(authenticated.refused);
    }
  }
  if (!refusal) {
    const taken = client
      ? await takeApiRequest(client, now)
      : await takePublicRequest(clientAddress, "anonymousLimit" in caller ? caller.anonymousLimit : 0, now);
    if (!taken.allowed) {
      const seconds = Math.max(1, Math.ceil((taken.retryAt.getTime() - now.getTime()) / 1000));
      refusal = dialect.problem(429, t("api.rateLimited", { seconds }), { "Retry-After": String(seconds) });
    }
  }
  const response = refusal ?? (await answered(dialect, () => handle(client)));
  await logApiRequest({
    apiKeyId: keyId,
    method: request.method,
    path: new URL(request.url).pathname,
    status: response.status,
    clientAddress,
    at: now,
  });
  return response;
}

async function answered(dialect: ApiDialect, handle: () => Promise<Response>): Promise<Response> {
  try {
    return await handle();
  } catch (error) {
    if (error instanceof InputError) return dialect.inputProblem(inputErrorTexts(error));
    // The body readers' refusals (too large, unreadable) in the protocol's words.
    if (error instanceof Response) return dialect.problem(error.status, await error.text());
    throw error;
  }
}

/** The JSON API's words: RFC 9457 problems, a pointer to each wrong field, 401 with a Bearer challenge. */
const JSON_API: ApiDialect = {
  problem: (status, detail, headers) => problem(status, detail, { headers }),
  inputProblem: (fieldErrors) =>
    problem(422, t("api.invalid"), {
      errors: Object.entries(fieldErrors).map(([field, text]) => ({ pointer: `/${field}`, detail: text })),
    }),
  keyRefused: (refusal) =>
    problem(401, tKey("api.key", refusal), { headers: { "WWW-Authenticate": 'Bearer realm="greenline"' } }),
};

/** Runs `handle` for a client whose key (Authorization: Bearer) carries one of `scopes`. */
export function apiRequest(
  request: Request,
  scopes: readonly ApiScope[],
  handle: (client: ApiClient) => Promise<Response>,
): Promise<Response> {
  return guardedApiRequest(request, { key: presentedKey(request), scopes }, JSON_API, (client) => handle(client!));
}
