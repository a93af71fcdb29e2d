import { ZodDefault, type ZodObject, ZodOptional, type ZodRawShape, type ZodTypeAny } from "zod";
import { zodToJsonSchema } from "zod-to-json-schema";
import type { ApiScope } from "~/domain/api-keys";
import {
  caseListQuerySchema,
  caseListSchema,
  fullCaseSchema,
  jointProgressSchema,
  problemSchema,
  publicCaseSchema,
  statisticsQuerySchema,
  transferInCaseSchema,
  transferInResultSchema,
} from "./api";

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the schemas the routes parse and answer with
 * (./api.ts): what a request may send is the schema's input, what it gets back the schema's shape.
 */

type JsonSchema = Record<string, unknown>;

const schemaOf = (schema: ZodTypeAny): JsonSchema => {
  const { $schema: _draft, ...rest } = zodToJsonSchema(schema, {
    $refStrategy: "none",
    effectStrategy: "input",
    pipeStrategy: "input",
  }) as JsonSchema;
  return rest;
};

/** A query parameter's own schema: being optional is the parameter's `required`, not its schema's. */
function parameterSchema(field: ZodTypeAny): JsonSchema {
  if (field instanceof ZodOptional) return parameterSchema(field.unwrap());
  if (field instanceof ZodDefault) return { ...parameterSchema(field.removeDefault()), default: field._def.defaultValue() };
  return schemaOf(field);
}

function queryParameters(schema: ZodObject<ZodRawShape>) {
  return Object.entries(schema.shape).map(([name, field]: [string, ZodTypeAny]) => ({
    name,
    in: "query",
    required: !field.isOptional(),
    schema: parameterSchema(field),
    ...(field.description ? { description: field.description } : {}),
  }));
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (name: string) => ({ "application/json": { schema: ref(name) } });
const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      String(status),
      { description: PROBLEM_DESCRIPTIONS[status], content: { "application/problem+json": { schema: ref("Problem") } } },
    ]),
  );

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: "The request could not be read",
  401: "No key, or a key that is wrong, revoked or expired",
  403: "The key lacks the scope",
  404: "No such case, or not one this key may read",
  413: "The body is too large",
  422: "The request's content is wrong; `errors` points at each field",
  429: "The key's rate limit; retry after `Retry-After` seconds",
};

const operation = (summary: string, scopes: ApiScope[], rest: Record<string, unknown>) => ({
  summary,
  "x-scopes": scopes,
  security: [{ apiKey: [] }],
  ...rest,
});

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Greenline API",
      version: "1",
      description:
        "Cases transferred in by platforms (12345, 12369) and partners, their public course, and the statistics. Times are ISO 8601 with +08:00; errors are RFC 9457 problem details.",
    },
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "A key from /admin/api-keys: gl_…" } },
      schemas: {
        TransferInCase: schemaOf(transferInCaseSchema),
        JointProgress: schemaOf(jointProgressSchema),
        TransferResult: schemaOf(transferInResultSchema),
        PublicCase: schemaOf(publicCaseSchema),
        FullCase: schemaOf(fullCaseSchema),
        CaseList: schemaOf(caseListSchema),
        Problem: schemaOf(problemSchema),
      },
    },
    paths: {
      "/api/v1/cases": {
        get: operation("List cases: a key's own transfers, or every case for the scope `cases`", ["cases", "transfers"], {
          parameters: queryParameters(caseListQuerySchema),
          responses: {
            "200": { description: "A page of cases", content: jsonContent("CaseList") },
            ...problems(401, 403, 422, 429),
          },
        }),
        post: operation(
          "Transfer a work order in; the same work-order number or Idempotency-Key always yields the same case",
          ["transfers"],
          {
            parameters: [
              {
                name: "Idempotency-Key",
                in: "header",
                required: false,
                schema: { type: "string", minLength: 1, maxLength: 100 },
              },
            ],
            requestBody: { required: true, content: jsonContent("TransferInCase") },
            responses: {
              "201": { description: "The case registered", content: jsonContent("TransferResult") },
              "200": { description: "The case this work order became before", content: jsonContent("TransferResult") },
              ...problems(400, 401, 403, 413, 422, 429),
            },
          },
        ),
      },
      "/api/v1/cases/{caseNo}": {
        get: operation("One case and its public history", ["cases", "transfers"], {
          parameters: [{ name: "caseNo", in: "path", required: true, schema: { type: "string", example: "TS-2020-00733" } }],
          responses: {
            "200": {
              description: "The case (FullCase for the scope `cases`)",
              content: { "application/json": { schema: { oneOf: [ref("FullCase"), ref("PublicCase")] } } },
            },
            ...problems(401, 403, 404, 429),
          },
        }),
      },
      "/api/v1/cases/{caseNo}/progress": {
        post: operation("A sender's own progress on a case it sent for joint handling (the case page shows it)", ["transfers"], {
          parameters: [{ name: "caseNo", in: "path", required: true, schema: { type: "string", example: "TS-2020-00733" } }],
          requestBody: { required: true, content: jsonContent("JointProgress") },
          responses: {
            "200": { description: "Recorded (an older report changes nothing)" },
            ...problems(400, 401, 403, 404, 413, 422, 429),
          },
        }),
      },
      "/api/v1/statistics": {
        get: operation("A year's figures of one kind of case", ["statistics"], {
          parameters: queryParameters(statisticsQuerySchema),
          responses: { "200": { description: "The figures, as the annual report shows them" }, ...problems(401, 403, 422, 429) },
        }),
      },
      "/api/v1/reference": {
        get: operation("Townships, categories and channels", ["open311", "transfers", "statistics", "cases"], {
          responses: { "200": { description: "The names and codes a transfer uses" }, ...problems(401, 429) },
        }),
      },
    },
  };
}
