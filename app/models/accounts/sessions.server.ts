import { createHash, randomBytes } from "node:crypto";
import { config } from "~/config.server";
import { prisma, type Transaction } from "~/db.server";
import type { Role } from "~/domain/roles";
import { type SessionEndReason, lastSeenIsStale, sessionStatus } from "~/domain/security";
import { recordSecurityEvent } from "./security-log.server";
import { loadUnitNames } from "../reference/reference-data.server";

/** Server-side sessions (docs/security.md): the cookie holds a random token, the database its hash. */
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

const sessionPolicy = () => ({
  idleTimeoutMs: config().SESSION_IDLE_MINUTES * 60_000,
  maxAgeMs: config().SESSION_MAX_AGE_MINUTES * 60_000,
});

/** Who an open session belongs to, as every loader sees them. */
export interface SignedInUser {
  id: number;
  role: Role;
  townshipId: number | null;
  username: string;
  displayName: string;
  townshipName: string | null;
}

/** Opens a session for a user who just proved who they are; returns the cookie's token. */
export async function openSession(userId: number, client: { address: string; userAgent: string }, now = new Date()) {
  const token = randomBytes(32).toString("base64url");
  await prisma.userSession.create({
    data: {
      tokenHash: hashToken(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + sessionPolicy().maxAgeMs),
      clientAddress: client.address,
      userAgent: client.userAgent.slice(0, 300),
    },
  });
  return { token, maxAgeSeconds: Math.floor(sessionPolicy().maxAgeMs / 1000) };
}

/**
 * The user of an open session, or null. A session found idle or past its lifetime is ended (and the end
 * recorded) here, at the first request that finds it so; the last-seen time moves at most once a minute.
 */
export async function userOfSession(token: string, now = new Date()): Promise<SignedInUser | null> {
  const session = await prisma.userSession.findUnique({
    where: { tokenHash: hashToken(token) },
    include: {
      user: {
        select: {
          id: true,
          role: true,
          townshipId: true,
          username: true,
          displayName: true,
          active: true,
        },
      },
    },
  });
  if (!session) return null;
  const status = sessionStatus(session, sessionPolicy(), now);
  if (!status.open) {
    if (status.reason !== "ended") {
      const who = { userId: session.userId, username: session.user.username };
      await endSessions({ id: session.id, endedAt: null }, status.reason, who, now);
    }
    return null;
  }
  if (!session.user.active) return null;
  if (lastSeenIsStale(session.lastSeenAt, now)) {
    await prisma.userSession.updateMany({ where: { id: session.id, endedAt: null }, data: { lastSeenAt: now } });
  }
  const { user } = session;
  return {
    id: user.id,
    role: user.role as Role,
    townshipId: user.townshipId,
    username: user.username,
    displayName: user.displayName,
    townshipName: user.townshipId === null ? null : ((await loadUnitNames()).get(user.townshipId) ?? null),
  };
}

/** Ends the open sessions the filter selects, and records how many ended and why. */
export async function endSessions(
  where: { id?: number; userId?: number; endedAt: null },
  reason: SessionEndReason,
  who: { userId: number; username: string; actorId?: number; clientAddress?: string },
  now = new Date(),
  db: Transaction | typeof prisma = prisma,
) {
  const { count } = await db.userSession.updateMany({ where, data: { endedAt: now, endReason: reason } });
  if (count > 0) {
    await recordSecurityEvent(
      {
        type: "sessionEnded",
        userId: who.userId,
        username: who.username,
        clientAddress: who.clientAddress ?? null,
        detail: { reason, sessions: count, ...(who.actorId && who.actorId !== who.userId ? { byUserId: who.actorId } : {}) },
      },
      now,
      db,
    );
  }
  return count;
}

/** Sign-out: ends the session whose token the cookie holds. */
export async function endSessionOfToken(token: string, clientAddress: string, now = new Date()) {
  const session = await prisma.userSession.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { username: true } } },
  });
  if (!session || session.endedAt) return;
  await endSessions(
    { id: session.id, endedAt: null },
    "signOut",
    { userId: session.userId, username: session.user.username, clientAddress },
    now,
  );
}

/**
 * How many sessions of each user are open now, for the administrator's list: not ended, within their
 * lifetime and not idle (the same rule as sessionStatus, as a query).
 */
export async function openSessionCounts(now = new Date()): Promise<Map<number, number>> {
  const rows = await prisma.userSession.groupBy({
    by: ["userId"],
    where: {
      endedAt: null,
      expiresAt: { gt: now },
      lastSeenAt: { gt: new Date(now.getTime() - sessionPolicy().idleTimeoutMs) },
    },
    _count: { _all: true },
  });
  return new Map(rows.map((row) => [row.userId, row._count._all]));
}

/** A user's sessions for the administrator's page, newest first; the token hash never leaves the server. */
export async function listSessionsOfUser(userId: number, now = new Date()) {
  const sessions = await prisma.userSession.findMany({ where: { userId }, orderBy: { id: "desc" }, take: 50 });
  return sessions.map((session) => {
    const status = sessionStatus(session, sessionPolicy(), now);
    return {
      id: session.id,
      createdAt: session.createdAt,
      lastSeenAt: session.lastSeenAt,
      expiresAt: session.expiresAt,
      clientAddress: session.clientAddress,
      userAgent: session.userAgent,
      open: status.open,
      endedAt: session.endedAt,
      endReason: session.endReason ?? (status.open ? null : status.reason),
    };
  });
}

/** An administrator ends one session of a user (id), or all of them. */
export function endSessionsByAdmin(
  user: { id: number; username: string },
  sessionId: number | null,
  actor: { id: number },
  now = new Date(),
) {
  return endSessions(
    { ...(sessionId ? { id: sessionId } : {}), userId: user.id, endedAt: null },
    "endedByAdmin",
    { userId: user.id, username: user.username, actorId: actor.id },
    now,
  );
}
