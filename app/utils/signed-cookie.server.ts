import { createCookie } from "@remix-run/node";
import { config } from "~/config.server";

/**
 * A short-lived cookie signed with the session secret, for what one page hands to the next without an
 * account: the intake receipt across its redirect, a complainant's proven lookup to their rating.
 * Path "/": the pages' data requests (`/intake.data`, `/query.data`) must carry it too.
 */
export function signedCookie(request: Request, name: string, maxAgeSeconds: number) {
  return createCookie(name, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: new URL(request.url).protocol === "https:",
    maxAge: maxAgeSeconds,
    secrets: [config().SESSION_SECRET],
  });
}
