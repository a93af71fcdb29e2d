import { signedCookie } from "./signed-cookie.server";

/**
 * A complainant who proved on /query that a case is theirs may rate its answer for half an hour without
 * proving it again: the case number travels in a signed cookie, never the phone number or the code.
 */
const GRANT_SECONDS = 30 * 60;
const grantCookie = (request: Request) => signedCookie(request, "greenline-lookup", GRANT_SECONDS);

// The expiry is inside the signed value too: a copied cookie is worth nothing after it.
export const lookupGrantHeader = (request: Request, caseNo: string, now = Date.now()) =>
  grantCookie(request).serialize({ caseNo, until: now + GRANT_SECONDS * 1000 });

/** Whether this browser proved `caseNo` within the half hour. */
export async function hasLookupGrant(request: Request, caseNo: string, now = Date.now()): Promise<boolean> {
  const value = (await grantCookie(request).parse(request.headers.get("cookie"))) as { caseNo?: unknown; until?: unknown } | null;
  return Boolean(
    value && typeof value === "object" && value.caseNo === caseNo && typeof value.until === "number" && value.until > now,
  );
}
