import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
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
