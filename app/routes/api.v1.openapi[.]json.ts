import { openApiDocument } from "~/forms/openapi";

/** `GET /api/v1/openapi.json`: the API's OpenAPI 3.1 document, generated from its schemas; no key needed. */
export function loader() {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
