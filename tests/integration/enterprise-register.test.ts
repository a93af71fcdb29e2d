import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { creditCodeFrom } from "~/domain/credit-code";
import { t } from "~/i18n";
import { writeLedgerFile } from "~/models/ledger/file.server";
import { useHttpApp } from "../support/http";
import { spawnWorker } from "../support/bulk-cases";
import { waitFor } from "../support/wait";
import { registerImportStatus } from "~/models/enterprises/import-jobs.server";

/** The enterprise register: its import from the command line and the admin page, and complaints naming a unit. */
const { signIn, request } = useHttpApp();
const bin = path.resolve(__dirname, "../../bin/greenline.cjs");
const dir = path.resolve(__dirname, `../.tmp/register-${process.pid}`);
mkdirSync(dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The command line, run without blocking this process: a blocked test process lets the server close its
 * idle keep-alive connection unseen, and the next request on it fails.
 */
function greenline(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: process.env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
const CODE_A = creditCodeFrom("91500222", "QT000001");
const CODE_B = creditCodeFrom("92500222", "QT000002");
const HEADER = ["统一社会信用代码", "单位名称", "地址", "所属街镇", "行业类别", "曾用名", "重点排污单位"];

describe("the enterprise register", { timeout: 120_000 }, () => {
  it("refuses a file with problems whole, naming each row and column, and imports a clean one (--apply), updating by code", async () => {
    const bad = path.join(dir, "bad.csv");
    writeFileSync(
      bad,
      [
        HEADER.join(","),
        `${CODE_A},测试化工有限公司,古南街道桥河村1组,古南街道,化学原料制造,,是`,
        `${CODE_A.slice(0, 17)}${CODE_A[17] === "1" ? "2" : "1"},坏代码厂,地址,古南街道,制造,,`,
        `${CODE_B},重复的,地址,不存在镇,制造,,可能`,
      ].join("\n"),
    );
    const refused = await greenline(["enterprise", "import", bad, "--apply"]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("第 3 行，统一社会信用代码 列：第 18 位校验码应为");
    expect(refused.stderr).toContain("第 4 行，所属街镇 列：未配置的街镇（不存在镇）");
    expect(refused.stderr).toContain("第 4 行，重点排污单位 列：应填“是”或“否”（可能）");
    expect(refused.stdout).toContain("Nothing was imported.");
    expect(await prisma.regulatedUnit.count()).toBe(0);

    const clean = path.join(dir, "clean.xlsx");
    writeFileSync(
      clean,
      await writeLedgerFile(
        [
          ["行业类别", ...HEADER.filter((header) => header !== "行业类别")],
          ["化学原料制造", CODE_A, "测试化工有限公司", "古南街道桥河村1组", "古南", "测试化工厂", "是"],
          ["汽车修理", CODE_B.toLowerCase(), "测试汽修店", "文龙街道通惠路2号", "文龙街道", "", ""],
        ],
        "xlsx",
      ),
    );
    const dryRun = await greenline(["enterprise", "import", clean]);
    expect(dryRun.status, dryRun.stderr).toBe(0);
    expect(dryRun.stdout).toContain("2 new units");
    expect(await prisma.regulatedUnit.count()).toBe(0);
    expect((await greenline(["enterprise", "import", clean, "--apply"])).status).toBe(0);
    expect(await prisma.regulatedUnit.findUniqueOrThrow({ where: { creditCode: CODE_A } })).toMatchObject({
      name: "测试化工有限公司",
      formerNames: "测试化工厂",
      keyDischarge: true,
    });
    const again = await greenline(["enterprise", "import", clean, "--apply"]);
    expect(again.stdout).toContain("0 new units, 2 already registered (updated)");
    expect(await prisma.regulatedUnit.count()).toBe(2);
  });

  it("links a complaint naming a unit by code, name or former name, and lists it on the unit's page for whom may see it", async () => {
    const operator = await signIn("operator");
    const register = (subject: string, key: string) =>
      request("/intake", {
        method: "POST",
        cookie: operator,
        body: new URLSearchParams({
          intent: "register",
          channel: "hotline12369",
          anonymous: "on",
          townshipId: "古南街道",
          category: "air",
          subject,
          description: "废气刺鼻。",
          submissionKey: key,
        }),
      });
    for (const [subject, key] of [
      [CODE_A.toLowerCase(), "register-0001"],
      ["测试化工有限公司", "register-0002"],
      ["测试化工厂", "register-0003"],
      ["无证小作坊", "register-0004"],
    ]) {
      expect((await register(subject, key)).status).toBe(302);
    }
    const unit = await prisma.regulatedUnit.findUniqueOrThrow({ where: { creditCode: CODE_A } });
    const cases = await prisma.case.findMany({ where: { description: "废气刺鼻。" }, orderBy: { id: "asc" } });
    expect(cases.map((item) => [item.subject, item.respondentId])).toEqual([
      ["测试化工有限公司", unit.id],
      ["测试化工有限公司", unit.id],
      ["测试化工有限公司", unit.id],
      ["无证小作坊", null],
    ]);

    // The desk finds the unit by its former name and reads its cases; the code's command line too.
    const dispatcher = await signIn("dispatcher");
    expect(await (await request(`/enterprises?q=${encodeURIComponent("测试化工厂")}`, { cookie: dispatcher })).text()).toContain(
      `/enterprises/${unit.id}`,
    );
    const page = await (await request(`/enterprises/${unit.id}`, { cookie: dispatcher })).text();
    for (const item of cases.slice(0, 3)) expect(page).toContain(item.caseNo);
    expect(page).not.toContain(cases[3].caseNo);
    // The case page leads to the unit, for whom may open it.
    expect(await (await request(`/cases/${cases[0].caseNo}`, { cookie: dispatcher })).text()).toContain(
      `/enterprises/${unit.id}`,
    );
    expect(await (await request(`/cases/${cases[0].caseNo}`, { cookie: operator })).text()).not.toContain(
      `/enterprises/${unit.id}`,
    );
    const shown = await greenline(["enterprise", "show", CODE_A, "--json"]);
    expect(shown.status).toBe(0);
    expect(JSON.parse(shown.stdout).counts).toEqual({ total: 3, open: 3, overdue: 0, concluded: 0, rejected: 0, merged: 0 });
    expect((await greenline(["enterprise", "show", "91500222QT0000011"])).status).toBe(2);

    // Township staff see their township's units only; another township's is not found.
    expect((await request(`/enterprises/${unit.id}`, { cookie: await signIn("gunan") })).status).toBe(200);
    const wenlong = await signIn("wenlong");
    expect((await request(`/enterprises/${unit.id}`, { cookie: wenlong })).status).toBe(404);
    expect(await (await request("/enterprises", { cookie: wenlong })).text()).not.toContain("测试化工有限公司");
    // The intake's suggestions.
    const suggested = await request(`/enterprises/suggest.data?q=${encodeURIComponent("测试")}`, { cookie: operator });
    expect(suggested.status).toBe(200);
  });

  it("answers hostile command-line input with a message and an exit code, writing nothing", async () => {
    const before = await prisma.regulatedUnit.count();
    const garbage = path.join(dir, "garbage.xlsx");
    writeFileSync(garbage, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0x13, 0x37]));
    const text = path.join(dir, "register.txt");
    writeFileSync(text, "统一社会信用代码\n");
    const cases: [string[], number][] = [
      [["enterprise", "show", ""], 2],
      [["enterprise", "show", "x".repeat(5000)], 2],
      [["enterprise", "show", "\u0001"], 2],
      [["enterprise", "show", '\'; DROP TABLE "RegulatedUnit"; --'], 2],
      [["enterprise", "show", creditCodeFrom("91500222", "YY000001")], 1],
      [["enterprise", "import", path.join(dir, "missing.csv")], 1],
      [["enterprise", "import", dir], 1],
      [["enterprise", "import", garbage, "--apply"], 1],
      [["enterprise", "import", text, "--apply"], 1],
      [["enterprise", "import"], 2],
      [["enterprise", "remove", CODE_A], 2],
    ];
    for (const [args, status] of cases) {
      const run = await greenline(args);
      expect(run.status, args.join(" ").slice(0, 60)).toBe(status);
      expect(run.stderr.trim().length, args.join(" ").slice(0, 60)).toBeGreaterThan(0);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect(await prisma.regulatedUnit.count()).toBe(before);
  });

  it("imports a large register by a worker, whose progress the administrator's page follows", async () => {
    // Above the inline limit (1 MiB): 2,000 units, each row padded by a column the import ignores.
    const padding = "备".repeat(180);
    const lines = [`${HEADER.slice(0, 5).join(",")},备注`];
    for (let i = 1; i <= 2000; i += 1) {
      const code = creditCodeFrom("91500222", `LR${String(i).padStart(6, "0")}`);
      lines.push(`${code},批量导入测试单位${i},古南街道批量路${i}号,古南街道,建材批发,${padding}`);
    }
    const content = lines.join("\n");
    expect(Buffer.byteLength(content)).toBeGreaterThan(1024 * 1024);
    const form = new FormData();
    form.set("intent", "apply");
    form.set("register", new File([content], "大名录.csv", { type: "text/csv" }));
    const admin = await signIn("admin");
    const worker = spawnWorker();
    try {
      const queued = await request("/admin/enterprises", { method: "POST", cookie: admin, body: form });
      expect(queued.status).toBe(302);
      const jobId = /job=(\d+)/.exec(queued.headers.get("location") ?? "")![1];
      const status = await waitFor(
        () => registerImportStatus(jobId),
        (current) => current.state === "completed" || current.state === "failed",
        90_000,
      );
      expect(status).toMatchObject({ state: "completed", progress: { phase: "done", done: 2000, total: 2000 } });
      expect(status.result).toMatchObject({ applied: true, created: 2000, problemCount: 0 });
      const page = await (await request(`/admin/enterprises?job=${jobId}`, { cookie: admin })).text();
      expect(page).toContain(t("register.imported", { fileName: "大名录.csv" }));
      expect(await prisma.regulatedUnit.count({ where: { name: { startsWith: "批量导入测试单位" } } })).toBe(2000);
      expect((await request("/admin/enterprises?job=abc", { cookie: admin })).status).toBe(400);
    } finally {
      worker.kill("SIGTERM");
      await new Promise((resolve) => worker.once("exit", resolve));
    }
  });

  it("imports from the administrator's page with the same checks", async () => {
    const admin = await signIn("admin");
    const upload = (content: string, intent: string) => {
      const form = new FormData();
      form.set("intent", intent);
      form.set("register", new File([content], "名录.csv", { type: "text/csv" }));
      return request("/admin/enterprises", { method: "POST", cookie: admin, body: form });
    };
    const refused = await upload(`${HEADER.join(",")}\n123,缺代码,地址,古南街道,行业,,`, "apply");
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("第 2 行，统一社会信用代码 列：统一社会信用代码应为 18 位，这里是 3 位");
    const code = creditCodeFrom("91500222", "QT000003");
    const applied = await upload(`${HEADER.join(",")}\n${code},页面导入的厂,地址,三江街道,行业,,`, "apply");
    expect(applied.status).toBe(200);
    expect(await applied.text()).toContain(t("register.imported", { fileName: "名录.csv" }));
    expect(await prisma.regulatedUnit.count({ where: { creditCode: code } })).toBe(1);
    expect(
      (await request("/admin/enterprises", { method: "POST", cookie: await signIn("dispatcher"), body: new FormData() })).status,
    ).toBe(403);
  });
});
