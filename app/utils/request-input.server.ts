import {
  type UploadHandler,
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { MAX_JSON_NESTING, jsonNestsDeeperThan, withoutControlCharacters } from "~/domain/security";
import { t } from "~/i18n";

/**
 * A request's input, checked before any route reads it (docs/security.md "Input"): a body that is not a
 * readable form is a 400 with a message in the user's language, and control characters are dropped
 * from every text value, so that nothing stored or searched can carry a NUL.
 */
export async function readFormData(request: Request): Promise<FormData> {
  let submitted: FormData;
  try {
    submitted = await request.formData();
  } catch {
    throw badRequest(t("error.unreadableForm"));
  }
  return cleanedForm(submitted);
}

function cleanedForm(submitted: FormData): FormData {
  const cleaned = new FormData();
  for (const [name, value] of submitted.entries()) {
    cleaned.append(withoutControlCharacters(name), typeof value === "string" ? withoutControlCharacters(value) : value);
  }
  return cleaned;
}

/**
 * A JSON body of at most `maxBytes` from another program, as raw text and parsed; anything else is a 4xx
 * with a message, never an exception past the route. A signed body is read with `readBodyText`, its
 * signature checked, and only then parsed with `parseJsonText`.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<{ raw: string; value: unknown }> {
  const raw = await readBodyText(request, maxBytes);
  return { raw, value: parseJsonText(raw) };
}

/** A body of at most `maxBytes` as text, exactly as sent (a signature is computed over these bytes). */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw badRequest(t("error.bodyTooLarge"), 413);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > maxBytes) throw badRequest(t("error.bodyTooLarge"), 413);
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** JSON text parsed, nested no deeper than MAX_JSON_NESTING, with control characters dropped from every string. */
export function parseJsonText(raw: string): unknown {
  if (jsonNestsDeeperThan(raw, MAX_JSON_NESTING)) throw badRequest(t("error.jsonTooDeep"));
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw badRequest(t("error.unreadableJson"));
  }
  return withoutControlCharactersDeep(value);
}

/** Every string in a parsed JSON value without control characters, as forms' values are. */
function withoutControlCharactersDeep(value: unknown): unknown {
  if (typeof value === "string") return withoutControlCharacters(value);
  if (Array.isArray(value)) return value.map(withoutControlCharactersDeep);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [withoutControlCharacters(key), withoutControlCharactersDeep(item)]),
    );
  }
  return value;
}

/**
 * A form that carries files (a step with evidence): each file under the field `files` is streamed to
 * storage as it arrives (`receive`, which hashes and checks it) and never held in memory; the other
 * fields are read as `readFormData` reads them. Returns the form's values and what became of each file.
 */
export async function readFormWithFiles<Received>(
  request: Request,
  receive: (data: AsyncIterable<Uint8Array>, fileName: string) => Promise<Received>,
): Promise<{ formData: FormData; files: Received[] }> {
  const files: Received[] = [];
  const fileHandler: UploadHandler = async ({ name, filename, data }) => {
    if (name !== "files" || filename === undefined) return undefined;
    if (filename === "") {
      // An empty file input: the browser sends a part without a name or content.
      for await (const _chunk of data) void _chunk;
      return "";
    }
    files.push(await receive(data, withoutControlCharacters(filename).slice(0, 200)));
    return "";
  };
  let submitted: FormData;
  try {
    submitted = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(fileHandler, unstable_createMemoryUploadHandler({ maxPartSize: 256 * 1024 })),
    );
  } catch {
    throw badRequest(t("error.unreadableForm"));
  }
  submitted.delete("files");
  return { formData: cleanedForm(submitted), files };
}

export const isMultipart = (request: Request) =>
  (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");

/** The query string's parameters with control characters dropped. */
export function searchParamsOf(request: Request): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of new URL(request.url).searchParams)
    params.append(withoutControlCharacters(name), withoutControlCharacters(value));
  return params;
}

/** A 4xx whose text the error boundary shows as it is. */
export function badRequest(message: string, status = 400): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
