import type { ZodError } from "zod";

/** Field → catalogue key of the first problem, from a zod error whose messages are catalogue keys. */
export function fieldErrorsOf(error: ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "form";
    errors[field] ??= issue.message;
  }
  return errors;
}

/** The submitted text values of a form, to give back when it must be shown again. */
export function submittedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string") values[key] = value;
  return values;
}

/** A database id typed into a form or a URL: a whole number that fits, or null (never NaN, 1e308 or 2^63). */
export function parseId(value: unknown): number | null {
  return typeof value === "string" && /^[1-9]\d{0,8}$/.test(value.trim()) ? Number(value.trim()) : null;
}
