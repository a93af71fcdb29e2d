export const ROLES = ["operator", "dispatcher", "township", "leader", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Who reads the statistics pages, their exports and the statistics API. */
export const REPORT_READERS: readonly Role[] = ["leader", "dispatcher", "admin"];

/** Who registers cases by hand: the hotline's operators and the petition desk (complaints, petitions, mediations). */
export const INTAKE_ROLES = ["operator", "dispatcher"] as const satisfies readonly Role[];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Who is acting: enough to decide permissions without touching the database. */
export interface Actor {
  id: number;
  role: Role;
  /** The township or unit a township user belongs to. */
  townshipId: number | null;
}

/**
 * The complainant, who has proved on the lookup page that the case is theirs (app/models/complainant/lookup.server.ts).
 * Not an account: acts only through that page, on that one case, and only where a rule names them.
 */
export interface ComplainantActor {
  id: null;
  role: "complainant";
  townshipId: null;
}
export const COMPLAINANT: ComplainantActor = { id: null, role: "complainant", townshipId: null };

/**
 * Another system calling the API with its key (a platform transferring a work order): it may register
 * cases and nothing else; no rule names it.
 */
export interface ApiClientActor {
  id: null;
  role: "apiClient";
  townshipId: null;
  apiKeyId: number;
  /** The key's name, which the case's history shows as who registered it. */
  name: string;
}

/** Whoever may change a case: a member of staff, the complainant through the lookup page, another system. */
/**
 * A partner's Greenline answering a case we transferred to it, through its signed callback
 * (docs/integrations.md "Transfers out"): it may record its reply on that case and nothing else.
 */
export interface PartnerActor {
  id: null;
  role: "partner";
  townshipId: null;
  partnerId: number;
  /** The partner's name, which the case's history shows as who replied. */
  name: string;
}

export type CaseActor = Actor | ComplainantActor | ApiClientActor | PartnerActor;
export type ActorRole = CaseActor["role"];

/** A user name: letters, digits and `_.-`, 3 to 32 characters (it appears in logs and URLs). */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,32}$/;
export const MIN_PASSWORD_LENGTH = 8;
/** A pass phrase may be long, not unbounded: hashing megabytes on request would be a way to stall the server. */
export const MAX_PASSWORD_LENGTH = 128;

/** What is wrong with an account as an administrator describes it: field → catalogue key under "error.". */
export function accountProblems(input: {
  username?: string;
  role?: string;
  townshipId?: number | null;
  password?: string;
}): Record<string, string> {
  const problems: Record<string, string> = {};
  if (input.username !== undefined && !USERNAME_PATTERN.test(input.username)) problems.username = "usernameFormat";
  if (!isRole(input.role ?? "")) problems.role = "unknownRole";
  if (input.role === "township" && !input.townshipId) problems.townshipId = "townshipRequired";
  if (input.password !== undefined && input.password.length < MIN_PASSWORD_LENGTH) problems.password = "passwordTooShort";
  if (input.password !== undefined && input.password.length > MAX_PASSWORD_LENGTH) problems.password = "passwordTooLong";
  return problems;
}

/** Who reads the enterprise register's pages: the desk, leaders and administrators; township staff their township's units. */
export const REGISTER_READERS = ["dispatcher", "leader", "admin", "township"] as const satisfies readonly Role[];

/** Who enters a unit's credit grades: the desk and administrators. */
export const CREDIT_GRADE_EDITORS = ["dispatcher", "admin"] as const satisfies readonly Role[];
export const mayEnterCreditGrades = (user: { role: string }) => (CREDIT_GRADE_EDITORS as readonly string[]).includes(user.role);
