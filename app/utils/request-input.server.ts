import { withoutControlCharacters } from "~/domain/security";
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
  const cleaned = new FormData();
  for (const [name, value] of submitted.entries()) {
    cleaned.append(withoutControlCharacters(name), typeof value === "string" ? withoutControlCharacters(value) : value);
  }
  return cleaned;
}

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
