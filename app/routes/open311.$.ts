import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { parseOpen311Path } from "~/domain/open311";
import { open311RequestQuerySchema, open311RequestSchema, open311UpdateQuerySchema } from "~/forms/open311";
import { t } from "~/i18n";
import {
  open311RequestById,
  open311Requests,
  open311ServiceDefinition,
  open311Services,
  open311Updates,
  receiveOpen311Request,
} from "~/models/transfers-in/open311.server";
import {
  discoveryOf,
  formatOfPath,
  open311Document,
  open311Errors,
  open311Request,
  open311ValidationErrors,
} from "~/utils/open311.server";
import { readFormData, searchParamsOf } from "~/utils/request-input.server";

/** Open311 GeoReport v2 below `/open311/` (docs/integrations.md "Open311"): every resource in XML or JSON. */
export function loader({ request, params }: LoaderFunctionArgs) {
  const path = params["*"] ?? "";
  const parsed = parseOpen311Path(path);
  const format = parsed?.format ?? formatOfPath(path);
  return open311Request(request, format, {
    needsKey: false,
    handle: async () => {
      if (!parsed) return open311Errors(format, 404, [t("open311.notFound")]);
      const { target } = parsed;
      const query = Object.fromEntries(searchParamsOf(request));
      switch (target.resource) {
        case "discovery":
          return open311Document(format, "discovery", discoveryOf(new URL(request.url).origin));
        case "services":
          return open311Document(format, "services", await open311Services());
        case "service": {
          const definition = await open311ServiceDefinition(target.serviceCode);
          return definition
            ? open311Document(format, "service_definition", definition)
            : open311Errors(format, 404, [t("open311.unknownService")]);
        }
        case "requests": {
          const filters = open311RequestQuerySchema.safeParse(query);
          if (!filters.success) return open311ValidationErrors(format, filters.error);
          return open311Document(format, "service_requests", await open311Requests(filters.data));
        }
        case "request": {
          const found = await open311RequestById(target.serviceRequestId);
          return found
            ? open311Document(format, "service_requests", found)
            : open311Errors(format, 404, [t("open311.unknownRequest")]);
        }
        case "updates": {
          const period = open311UpdateQuerySchema.safeParse(query);
          if (!period.success) return open311ValidationErrors(format, period.error);
          return open311Document(format, "service_request_updates", await open311Updates(period.data));
        }
      }
    },
  });
}

/** `POST requests.{format}`: a report from a client holding an `open311` key, as a form (the spec's encoding). */
export async function action({ request, params }: ActionFunctionArgs) {
  const path = params["*"] ?? "";
  const parsed = parseOpen311Path(path);
  const format = parsed?.format ?? formatOfPath(path);
  if (request.method !== "POST" || parsed?.target.resource !== "requests") {
    return open311Errors(format, 405, [t("api.methodNotAllowed")], { Allow: "GET" });
  }
  let form: FormData;
  try {
    form = await readFormData(request);
  } catch (error) {
    if (error instanceof Response) return open311Errors(format, error.status, [await error.text()]);
    throw error;
  }
  const fields = Object.fromEntries([...form.entries()].filter(([, value]) => typeof value === "string")) as Record<
    string,
    string
  >;
  const apiKey = fields.api_key ?? searchParamsOf(request).get("api_key");
  return open311Request(request, format, {
    needsKey: true,
    apiKey,
    handle: async (client) => {
      const input = open311RequestSchema.safeParse(fields);
      if (!input.success) return open311ValidationErrors(format, input.error);
      return open311Document(format, "service_requests", await receiveOpen311Request(client, input.data), 201);
    },
  });
}
