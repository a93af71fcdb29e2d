import { XMLBuilder } from "fast-xml-parser";
import type { ZodError } from "zod";
import { type Open311Format, Open311List } from "~/domain/open311";
import { t, tKey } from "~/i18n";
import type { ApiClient } from "~/models/transfers-in/api-keys.server";
import { type ApiDialect, guardedApiRequest } from "./api.server";

/**
 * Open311's side of HTTP (docs/integrations.md "Open311"): documents in XML (which the spec requires)
 * or JSON, errors in the spec's shape (`<errors><error><code/><description/></error></errors>`, or a
 * JSON array of the same), and the `api_key` a submission carries; keys, limits and the request log are
 * the JSON API's gate (./api.server.ts).
 */

/** Anonymous reads per address and minute; a key's own limit applies to what it submits. */
const PUBLIC_READS_PER_MINUTE = 300;

const xml = new XMLBuilder({ format: true, suppressEmptyNode: true });

/** A value as the XML builder takes it: a list becomes its repeated element inside the parent. */
function forXml(value: unknown): unknown {
  if (value instanceof Open311List) return { [value.element]: value.items.map(forXml) };
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, forXml(item)]));
  }
  return value;
}

function forJson(value: unknown): unknown {
  if (value instanceof Open311List) return value.items.map(forJson);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, forJson(item)]));
  }
  return value;
}

/** When this interface last changed, as discovery reports it. */
const CHANGESET = "2026-11-27T00:00:00+08:00";

/** Service discovery: where the v2 endpoint is, in which formats, and whom to ask for a key. */
export function discoveryOf(origin: string) {
  return {
    changeset: CHANGESET,
    contact: t("open311.contact"),
    key_service: t("open311.keyService"),
    endpoints: new Open311List("endpoint", [
      {
        specification: "http://wiki.open311.org/GeoReport_v2",
        url: `${origin}/open311/v2`,
        changeset: CHANGESET,
        type: "production",
        formats: new Open311List("format", ["text/xml", "application/json"]),
      },
    ]),
  };
}

/** A document whose XML root is `root` (the spec names one per resource). */
export function open311Document(
  format: Open311Format,
  root: string,
  value: unknown,
  status = 200,
  headers: Record<string, string> = {},
) {
  if (format === "json") {
    return new Response(JSON.stringify(forJson(value)), {
      status,
      headers: { "Content-Type": "application/json; charset=utf-8", ...headers },
    });
  }
  const body = `<?xml version="1.0" encoding="utf-8"?>\n${xml.build({ [root]: forXml(value) }) as string}`;
  return new Response(body, { status, headers: { "Content-Type": "text/xml; charset=utf-8", ...headers } });
}

export function open311Errors(
  format: Open311Format,
  status: number,
  descriptions: string[],
  headers: Record<string, string> = {},
) {
  return open311Document(
    format,
    "errors",
    new Open311List(
      "error",
      descriptions.map((description) => ({ code: status, description })),
    ),
    status,
    headers,
  );
}

/** A zod error as the spec's errors: one per field, named by the spec's field name. */
export function open311ValidationErrors(format: Open311Format, error: ZodError) {
  return open311Errors(
    format,
    400,
    error.issues.map((issue) => `${issue.path.join(".") || "request"}：${tKey("error", issue.message)}`),
  );
}

/** The format a path asks for, for answering even a path that is not understood. */
export const formatOfPath = (path: string): Open311Format => (path.endsWith(".json") ? "json" : "xml");

/** Open311's words: its error documents, in the request's format; a key that cannot be used is 403. */
const dialectOf = (format: Open311Format): ApiDialect => ({
  problem: (status, detail, headers) => open311Errors(format, status, [detail], headers),
  inputProblem: (fieldErrors) =>
    open311Errors(
      format,
      400,
      Object.entries(fieldErrors).map(([field, text]) => `${field}：${text}`),
    ),
  keyRefused: (refusal) => open311Errors(format, 403, [tKey("open311.key", refusal)]),
});

/**
 * Runs `handle`, with the client whose `api_key` (form field or query) carries the `open311` scope when
 * `needsKey`, and otherwise anonymously under the per-address limit (app/utils/api.server.ts).
 */
export function open311Request(
  request: Request,
  format: Open311Format,
  options:
    | { needsKey: false; handle: () => Promise<Response> }
    | { needsKey: true; apiKey: string | null; handle: (client: ApiClient) => Promise<Response> },
): Promise<Response> {
  return options.needsKey
    ? guardedApiRequest(request, { key: options.apiKey, scopes: ["open311"] }, dialectOf(format), (client) =>
        options.handle(client!),
      )
    : guardedApiRequest(request, { anonymousLimit: PUBLIC_READS_PER_MINUTE }, dialectOf(format), options.handle);
}
