/**
 * Texts written once with {variables} in them: the complainant's messages (./complainant-messages.ts)
 * and the staff's reply templates (./reply-templates.ts). One reading of a placeholder for both.
 */
const PLACEHOLDER = /\{([^{}]*)\}/g;

/** The placeholders a text uses that are not among the variables (a typo would otherwise be sent as is). */
export function placeholdersNotIn(text: string, variables: readonly string[]): string[] {
  const unknown = new Set<string>();
  for (const [, name] of text.matchAll(PLACEHOLDER)) {
    if (!variables.includes(name)) unknown.add(name);
  }
  return [...unknown];
}

/** The text with each variable's value put in; anything else in braces is left as written. */
export function fillPlaceholders<Name extends string>(text: string, values: Record<Name, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(values, name) ? values[name as Name] : whole));
}
