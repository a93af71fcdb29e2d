import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { signIn, unlockAccount } from "~/models/accounts/sign-in.server";
import { endSessionsByAdmin, endSessionOfToken, openSession, userOfSession } from "~/models/accounts/sessions.server";
import { updateUser } from "~/models/accounts/users.server";
import { seedReferenceData } from "~/models/reference/seed.server";
import { at, makeActor, TEST_PASSWORD } from "../support/fixtures";

let username: string;
let userId: number;
let admin: { id: number };

beforeAll(async () => {
  await seedReferenceData();
  const actor = await makeActor("dispatcher");
  userId = actor.id;
  admin = await makeActor("admin");
  username = (await prisma.user.findUniqueOrThrow({ where: { id: actor.id } })).username;
});

const from = (clientAddress: string, password: string, name = username) => ({ username: name, password, clientAddress });
const eventsOf = (type: string, name = username) => prisma.securityEvent.count({ where: { type, username: name } });

describe("sign-in", () => {
  it("accepts the right password, stores only an argon2id hash and records the sign-in", async () => {
    expect(await signIn(from("10.0.0.1", TEST_PASSWORD), at("2026-03-02 09:00"))).toMatchObject({ ok: true });
    const user = await prisma.user.findUniqueOrThrow({ where: { username } });
    expect(user.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(user.passwordHash).not.toContain(TEST_PASSWORD);
    expect(await eventsOf("signInSucceeded")).toBe(1);
  });

  it("answers an unknown account exactly as a wrong password, and throttles it alike", async () => {
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    for (let attempt = 1; attempt <= 6; attempt += 1) {
      known.push(await signIn(from("10.0.0.9", "wrong-password"), at("2026-03-02 09:30")));
      unknown.push(await signIn(from("10.0.0.9", "wrong-password", "nobody-here"), at("2026-03-02 09:30")));
    }
    expect(unknown).toEqual(known);
    expect(known.slice(0, 5)).toEqual(Array(5).fill({ ok: false, reason: "invalid" }));
    expect(known[5]).toMatchObject({ ok: false, reason: "throttled" });
    await unlockAccount({ id: userId, username }, admin, at("2026-03-02 09:31"));
  });

  it("blocks one address after five wrong passwords without locking the account out from elsewhere", async () => {
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect(await signIn(from("10.0.0.2", "wrong-password"), at("2026-03-02 10:00"))).toEqual({ ok: false, reason: "invalid" });
    }
    const blocked = await signIn(from("10.0.0.2", TEST_PASSWORD), at("2026-03-02 10:14:59"));
    expect(blocked).toEqual({ ok: false, reason: "throttled", retryAt: at("2026-03-02 10:15") });
    // The account's owner, elsewhere, is not locked out by what another address did.
    expect(await signIn(from("10.0.0.3", TEST_PASSWORD), at("2026-03-02 10:05"))).toMatchObject({ ok: true });
    expect(await signIn(from("10.0.0.2", TEST_PASSWORD), at("2026-03-02 10:15:01"))).toMatchObject({ ok: true });
    expect(await eventsOf("accountLocked")).toBeGreaterThanOrEqual(1);
  });

  it("a second block of the same address lasts twice as long", async () => {
    for (const round of [0, 1]) {
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        await signIn(from("10.0.0.4", "wrong-password"), at(`2026-03-03 0${round * 2}:00`));
      }
    }
    // First block 00:00–00:15; the second, started at 02:00, lasts 30 minutes.
    expect(await signIn(from("10.0.0.4", TEST_PASSWORD), at("2026-03-03 02:29"))).toMatchObject({
      reason: "throttled",
      retryAt: at("2026-03-03 02:30"),
    });
    expect(await signIn(from("10.0.0.4", TEST_PASSWORD), at("2026-03-03 02:30:01"))).toMatchObject({ ok: true });
  });

  it("locks the account name when wrong passwords come from many addresses, until an admin unlocks it", async () => {
    for (let address = 1; address <= 20; address += 1) {
      await signIn(from(`192.0.2.${address}`, "wrong-password"), at("2026-03-04 09:00"));
    }
    const before = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
    expect(await signIn(from("198.51.100.1", TEST_PASSWORD), at("2026-03-04 09:01"))).toMatchObject({
      ok: false,
      reason: "throttled",
    });
    expect(await unlockAccount({ id: userId, username }, admin, at("2026-03-04 09:02"))).toBeGreaterThan(0);
    expect(await signIn(from("198.51.100.1", TEST_PASSWORD), at("2026-03-04 09:03"))).toMatchObject({ ok: true });
    const after = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(await eventsOf("accountUnlocked")).toBeGreaterThanOrEqual(1);
  });

  it("a burst of twenty wrong passwords at once gets no more tries than the limit", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => signIn(from("10.0.0.5", "wrong-password"), at("2026-03-05 09:00"))),
    );
    expect(results.filter((result) => !result.ok && result.reason === "invalid")).toHaveLength(5);
    expect(results.filter((result) => !result.ok && result.reason === "throttled")).toHaveLength(15);
    expect(await prisma.securityEvent.count({ where: { type: "signInFailed", clientAddress: "10.0.0.5" } })).toBe(5);
  });

  it("keeps the security log append-only", async () => {
    const event = await prisma.securityEvent.findFirstOrThrow();
    await expect(prisma.securityEvent.update({ where: { id: event.id }, data: { type: "x" } })).rejects.toThrow();
    await expect(prisma.securityEvent.delete({ where: { id: event.id } })).rejects.toThrow();
  });
});

