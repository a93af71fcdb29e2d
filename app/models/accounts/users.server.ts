import { InputError } from "../errors";
import { prisma } from "~/db.server";
import { accountProblems } from "~/domain/roles";
import { type SessionEndReason, normalizeUsername } from "~/domain/security";
import { hashPassword } from "./passwords.server";
import { blockedAccountNames } from "./sign-in.server";
import { endSessions, openSessionCounts } from "./sessions.server";
import { writeTransaction } from "../db/write-transaction.server";

export interface NewUser {
  username: string;
  displayName?: string;
  role: string;
  townshipId?: number | null;
  password: string;
}

async function isUnknownTownship(townshipId: number | null | undefined) {
  return Boolean(townshipId) && !(await prisma.township.findUnique({ where: { id: townshipId! }, select: { id: true } }));
}

export async function createUser(input: NewUser) {
  const errors = accountProblems(input);
  if (!errors.username && (await prisma.user.findUnique({ where: { username: input.username } }))) {
    errors.username = "usernameTaken";
  }
  if (await isUnknownTownship(input.townshipId)) errors.townshipId = "unknownTownship";
  if (Object.keys(errors).length > 0) throw new InputError(errors);
  return prisma.user.create({
    data: {
      username: input.username,
      displayName: input.displayName?.trim() || input.username,
      role: input.role,
      townshipId: input.role === "township" ? input.townshipId! : null,
      passwordHash: await hashPassword(input.password),
    },
  });
}

/**
 * Saves an administrator's change to a user. A new password, a new role or township, or deactivation
 * ends all of the user's sessions in the same transaction (docs/security.md).
 */
export async function updateUser(
  id: number,
  input: { displayName: string; role: string; townshipId: number | null; active: boolean; password?: string },
  actor: { id: number },
  now = new Date(),
) {
  const errors = accountProblems({ role: input.role, townshipId: input.townshipId, password: input.password || undefined });
  const before = await prisma.user.findUnique({ where: { id }, select: { role: true, townshipId: true, active: true } });
  if (!before) errors.userId = "unknownUser";
  if (await isUnknownTownship(input.townshipId)) errors.townshipId = "unknownTownship";
  if (Object.keys(errors).length > 0 || !before) throw new InputError(errors);
  const townshipId = input.role === "township" ? input.townshipId : null;
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  // Deactivation is the administrator's lock of an account. A block by sign-in throttling ends no
  // session: that would let anyone sign a user out by typing wrong passwords (docs/security.md).
  const endReason: SessionEndReason | null = passwordHash
    ? "passwordChanged"
    : before.active && !input.active
      ? "locked"
      : before.role !== input.role || before.townshipId !== townshipId
        ? "accountChanged"
        : null;
  return writeTransaction(async (tx) => {
    const user = await tx.user.update({
      where: { id },
      data: {
        displayName: input.displayName.trim() || undefined,
        role: input.role,
        townshipId,
        active: input.active,
        ...(passwordHash ? { passwordHash } : {}),
      },
      select: { id: true, username: true },
    });
    if (endReason)
      await endSessions(
        { userId: id, endedAt: null },
        endReason,
        { userId: id, username: user.username, actorId: actor.id },
        now,
        tx,
      );
    return user;
  });
}

/** The users as the administrator's list shows them: never a password hash. */
export async function listUsers(now = new Date()) {
  const [users, blocked, openSessions] = await Promise.all([
    prisma.user.findMany({
      select: {
        id: true,
        username: true,
        displayName: true,
        role: true,
        townshipId: true,
        active: true,
        township: { select: { name: true } },
      },
      orderBy: [{ role: "asc" }, { username: "asc" }],
    }),
    blockedAccountNames(now),
    openSessionCounts(now),
  ]);
  return users.map(({ township, ...user }) => ({
    ...user,
    townshipName: township?.name ?? null,
    blockedUntil: blocked.get(normalizeUsername(user.username)) ?? null,
    openSessions: openSessions.get(user.id) ?? 0,
  }));
}

/** One user as the administrator's page shows them: never a password hash. */
export async function findUserSummary(id: number) {
  const user = await prisma.user.findUnique({
    where: { id },
    select: { id: true, username: true, displayName: true, role: true, active: true, township: { select: { name: true } } },
  });
  if (!user) return null;
  const { township, ...rest } = user;
  return { ...rest, townshipName: township?.name ?? null };
}
