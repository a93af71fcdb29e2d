import { createCookie } from "@remix-run/node";
import { config } from "~/config.server";

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

function receiptCookie(request: Request) {
  const secure = new URL(request.url).protocol === "https:";
  return createCookie("greenline-receipt", {
    httpOnly: true,
    sameSite: "lax",
    // Path "/": the page's data requests (/intake.data) must carry it too.
    path: "/",
    secure,
    maxAge: 600,
    secrets: [config().SESSION_SECRET],
  });
}

export const receiptCookieHeader = (request: Request, receipt: Receipt) => receiptCookie(request).serialize(receipt);

/** The receipt for `caseNo` if this browser carries it, and the header that removes it. */
export async function takeReceipt(request: Request, caseNo: string | null) {
  const cookie = receiptCookie(request);
  const value = (await cookie.parse(request.headers.get("cookie"))) as Receipt | null;
  const receipt = value && typeof value === "object" && value.caseNo === caseNo ? value : null;
  return { receipt, clear: receipt ? await cookie.serialize("", { maxAge: 0 }) : null };
}
