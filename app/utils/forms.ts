/** Field → catalogue keys, as conform's `submission.reply({ fieldErrors })` takes a service's field errors. */
export function replyErrors(errors: Record<string, string>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, [key]]));
}

/** A database id typed into a form or a URL: a whole number that fits, or null (never NaN, 1e308 or 2^63). */
export function parseId(value: unknown): number | null {
  return typeof value === "string" && /^[1-9]\d{0,8}$/.test(value.trim()) ? Number(value.trim()) : null;
}
