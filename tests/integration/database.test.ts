import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";

describe("the SQLite connection", () => {
  it("runs in WAL mode with synchronous NORMAL and foreign keys on", async () => {
    const [journal] = await prisma.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    const [synchronous] = await prisma.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
    const [foreignKeys] = await prisma.$queryRawUnsafe<{ foreign_keys: bigint | number }[]>("PRAGMA foreign_keys");
    expect(journal.journal_mode).toBe("wal");
    expect(Number(synchronous.synchronous)).toBe(1);
    expect(Number(foreignKeys.foreign_keys)).toBe(1);
  });
});
