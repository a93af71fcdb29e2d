import { createCookie, redirect } from "@remix-run/node";
import { config } from "~/config.server";
import type { Role } from "~/domain/roles";
import { safeRedirectPath } from "~/domain/security";
import { t } from "~/i18n";
import type { CaseNotFoundError } from "~/models/errors";
import { recordSecurityEvent } from "~/models/accounts/security-log.server";
import { type SignedInUser, endSessionOfToken, openSession, userOfSession } from "~/models/accounts/sessions.server";

/**
 * The session cookie holds a random token whose hash names a server-side session (docs/security.md).
 * Over HTTPS it is `Secure` with the `__Host-` prefix (no Domain, path /), so that no other site or
 * subdomain can set or read it; over plain HTTP (a workstation, the tests) it has neither.
 */
function sessionCookie(request: Request) {
  const secure = new URL(request.url).protocol === "https:";
  return createCookie(secure ? "__Host-greenline" : "greenline", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure,
    secrets: [config().SESSION_SECRET],
  });
}

/**
 * The client's address as the web server determined it (TRUST_PROXY decides whether forwarded headers
 * count): server.ts puts it into this header after removing any a client sent.
 */
export const CLIENT_ADDRESS_HEADER = "x-greenline-client-address";

export function clientAddressOf(request: Request): string {
  return request.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}

async function sessionToken(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie(request).parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 && value.length < 200 ? value : null;
}

export type { SignedInUser };

/** The signed-in user of an open session, or null. */
export async function getSignedInUser(request: Request): Promise<SignedInUser | null> {
  const token = await sessionToken(request);
  return token ? userOfSession(token) : null;
}

/**
 * Throws a redirect to the sign-in page when nobody is signed in, and 403 for a role not listed (the
 * refusal goes to the security log).
 */
export async function requireUser(request: Request, roles?: readonly Role[]): Promise<SignedInUser> {
  const user = await getSignedInUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (roles && !roles.includes(user.role)) {
    await refusePermission(request, user);
  }
  return user;
}

/** Records a refused request in the security log and throws the 403. */
export async function refusePermission(request: Request, user: { id: number; username: string }): Promise<never> {
  await recordRefusal(request, user);
  throw new Response("Forbidden", { status: 403 });
}

/**
 * The 404 for a case this user may not see. Another township's case answers exactly as a case that does
 * not exist (so numbers cannot be probed), but the attempt is in the security log.
 */
export async function caseNotFound(request: Request, user: { id: number; username: string }, error: CaseNotFoundError) {
  if (error.outOfScope) await recordRefusal(request, user);
  return new Response(t("case.notFound"), { status: 404 });
}

/** A refused request in the security log: who, which method and path, from where. */
export async function recordRefusal(request: Request, user: { id: number; username: string }) {
  const url = new URL(request.url);
  await recordSecurityEvent({
    type: "permissionRefused",
    userId: user.id,
    username: user.username,
    clientAddress: clientAddressOf(request),
    detail: { method: request.method, path: url.pathname.slice(0, 200) },
  });
}

export async function startUserSession(request: Request, userId: number, redirectTo: string) {
  // Signing in again in the same browser ends the session it held (whoever's it was): one browser, one session.
  const previous = await sessionToken(request);
  if (previous) await endSessionOfToken(previous, clientAddressOf(request));
  const { token, maxAgeSeconds } = await openSession(userId, {
    address: clientAddressOf(request),
    userAgent: request.headers.get("User-Agent") ?? "",
  });
  const cookie = await sessionCookie(request).serialize(token, { maxAge: maxAgeSeconds });
  return redirect(safeRedirectPath(redirectTo), { headers: { "Set-Cookie": cookie } });
}

/** Sign-out: the session ends on the server, so a copy of the cookie opens nothing afterwards. */
export async function endUserSession(request: Request) {
  const token = await sessionToken(request);
  if (token) await endSessionOfToken(token, clientAddressOf(request));
  const cookie = await sessionCookie(request).serialize("", { maxAge: 0 });
  return redirect("/login", { headers: { "Set-Cookie": cookie } });
}
