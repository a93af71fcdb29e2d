import { signedCookie } from "./signed-cookie.server";

/**
 * The receipt (回执) of the case just registered, carried across the redirect after intake in a signed,
 * short-lived cookie: its lookup code exists nowhere else in plain text, so it is shown on this one page
 * (and printed from it) and then gone.
 */
export interface Receipt {
  caseNo: string;
  lookupCode: string;
  receivedAt: string;
  dueAt: string | null;
  anonymous: boolean;
}

const receiptCookie = (request: Request) => signedCookie(request, "greenline-receipt", 600);

export const receiptCookieHeader = (request: Request, receipt: Receipt) => receiptCookie(request).serialize(receipt);

/** The receipt for `caseNo` if this browser carries it, and the header that removes it. */
export async function takeReceipt(request: Request, caseNo: string | null) {
  const cookie = receiptCookie(request);
  const value = (await cookie.parse(request.headers.get("cookie"))) as Receipt | null;
  const receipt = value && typeof value === "object" && value.caseNo === caseNo ? value : null;
  return { receipt, clear: receipt ? await cookie.serialize("", { maxAge: 0 }) : null };
}
