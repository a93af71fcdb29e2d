import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { signIn } from "~/models/users.server";
import { at, makeActor, TEST_PASSWORD } from "../support/fixtures";
import { seedReferenceData } from "~/models/seed.server";

let username: string;

beforeAll(async () => {
  await seedReferenceData();
  const actor = await makeActor("dispatcher");
  username = (await prisma.user.findUniqueOrThrow({ where: { id: actor.id } })).username;
});

describe("sign-in", () => {
  it("accepts the right password and stores only an argon2id hash", async () => {
    expect(await signIn(username, TEST_PASSWORD, at("2026-03-02 09:00"))).toMatchObject({ ok: true });
    const user = await prisma.user.findUniqueOrThrow({ where: { username } });
    expect(user.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(user.passwordHash).not.toContain(TEST_PASSWORD);
  });

  it("an unknown user is told the same as a wrong password", async () => {
    expect(await signIn("nobody-here", "whatever-password")).toEqual({ ok: false, reason: "invalid" });
  });

  it("five wrong passwords lock the account for 15 minutes, even against the right password", async () => {
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect(await signIn(username, "wrong-password", at("2026-03-02 10:00"))).toEqual({ ok: false, reason: "invalid" });
    }
    const fifth = await signIn(username, "wrong-password", at("2026-03-02 10:00"));
    expect(fifth).toMatchObject({ ok: false, reason: "locked" });
    expect(await signIn(username, TEST_PASSWORD, at("2026-03-02 10:14:59"))).toMatchObject({ ok: false, reason: "locked" });
    expect(await signIn(username, TEST_PASSWORD, at("2026-03-02 10:15:01"))).toMatchObject({ ok: true });
  });
});
