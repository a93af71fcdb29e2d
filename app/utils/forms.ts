import { MAX_DATABASE_ID } from "~/forms/fields";
import { tKey } from "~/i18n";

/** Field → catalogue keys, as conform's `submission.reply({ fieldErrors })` takes a service's field errors. */
export function replyErrors(errors: Record<string, string>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, [key]]));
}

/**
 * An input error's messages by field, worded, with the details it quotes: in the message's `{details}`
 * where it has one (a limit, a file's problems), else after it (a partner's answer). For places that
 * show the sentence itself rather than a field's catalogue key.
 */
export function inputErrorTexts(error: { fieldErrors: Record<string, string>; details: readonly string[] }) {
  const details = error.details.join("；");
  const worded = (key: string) => {
    const message = tKey("error", key);
    if (message.includes("{details}")) return message.replace("{details}", details);
    return details ? `${message}（${details}）` : message;
  };
  return Object.fromEntries(Object.entries(error.fieldErrors).map(([field, key]) => [field, worded(key)]));
}

/** A database id typed into a URL: a whole number within the range forms accept (MAX_DATABASE_ID), or null. */
export function parseId(value: unknown): number | null {
  if (typeof value !== "string" || !/^[1-9]\d{0,9}$/.test(value.trim())) return null;
  const id = Number(value.trim());
  return id <= MAX_DATABASE_ID ? id : null;
}
