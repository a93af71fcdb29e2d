/** Errors a user can cause while changing a case; routes turn them into messages in the user's language. */
export class CaseNotFoundError extends Error {
  /** `outOfScope`: the case exists, but not for this user (another township's): a refusal to record. */
  constructor(
    readonly caseNo: string,
    readonly outOfScope = false,
  ) {
    super(`case ${caseNo} not found`);
  }
}

export class ActionNotAllowedError extends Error {
  constructor(readonly action: string) {
    super(`action ${action} is not allowed now`);
  }
}

/** Another write won a unique index (a double submit, two identical transfers at once): the caller reads the winner. */
export const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "P2002";

/** Someone else changed the case after this user loaded it. */
export class StaleVersionError extends Error {
  constructor() {
    super("the case was changed by someone else");
  }
}

/**
 * The one shape of input a user got wrong that passed its form's schema but not a rule that needs the
 * database or another system (an unknown township, a taken name, a partner that does not answer, a
 * holiday file's bad lines): for each field, a key of the catalogue's `error.` messages, and any
 * details the message quotes (the file's problems, the partner's answer). Routes answer it with a 4xx
 * that keeps what was typed; the CLI prints it.
 */
export class InputError extends Error {
  constructor(
    readonly fieldErrors: Record<string, string>,
    readonly details: readonly string[] = [],
  ) {
    super(`invalid input: ${Object.keys(fieldErrors).join(", ")}${details.length ? ` (${details.join("; ")})` : ""}`);
  }
}