describe("sessions", () => {
  const client = { address: "10.1.0.1", userAgent: "test" };

  it("each sign-in gets a new random token, stored only as its hash", async () => {
    const first = await openSession(userId, client, at("2026-03-06 09:00"));
    const second = await openSession(userId, client, at("2026-03-06 09:00"));
    expect(first.token).not.toBe(second.token);
    expect(await prisma.userSession.count({ where: { tokenHash: first.token } })).toBe(0);
    expect(await userOfSession(first.token, at("2026-03-06 09:01"))).toMatchObject({ id: userId, username });
  });

  it("ends after two idle hours, and after twelve hours however active", async () => {
    const idle = await openSession(userId, client, at("2026-03-07 09:00"));
    expect(await userOfSession(idle.token, at("2026-03-07 10:59"))).not.toBeNull();
    expect(await userOfSession(idle.token, at("2026-03-07 12:59:59"))).toBeNull();
    expect(await userOfSession(idle.token, at("2026-03-07 13:00"))).toBeNull();
    const active = await openSession(userId, client, at("2026-03-08 09:00"));
    for (let hour = 10; hour <= 20; hour += 1)
      expect(await userOfSession(active.token, at(`2026-03-08 ${hour}:30`))).not.toBeNull();
    expect(await userOfSession(active.token, at("2026-03-08 21:00"))).toBeNull();
    const ended = await prisma.userSession.findMany({ where: { userId, endReason: { in: ["idle", "expired"] } } });
    expect(ended.map((session) => session.endReason).sort()).toEqual(["expired", "idle"]);
  });

  it("sign-out ends the session: the old cookie opens nothing", async () => {
    const session = await openSession(userId, client);
    await endSessionOfToken(session.token, client.address);
    expect(await userOfSession(session.token)).toBeNull();
  });

  it("a password, role or township change ends all of the user's sessions; a display name change does not", async () => {
    const user = await makeActor("township", "古南街道");
    const tokens = [await openSession(user.id, client), await openSession(user.id, client)];
    const base = { displayName: "改名", role: "township", townshipId: user.townshipId, active: true };
    await updateUser(user.id, base, admin);
    expect(await userOfSession(tokens[0].token)).not.toBeNull();
    await updateUser(user.id, { ...base, password: "another-password-1" }, admin);
    expect(await Promise.all(tokens.map((t) => userOfSession(t.token)))).toEqual([null, null]);

    const moved = await openSession(user.id, client);
    const wenlong = await prisma.township.findUniqueOrThrow({ where: { name: "文龙街道" } });
    await updateUser(user.id, { ...base, townshipId: wenlong.id }, admin);
    expect(await userOfSession(moved.token)).toBeNull();

    const promoted = await openSession(user.id, client);
    await updateUser(user.id, { ...base, role: "leader", townshipId: null }, admin);
    expect(await userOfSession(promoted.token)).toBeNull();

    const deactivated = await openSession(user.id, client);
    await updateUser(user.id, { ...base, role: "leader", townshipId: null, active: false }, admin);
    expect(await userOfSession(deactivated.token)).toBeNull();
    const reasons = await prisma.userSession.groupBy({ by: ["endReason"], where: { userId: user.id }, _count: { _all: true } });
    expect(Object.fromEntries(reasons.map((row) => [row.endReason, row._count._all]))).toEqual({
      passwordChanged: 2,
      accountChanged: 2,
      locked: 1,
    });
  });

  it("an administrator ends one session or all of them", async () => {
    const user = await makeActor("operator");
    const [one, two, three] = [
      await openSession(user.id, client),
      await openSession(user.id, client),
      await openSession(user.id, client),
    ];
    const stored = await prisma.userSession.findMany({ where: { userId: user.id }, orderBy: { id: "asc" } });
    const owner = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { id: true, username: true } });
    expect(await endSessionsByAdmin(owner, stored[0].id, admin)).toBe(1);
    expect(await userOfSession(one.token)).toBeNull();
    expect(await userOfSession(two.token)).not.toBeNull();
    expect(await endSessionsByAdmin(owner, null, admin)).toBe(2);
    expect(await userOfSession(three.token)).toBeNull();
    expect(await prisma.securityEvent.count({ where: { type: "sessionEnded", userId: user.id } })).toBe(2);
  });
});
