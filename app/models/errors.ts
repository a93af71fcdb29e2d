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

/**
 * Another write won a unique index (a double submit, two identical transfers at once): the caller reads
 * the winner. Prisma's own writes say so as P2002; a raw statement's (a case's row, case-row.server.ts) as
 * P2010 with the adapter's kind of error.
 */
export const isUniqueViolation = (error: unknown) => {
  const failed = error as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } } | null;
  return (
    failed?.code === "P2002" ||
    (failed?.code === "P2010" && failed.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation")
  );
};

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
