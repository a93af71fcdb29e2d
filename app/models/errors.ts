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

/** Someone else changed the case after this user loaded it. */
export class StaleVersionError extends Error {
  constructor() {
    super("the case was changed by someone else");
  }
}

/** Input that passed the form's schema but not the rules that need the database (an unknown township…). */
export class CaseInputError extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super(`invalid input: ${Object.keys(fieldErrors).join(", ")}`);
  }
}
