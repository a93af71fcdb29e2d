import { prisma } from "~/db.server";
import { type Role, isRole } from "~/domain/roles";
import { MIN_PASSWORD_LENGTH, hashPassword, verifyPassword } from "./passwords.server";

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;

export class UserInputError extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super(`invalid user: ${Object.keys(fieldErrors).join(", ")}`);
  }
}

export interface NewUser {
  username: string;
  displayName?: string;
  role: string;
  townshipId?: number | null;
  password: string;
}

function validateUser(input: { username?: string; role: string; townshipId?: number | null; password?: string }) {
  const errors: Record<string, string> = {};
  if (input.username !== undefined && !/^[A-Za-z0-9_.-]{3,32}$/.test(input.username)) errors.username = "usernameFormat";
  if (!isRole(input.role)) errors.role = "unknownRole";
  if (input.role === "township" && !input.townshipId) errors.townshipId = "townshipRequired";
  if (input.password !== undefined && input.password.length < MIN_PASSWORD_LENGTH) errors.password = "passwordTooShort";
  return errors;
}

export async function createUser(input: NewUser) {
  const errors = validateUser(input);
  if (!errors.username && (await prisma.user.findUnique({ where: { username: input.username } }))) {
    errors.username = "usernameTaken";
  }
  if (input.townshipId && !(await prisma.township.findUnique({ where: { id: input.townshipId } }))) {
    errors.townshipId = "unknownTownship";
  }
  if (Object.keys(errors).length > 0) throw new UserInputError(errors);
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

export async function updateUser(
  id: number,
  input: { displayName: string; role: string; townshipId: number | null; active: boolean; password?: string },
) {
  const errors = validateUser({ role: input.role, townshipId: input.townshipId, password: input.password || undefined });
  if (Object.keys(errors).length > 0) throw new UserInputError(errors);
  return prisma.user.update({
    where: { id },
    data: {
      displayName: input.displayName.trim() || undefined,
      role: input.role,
      townshipId: input.role === "township" ? input.townshipId : null,
      active: input.active,
      ...(input.password ? { passwordHash: await hashPassword(input.password), failedSignIns: 0, lockedUntil: null } : {}),
    },
  });
}

export function listUsers() {
  return prisma.user.findMany({ include: { township: true }, orderBy: [{ role: "asc" }, { username: "asc" }] });
}

export type SignInResult =
  { ok: true; user: { id: number; role: Role } } | { ok: false; reason: "invalid" | "locked"; lockedUntil?: Date };

/**
 * Checks a username and password. Five wrong passwords in a row lock the account for 15 minutes;
 * an unknown username costs the same hash work so that it cannot be told from a wrong password.
 */
export async function signIn(username: string, password: string, now = new Date()): Promise<SignInResult> {
  const user = await prisma.user.findUnique({ where: { username: username.trim() } });
  if (!user || !user.active) {
    await verifyPassword(DUMMY_HASH, password);
    return { ok: false, reason: "invalid" };
  }
  if (user.lockedUntil && user.lockedUntil > now) return { ok: false, reason: "locked", lockedUntil: user.lockedUntil };
  if (!(await verifyPassword(user.passwordHash, password))) {
    const failed = (user.lockedUntil ? 0 : user.failedSignIns) + 1;
    const lock = failed >= MAX_FAILED_SIGN_INS;
    const lockedUntil = lock ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
    await prisma.user.update({ where: { id: user.id }, data: { failedSignIns: lock ? 0 : failed, lockedUntil } });
    return lock ? { ok: false, reason: "locked", lockedUntil: lockedUntil! } : { ok: false, reason: "invalid" };
  }
  if (user.failedSignIns > 0 || user.lockedUntil) {
    await prisma.user.update({ where: { id: user.id }, data: { failedSignIns: 0, lockedUntil: null } });
  }
  return { ok: true, user: { id: user.id, role: user.role as Role } };
}

// An argon2id hash of a random string, verified against when the username is unknown.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$DH3ofw+94vFlBDNmNr71GA$OBAgi8H7UCC8iwJ+hI1rGOjJdnG4JNao1cphdusJRoc";
