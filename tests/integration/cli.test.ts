import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { objectPath } from "~/models/attachments/store.server";
import { refreshDerivedDeadlines } from "~/models/deadlines/derived-fields.server";
import { registerCase } from "~/models/case/service.server";
import { onPostgres } from "../support/databases";
import { at, intakeFields, setUpWorld } from "../support/fixtures";

const bin = path.resolve(__dirname, "../../bin/greenline.cjs");
let world: Awaited<ReturnType<typeof setUpWorld>>;

function greenline(args: string[], input?: string) {
  return spawnSync(process.execPath, [bin, ...args], { env: process.env, input, encoding: "utf8" });
}

beforeAll(async () => {
  world = await setUpWorld();
});

describe("the greenline command", () => {
  it("verify recomputes every case's derived deadline fields and names each case that disagrees (exit 1)", async () => {
    const created = await registerCase(world.operator, await intakeFields({ receivedAt: at("2026-03-02 09:00") }), {
      now: at("2026-03-02 09:00"),
      scheduleJobs: false,
    });
    const agreed = greenline(["verify"]);
    expect(agreed.status, agreed.stdout + agreed.stderr).toBe(0);
    expect(agreed.stdout).toMatch(/cases checked, 0 disagree/);
    // A repair by hand that left the cache behind.
    await prisma.case.update({ where: { id: created.id }, data: { nextDueAt: at("2030-01-01 00:00"), overdue: true } });
    const found = greenline(["verify", "--json"]);
    expect(found.status).toBe(1);
    const report = JSON.parse(found.stdout) as { disagreeing: { caseNo: string; fields: string[] }[] };
    expect(report.disagreeing).toEqual([expect.objectContaining({ caseNo: created.caseNo, fields: ["nextDueAt", "overdue"] })]);
    await prisma.$transaction((tx) => refreshDerivedDeadlines(tx, [created.id]));
    expect(greenline(["verify"]).status).toBe(0);
  });

  it("verify recounts the statistics' month buckets from the cases and names a bucket written by hand (exit 1)", async () => {
    const agreed = greenline(["verify"]);
    expect(agreed.stdout).toMatch(/Statistics month buckets: 0 counters disagree/);
    const bucket = await prisma.statisticsMonth.findFirstOrThrow({ where: { received: { gt: 0 } } });
    const key = { kind: bucket.kind, month: bucket.month, dimension: bucket.dimension, value: bucket.value };
    await prisma.statisticsMonth.update({ where: { kind_month_dimension_value: key }, data: { received: { increment: 1 } } });
    const found = greenline(["verify", "--json"]);
    expect(found.status).toBe(1);
    const report = JSON.parse(found.stdout) as { statisticsMonths: unknown[] };
    expect(report.statisticsMonths).toEqual([
      { bucket: Object.values(key).join(" "), counter: "received", kept: bucket.received + 1, recounted: bucket.received },
    ]);
    await prisma.statisticsMonth.update({ where: { kind_month_dimension_value: key }, data: { received: bucket.received } });
    expect(greenline(["verify"]).status).toBe(0);
  });

  it("api-key add prints the key once as its last line, keeps only its hash, and refuses what the page refuses", async () => {
    const made = greenline([
      "api-key",
      "add",
      "--name",
      "CLI 平台",
      "--scope",
      "transfers",
      "--scope",
      "statistics",
      "--channel",
      "transfer12345",
      "--expires",
      "2099-12-31",
    ]);
    expect(made.status, made.stderr).toBe(0);
    const key = made.stdout.trim().split("\n").pop()!;
    expect(key).toMatch(/^gl_[a-z0-9]{8}_[a-z0-9]{32}$/);
    const stored = await prisma.apiKey.findUniqueOrThrow({ where: { name: "CLI 平台" } });
    expect(stored).toMatchObject({ scopes: "transfers statistics", channel: "transfer12345" });
    expect(stored.secretHash).toBe(createHash("sha256").update(key.split("_")[2]).digest("hex"));
    expect(JSON.stringify(stored)).not.toContain(key.split("_")[2]);
    expect(stored.expiresAt?.toISOString()).toBe("2099-12-31T16:00:00.000Z");

    const expired = greenline(["api-key", "add", "--name", "已过期", "--scope", "statistics", "--expires", "2020-01-01"]);
    expect(expired.status).toBe(1);
    expect(expired.stderr).toContain("有效期不能早于今天");

    const noChannel = greenline(["api-key", "add", "--name", "无渠道", "--scope", "transfers"]);
    expect(noChannel.status).toBe(1);
    expect(noChannel.stderr).toContain("channel");
    expect(greenline(["api-key", "add", "--name", "坏权限", "--scope", "admin"]).status).toBe(1);
    expect(greenline(["api-key", "add", "--name", "CLI 平台", "--scope", "statistics"]).status).toBe(1);
    expect(await prisma.apiKey.count({ where: { name: { in: ["无渠道", "坏权限"] } } })).toBe(0);
  });

  it("case show --json prints the fields, each milestone's due instant and the audit trail", async () => {
    const created = await registerCase(world.operator, await intakeFields(), {
      now: at("2026-03-02 09:05"),
      scheduleJobs: false,
    });
    const output = execFileSync(process.execPath, [bin, "case", "show", created.caseNo, "--json"], {
      env: process.env,
      encoding: "utf8",
    });
    const report = JSON.parse(output);
    expect(report).toMatchObject({ caseNo: created.caseNo, state: "registered", township: "古南街道" });
    expect(report.milestones.map((m: { milestone: string; dueAt: string }) => [m.milestone, m.dueAt])).toEqual([
      ["accept", "2026-03-03T15:59:59.999Z"],
      ["conclude", "2026-03-23T15:59:59.999Z"],
    ]);
    expect(report.auditEvents[0]).toMatchObject({ action: "register" });
  });

  it("case show of an unknown number exits 1 with a message", () => {
    const result = greenline(["case", "show", "TS-1999-00001", "--json"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("No case TS-1999-00001");
  });

  it("user add takes the password from standard input", async () => {
    const result = greenline(
      ["user", "add", "--username", "cli-township", "--role", "township", "--township", "文龙街道", "--password-stdin"],
      "a-long-password\n",
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const user = await prisma.user.findUniqueOrThrow({ where: { username: "cli-township" }, include: { township: true } });
    expect(user.township?.name).toBe("文龙街道");
  });

  it("user add explains a bad role and a short password", () => {
    const result = greenline(["user", "add", "--username", "cli-bad", "--role", "boss", "--password-stdin"], "short\n");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("role: unknownRole");
    expect(result.stderr).toContain("password: passwordTooShort");
  });

  it.runIf(onPostgres)("backup points a PostgreSQL installation to pg_dump", () => {
    const result = greenline(["backup", path.resolve(__dirname, "../.tmp/never.db")]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("pg_dump");
  });

  it.skipIf(onPostgres)(
    "backup copies the database while it is open with its attachments' files, and refuses to overwrite",
    async () => {
      const target = path.resolve(__dirname, `../.tmp/backup-${process.pid}.db`);
      rmSync(target, { force: true });
      const content = Buffer.from("%PDF-1.7\n来信扫描件");
      const sha256 = createHash("sha256").update(content).digest("hex");
      mkdirSync(path.dirname(objectPath(sha256)), { recursive: true });
      writeFileSync(objectPath(sha256), content);
      await prisma.storedFile.create({
        data: { sha256, size: content.length, contentType: "application/pdf", createdAt: new Date() },
      });
      try {
        const cases = await prisma.case.count();
        const result = greenline(["backup", target]);
        expect(result.stderr).toBe("");
        expect(result.stdout).toContain(`${cases} cases, integrity ok; 1 attachment files`);
        const copy = new Database(target, { readonly: true });
        expect((copy.prepare(`SELECT COUNT(*) AS n FROM "User"`).get() as { n: number }).n).toBe(await prisma.user.count());
        copy.close();
        const copied = path.join(`${target}.files`, path.relative(process.env.FILES_DIR!, objectPath(sha256)));
        expect(readFileSync(copied).equals(content)).toBe(true);
        expect(greenline(["backup", target]).status).toBe(1);
      } finally {
        rmSync(target, { force: true });
        rmSync(`${target}.files`, { recursive: true, force: true });
      }
    },
  );

  it("an unknown command prints the usage and exits 2", () => {
    const result = greenline(["frobnicate"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Usage:");
  });

  it("a bad environment value stops with the variable named", () => {
    const result = spawnSync(process.execPath, [bin, "migrate"], { env: { ...process.env, PORT: "http" }, encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("PORT");
  });
});
