import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { openApiDocument } from "~/forms/openapi";
import { t } from "~/i18n";

export const meta: MetaFunction = () => [{ title: `${t("api.docs.title")} · ${t("app.shortName")}` }];

/** The API's documentation for people, read from the same generated OpenAPI document as /api/v1/openapi.json. */
export function loader() {
  return openApiDocument();
}

type Schema = {
  type?: string;
  enum?: unknown[];
  format?: string;
  description?: string;
  default?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
};

const typeOf = (schema: Schema) =>
  [
    schema.enum ? schema.enum.join(" | ") : schema.type,
    schema.format,
    schema.default !== undefined ? `= ${JSON.stringify(schema.default)}` : null,
  ]
    .filter(Boolean)
    .join(" ");

export default function ApiDocs() {
  const document = useLoaderData<typeof loader>();
  const schemas = document.components.schemas as Record<string, Schema>;
  return (
    <>
      <h1>{t("api.docs.title")}</h1>
      <p>
        {t("api.docs.intro")} <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>
      </p>
      <p className="muted">{t("api.docs.auth")}</p>
      {Object.entries(document.paths).flatMap(([path, operations]) =>
        Object.entries(operations as Record<string, Record<string, unknown>>).map(([method, operation]) => {
          const id = `${method}-${path}`.replace(/[^a-z0-9]+/gi, "-");
          const parameters = (operation.parameters ?? []) as {
            name: string;
            in: string;
            required: boolean;
            schema: Schema;
            description?: string;
          }[];
          const bodyRef = (operation.requestBody as { content: Record<string, { schema: { $ref: string } }> } | undefined)
            ?.content["application/json"]?.schema.$ref;
          const body = bodyRef ? schemas[bodyRef.split("/").pop()!] : null;
          const responses = operation.responses as Record<string, { description: string }>;
          return (
            <section key={id} className="panel" aria-labelledby={id}>
              <h2 id={id}>
                <code>
                  {method.toUpperCase()} {path}
                </code>
              </h2>
              <p>{String(operation.summary)}</p>
              <p className="muted">
                {t("api.docs.scopes")}：{(operation["x-scopes"] as string[]).join(" / ")}
              </p>
              {parameters.length > 0 ? (
                <table aria-label={`${t("api.docs.parameters")} ${method.toUpperCase()} ${path}`}>
                  <tbody>
                    {parameters.map((parameter) => (
                      <tr key={parameter.name}>
                        <th scope="row">
                          <code>{parameter.name}</code>
                        </th>
                        <td>{parameter.in}</td>
                        <td>{typeOf(parameter.schema)}</td>
                        <td>{parameter.required ? t("api.docs.required") : ""}</td>
                        <td>{parameter.description ?? ""}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              {body?.properties ? (
                <table aria-label={`${t("api.docs.body")} ${method.toUpperCase()} ${path}`}>
                  <tbody>
                    {Object.entries(body.properties).map(([name, property]) => (
                      <tr key={name}>
                        <th scope="row">
                          <code>{name}</code>
                        </th>
                        <td>{typeOf(property)}</td>
                        <td>{body.required?.includes(name) ? t("api.docs.required") : ""}</td>
                        <td>{property.description ?? ""}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              <h3>{t("api.docs.responses")}</h3>
              <ul>
                {Object.entries(responses).map(([status, response]) => (
                  <li key={status}>
                    <code>{status}</code> {response.description}
                  </li>
                ))}
              </ul>
            </section>
          );
        }),
      )}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
