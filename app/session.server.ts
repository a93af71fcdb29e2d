import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { config } from "~/config.server";
import { prisma } from "~/db.server";
import type { Actor, Role } from "~/domain/roles";

const sessionStorage = createCookieSessionStorage({
  cookie: {
    name: "__greenline",
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: false,
    secrets: [config().SESSION_SECRET],
    maxAge: 60 * 60 * 12,
  },
});

const USER_KEY = "userId";

function getSession(request: Request) {
  return sessionStorage.getSession(request.headers.get("Cookie"));
}

export interface SignedInUser extends Actor {
  username: string;
  displayName: string;
  townshipName: string | null;
}

/** The signed-in user, or null. A deactivated user is signed out at the next request. */
export async function getSignedInUser(request: Request): Promise<SignedInUser | null> {
  const session = await getSession(request);
  const userId = session.get(USER_KEY);
  if (typeof userId !== "number") return null;
  const user = await prisma.user.findUnique({ where: { id: userId }, include: { township: true } });
  if (!user || !user.active) return null;
  return {
    id: user.id,
    role: user.role as Role,
    townshipId: user.townshipId,
    username: user.username,
    displayName: user.displayName,
    townshipName: user.township?.name ?? null,
  };
}

/** Throws a redirect to the sign-in page when nobody is signed in, and 403 for a role not listed. */
export async function requireUser(request: Request, roles?: readonly Role[]): Promise<SignedInUser> {
  const user = await getSignedInUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (roles && !roles.includes(user.role)) {
    throw new Response("Forbidden", { status: 403 });
  }
  return user;
}

export async function startUserSession(request: Request, userId: number, redirectTo: string) {
  const session = await getSession(request);
  session.set(USER_KEY, userId);
  return redirect(redirectTo, { headers: { "Set-Cookie": await sessionStorage.commitSession(session) } });
}

export async function endUserSession(request: Request) {
  const session = await getSession(request);
  return redirect("/login", { headers: { "Set-Cookie": await sessionStorage.destroySession(session) } });
}

/** Only same-site paths, so that a crafted link cannot send a user elsewhere after sign-in. */
export function safeRedirectPath(target: FormDataEntryValue | string | null, fallback = "/"): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//")) return fallback;
  return target;
}
