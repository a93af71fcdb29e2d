import { MAX_DATABASE_ID } from "~/forms/fields";
import { tKey } from "~/i18n";

/** Field → catalogue keys, as conform's `submission.reply({ fieldErrors })` takes a service's field errors. */
export function replyErrors(errors: Record<string, string>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, [key]]));
}

/**
 * An input error's messages by field, worded, each with the details it quotes (a partner's answer):
 * for places that show the sentence itself rather than a field's catalogue key.
 */
export function inputErrorTexts(error: { fieldErrors: Record<string, string>; details: readonly string[] }) {
  const details = error.details.length > 0 ? `（${error.details.join("；")}）` : "";
  return Object.fromEntries(Object.entries(error.fieldErrors).map(([field, key]) => [field, `${tKey("error", key)}${details}`]));
}

/** A database id typed into a URL: a whole number within the range forms accept (MAX_DATABASE_ID), or null. */
export function parseId(value: unknown): number | null {
  if (typeof value !== "string" || !/^[1-9]\d{0,9}$/.test(value.trim())) return null;
  const id = Number(value.trim());
  return id <= MAX_DATABASE_ID ? id : null;
}
