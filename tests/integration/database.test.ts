import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { writeTransaction } from "~/models/db/write-transaction.server";
import { onPostgres } from "../support/databases";

describe.skipIf(onPostgres)("the SQLite connection", () => {
  it("runs in WAL mode with synchronous NORMAL and foreign keys on", async () => {
    const [journal] = await prisma.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    const [synchronous] = await prisma.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
    const [foreignKeys] = await prisma.$queryRawUnsafe<{ foreign_keys: bigint | number }[]>("PRAGMA foreign_keys");
    expect(journal.journal_mode).toBe("wal");
    expect(Number(synchronous.synchronous)).toBe(1);
    expect(Number(foreignKeys.foreign_keys)).toBe(1);
  });
});

describe.runIf(onPostgres)("the PostgreSQL connection", () => {
  it("refuses to change or delete an audit event, as the SQLite triggers do", async () => {
    await prisma.auditEvent.create({ data: { caseId: null, actorId: null, at: new Date(), action: "probe" } });
    await expect(prisma.auditEvent.updateMany({ data: { action: "changed" } })).rejects.toThrow(/append-only/);
    await expect(prisma.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
  });
});

describe.runIf(onPostgres)("two steps that deadlock on PostgreSQL", () => {
  it("both land: the one the server cancels is run again", async () => {
    const keys = ["deadlock-a", "deadlock-b"];
    for (const key of keys) {
      await prisma.setting.upsert({ where: { key }, create: { key, value: "0" }, update: { value: "0" } });
    }
    // Each step locks its first row, waits until the other holds its own, then asks for the other's:
    // a deadlock, which PostgreSQL breaks by cancelling one of them (after deadlock_timeout, 1 s).
    let holding = 0;
    const bothHold = () =>
      new Promise<void>((resolve) => {
        holding += 1;
        const wait = () => (holding >= 2 ? resolve() : setTimeout(wait, 10));
        wait();
      });
    const attempts = [0, 0];
    const step = (index: number) =>
      writeTransaction(async (tx) => {
        attempts[index] += 1;
        const [first, second] = index === 0 ? keys : [...keys].reverse();
        await tx.$executeRawUnsafe(`UPDATE "Setting" SET "value" = "value" || $1 WHERE "key" = $2`, `${index}`, first);
        if (attempts[index] === 1) await bothHold();
        await tx.$executeRawUnsafe(`UPDATE "Setting" SET "value" = "value" || $1 WHERE "key" = $2`, `${index}`, second);
      });
    await Promise.all([step(0), step(1)]);
    expect(attempts.reduce((a, b) => a + b)).toBe(3);
    const values = await prisma.setting.findMany({ where: { key: { in: keys } }, orderBy: { key: "asc" } });
    expect(values.map((setting) => [...setting.value].sort().join(""))).toEqual(["001", "001"]);
  }, 20_000);
});
