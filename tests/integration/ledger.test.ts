import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { annualReport } from "~/../cli/report";
import { prisma } from "~/db.server";
import { CASE_KINDS } from "~/domain/case-kinds";
import { creditCodeFrom } from "~/domain/credit-code";
import { formatLocalDateTime } from "~/domain/local-time";
import { yearPeriod } from "~/domain/statistics";
import { describeLedgerProblem } from "~/i18n/ledger-problems";
import { exportLedger, receivedInPeriod } from "~/models/ledger/export.server";
import { readLedgerFile } from "~/models/ledger/file.server";
import { importLedger } from "~/models/ledger/import.server";
import { caseStatistics } from "~/models/statistics/figures.server";
import { copyOfTemplate } from "../support/databases";
import { at, setUpWorld } from "../support/fixtures";

const bin = path.resolve(__dirname, "../../bin/greenline.cjs");
const tmpDir = path.resolve(__dirname, "../.tmp");
const now = at("2026-11-26 12:00");
let world: Awaited<ReturnType<typeof setUpWorld>>;

beforeAll(async () => {
  world = await setUpWorld();
});

const HEADER =
  "编号,类型,来源渠道,受理时间,受理决定时间,投诉人,联系电话,所属街镇,问题类型,被投诉对象,地址,投诉内容,办理时限,延期天数,办结时间,办理结果,回访满意度,是否受理";

function csv(...rows: string[]) {
  return Buffer.from(`\uFEFF${[HEADER, ...rows].join("\r\n")}\r\n`, "utf8");
}

const importCsv = (content: Buffer, apply: boolean, fileName = "台账.csv") =>
  importLedger({ content, fileName }, { apply, actorId: world.dispatcher.id, now });

describe("ledger import", () => {
  it("reports every problem with its row and column, and writes nothing", async () => {
    const before = await prisma.case.count();
    const summary = await importCsv(
      csv(
        ",投诉举报,12369热线,2020-03-02 09:00,,张三,138-0000-1111,古南街道,噪声,某厂,某路1号,夜间噪声,,,2020-03-10 10:00,已处理,满意,是", // clean
        ",咨询,12369热线,2020-03-02 09:00,,,,古南街道,噪声,,,内容,,,,,,", // row 3: kind
        ",投诉举报,微信,2020-03-02 09:00,,,,古南街道,噪声,,,内容,,,,,,", // row 4: channel
        ",投诉举报,12369热线,2020-03-02 09:00,,,,火星街道,噪声,,,内容,,,,,,", // row 5: township
        ",投诉举报,12369热线,2020-03-02 09:00,,,,古南街道,光污染,,,内容,,,,,,", // row 6: category
        ",投诉举报,12369热线,2020-13-02 09:00,,,,古南街道,噪声,,,内容,,,,,,", // row 7: date
        ",投诉举报,12369热线,2020-03-02 09:00,,,,古南街道,噪声,,,内容,,,2020-03-01 09:00,,,", // row 8: concluded before received
        "TS2020-1,投诉举报,12369热线,2020-03-02 09:00,,,,古南街道,噪声,,,内容,,,,,,", // row 9: case number
        "TS-2020-00007,投诉举报,12369热线,2020-03-02 09:00,,,,古南街道,噪声,,,内容,,,,,,",
        "TS-2020-00007,投诉举报,12369热线,2020-03-03 09:00,,,,古南街道,噪声,,,内容,,,,,,", // row 11: duplicate
        ",投诉举报,12369热线,2020-03-02 09:00,,,,古南街道,噪声,,,,,,,,,", // row 12: description
        ",投诉举报,12369热线,2020-03-02 09:00,,,,古南街道,噪声,,,内容,,两天,,,很好,也许", // row 13: three problems
        "XF-2020-00001,投诉举报,12369热线,2020-03-02 09:00,,,,古南街道,噪声,,,内容,,,,,,", // row 14: prefix
      ),
      true,
    );
    expect(summary.applied).toBe(false);
    expect(summary.rows).toBe(13);
    // A file with problems imports nothing, and says so in every count (not "0 new, 1 of them concluded").
    expect(summary).toMatchObject({ created: 0, open: 0, overdueOpen: 0, concluded: 0, rejected: 0 });
    expect(Object.values(summary.byKind)).toEqual([0, 0, 0]);
    expect(summary.problems.map((p) => [p.row, p.column, p.problem])).toEqual([
      [3, "类型", "unknownKind"],
      [4, "来源渠道", "unknownChannel"],
      [5, "所属街镇", "unknownTownship"],
      [6, "问题类型", "unknownCategory"],
      [7, "受理时间", "unreadableDate"],
      [8, "办结时间", "concludedBeforeReceived"],
      [9, "编号", "badCaseNo"],
      [11, "编号", "duplicateCaseNo"],
      [12, "投诉内容", "required"],
      [13, "延期天数", "badExtensionDays"],
      [13, "回访满意度", "badSatisfaction"],
      [13, "是否受理", "badAccepted"],
      [14, "编号", "caseNoKindMismatch"],
    ]);
    expect(describeLedgerProblem(summary.problems[4])).toBe(
      "第 7 行，受理时间 列：无法识别的日期或时间（应为 YYYY-MM-DD HH:mm 等格式）（2020-13-02 09:00）",
    );
    expect(await prisma.case.count()).toBe(before);
  });

  it("names a missing required column and lists the columns it does not know", async () => {
    const content = Buffer.from(
      "编号,类型,受理时间,所属街镇,问题类型,投诉内容,备注\n,投诉举报,2020-03-02,古南街道,噪声,内容,x\n",
    );
    const summary = await importCsv(content, true);
    expect(summary.problems).toEqual([{ row: 1, column: "来源渠道", problem: "missingColumn" }]);
    expect(summary.unknownColumns).toEqual(["备注"]);
  });

  it("imports open, concluded and rejected cases with their deadlines; a rerun adds nothing; a changed row is a conflict", async () => {
    const ledger = csv(
      // Mon 2 Mar 2020, 15 working days: due Mon 23 Mar 23:59:59, concluded on time.
      "TS-2019-00100,投诉举报,12369热线,2019-12-30 09:00,,张三,13800001111,古南街道,噪声,某厂,某路1号,年末收到,,,2020-01-03 10:00,已答复,满意,是",
      ",投诉举报,网络,2026-11-02 09:00,,,,文龙街道,大气,某厂,,仍在办理且已超期,,,,,,是",
      ",投诉举报,来信,2026-11-20 09:00,,,,文龙街道,大气,某厂,,仍在办理,2026-12-31,5,,,,是",
      ",投诉举报,来信,2020/5/6 9:05,,,,古南街道,水,某厂,,不属于职责,,,,不属于环保部门职责,,否",
    );
    const dryRun = await importCsv(ledger, false);
    expect(dryRun).toMatchObject({
      applied: false,
      rows: 4,
      created: 4,
      open: 2,
      overdueOpen: 1,
      concluded: 1,
      rejected: 1,
      problems: [],
    });
    expect(await prisma.case.count({ where: { receivedAt: { gte: at("2019-12-30 09:00") } } })).toBe(0);

    const applied = await importCsv(ledger, true, "2020台账.csv");
    expect(applied).toMatchObject({ applied: true, created: 4 });
    const cases = await prisma.case.findMany({
      where: { createdById: world.dispatcher.id },
      include: { milestones: true, auditEvents: true, township: true },
      orderBy: { receivedAt: "asc" },
    });
    const [old, rejected, overdue, fixed] = cases;
    expect(old).toMatchObject({ caseNo: "TS-2019-00100", state: "closed", overdue: false, satisfaction: "满意" });
    expect(old.auditEvents).toHaveLength(1);
    expect(JSON.parse(old.auditEvents[0].after!)).toEqual({ file: "2020台账.csv", row: 2 });
    expect(rejected).toMatchObject({ caseNo: "TS-2020-00001", state: "rejected", decisionReason: "不属于环保部门职责" });
    expect(formatLocalDateTime(rejected.receivedAt)).toBe("2020-05-06 09:05:00");
    // Received Mon 2 Nov 2026, 15 working days: due Mon 23 Nov; open on 26 Nov, so flagged overdue at once.
    expect(overdue).toMatchObject({ state: "assigned", assignedToId: overdue.townshipId, overdue: true });
    expect(overdue.township.name).toBe("文龙街道");
    expect(formatLocalDateTime(overdue.dueAt!)).toBe("2026-11-23 23:59:59");
    const overdueConclusion = overdue.milestones.find((m) => m.milestone === "conclude")!;
    expect(overdueConclusion).toMatchObject({ status: "open", nextStep: "supervision" });
    // 办理时限 31 Dec 2026 extended by 5 working days: Fri 8 Jan 2027 (1 Jan a holiday if the calendar has 2027).
    const fixedConclusion = fixed.milestones.find((m) => m.milestone === "conclude")!;
    expect(formatLocalDateTime(fixedConclusion.fixedDueAt!)).toBe("2026-12-31 23:59:59");
    expect(fixedConclusion.extendedBy).toBe(5);
    expect(fixed.dueAt!.getTime()).toBeGreaterThan(fixedConclusion.fixedDueAt!.getTime());
    expect(fixed).toMatchObject({ overdue: false, state: "assigned" });
    expect(await prisma.caseSequence.findUnique({ where: { kind_year: { kind: "complaint", year: 2019 } } })).toMatchObject({
      lastSeq: 100,
    });

    const rerun = await importCsv(ledger, true);
    expect(rerun).toMatchObject({ created: 0, unchanged: 4, problems: [] });
    expect(await prisma.case.count({ where: { createdById: world.dispatcher.id } })).toBe(4);

    const changed = await importCsv(
      csv(
        "TS-2019-00100,投诉举报,12369热线,2019-12-30 09:00,,张三,13800001111,古南街道,噪声,某厂,某路1号,内容改过了,,,2020-01-03 10:00,已答复,满意,是",
      ),
      true,
    );
    expect(changed.problems).toEqual([{ row: 2, column: "编号", problem: "conflict", value: "TS-2019-00100" }]);
  });

  it("exports then imports into an empty database: the same cases and the same annual figures", async () => {
    const ledger = csv(
      ",投诉举报,12369热线,2021-03-02 09:00,,王五,13800002222,古南街道,噪声,甲厂,,按期办结,,,2021-03-23 23:59:59,已答复,满意,是",
      ",投诉举报,12369热线,2021-03-02 09:00,,,,古南街道,噪声,乙厂,,超期一秒,,,2021-03-24 00:00:00,已答复,不满意,是",
      ",投诉举报,网络,2021-03-02 09:00,,,,文龙街道,大气,丙厂,,延期后按期,,10,2021-03-30 10:00,已答复,基本满意,是",
      ",投诉举报,来访,2021-12-28 09:00,,,,文龙街道,水,丁厂,,跨年办结,,,2022-01-05 10:00,已答复,,是",
      ",投诉举报,来信,2021-11-02 09:00,,,,古南街道,固体废物,戊厂,,年末仍未办结且超期,,,,,,是",
      ",信访,来信,2021-04-01 09:00,2021-04-10 09:00,赵六,,古南街道,大气,己厂,,信访事项,,,2021-05-20 10:00,已书面答复,,是",
      ",调解,来访,2021-05-01 09:00,2021-05-06 09:00,,,古南街道,噪声,庚厂,,邻里噪声纠纷,,,2021-05-20 10:00,调解成功，双方签订协议,,是",
      ",调解,来访,2021-06-01 09:00,2021-06-03 09:00,,,古南街道,噪声,辛厂,,噪声纠纷,,,2021-06-25 10:00,调解不成，已告知可诉讼,,是",
    );
    expect(await importCsv(ledger, true, "2021.csv")).toMatchObject({ applied: true, created: 8 });
    const complaints = await caseStatistics("complaint", yearPeriod(2021), now);
    expect(complaints).toMatchObject({ received: 5, concluded: 3, onTime: 2, overdue: 1, openAtEnd: 2, overdueAtEnd: 1 });
    expect(complaints.satisfactionRate).toBe(66.7);
    const mediation = await caseStatistics("mediation", yearPeriod(2021), now);
    expect(mediation.mediation).toEqual({ applied: 2, accepted: 2, succeeded: 1, failed: 1, withdrawn: 0, successRate: 50 });
    const petitions = await caseStatistics("petition", yearPeriod(2021), now);
    expect(petitions).toMatchObject({ received: 1, accepted: 1, concluded: 1, onTime: 1 });

    const exported = await exportLedger(world.dispatcher, receivedInPeriod(yearPeriod(2021)), "csv", now);
    const ledgerFile = path.join(tmpDir, `roundtrip-${process.pid}.csv`);
    writeFileSync(ledgerFile, exported);
    const empty = copyOfTemplate(`roundtrip-${process.pid}`);
    const env = { ...process.env, DATABASE_URL: empty.url };
    const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { env, encoding: "utf8" });
    try {
      expect(run(["seed"]).status).toBe(0);
      const dry = run(["import", ledgerFile]);
      expect(dry.status).toBe(0);
      expect(dry.stdout).toContain("Dry run");
      const imported = run(["import", ledgerFile, "--apply"]);
      expect(imported.stdout).toContain("Imported.");
      // One subprocess for every figure of the other database (each CLI start compiles the app anew).
      const there = JSON.parse(run(["report", "figures", "--json"]).stdout) as Record<string, unknown>;
      for (const kind of CASE_KINDS) {
        for (const year of [2021, 2022]) {
          const here = await annualReport(year, kind);
          expect(there[`${year} ${kind}`]).toEqual(JSON.parse(JSON.stringify(here)));
        }
      }
      const reExport = path.join(tmpDir, `roundtrip-${process.pid}-again.csv`);
      expect(run(["export", "--year", "2021", "--out", reExport]).status).toBe(0);
      const [original, again] = await Promise.all([
        readLedgerFile(exported, "csv"),
        readLedgerFile(readFileSync(reExport), "csv"),
      ]);
      // 是否超期 and 超期天数 of open cases depend on the day of the export; the rest is identical.
      expect(again.map((row) => row.slice(0, 18).concat(row[20]))).toEqual(
        original.map((row) => row.slice(0, 18).concat(row[20])),
      );
      rmSync(reExport, { force: true });
    } finally {
      rmSync(ledgerFile, { force: true });
      empty.remove();
    }
    // Five CLI subprocesses, each starting TypeScript afresh: their time depends on what else the machine runs.
  }, 300_000);

  it("links a row's respondent by its credit code, refuses a code that fails its check or that the register lacks, and exports it", async () => {
    const code = creditCodeFrom("91500222", "LG000001");
    const unit = await prisma.regulatedUnit.create({
      data: {
        creditCode: code,
        name: "台账测试化工厂",
        address: "古南街道",
        townshipId: world.gunan.townshipId!,
        industry: "化工",
      },
    });
    const withCode = (...rows: string[]) =>
      Buffer.from(`\uFEFF${[`${HEADER},统一社会信用代码`, ...rows].join("\r\n")}\r\n`, "utf8");
    const broken = `${code.slice(0, 17)}${code[17] === "1" ? "2" : "1"}`;
    const unregistered = creditCodeFrom("91500222", "LG000002");
    const refused = await importCsv(
      withCode(
        `,投诉举报,12369热线,2018-03-02 09:00,,,,古南街道,大气,,,代码正确,,,,,,是,${code.toLowerCase()}`,
        `,投诉举报,12369热线,2018-03-03 09:00,,,,古南街道,大气,,,校验位错,,,,,,是,${broken}`,
        `,投诉举报,12369热线,2018-03-04 09:00,,,,古南街道,大气,,,名录中没有,,,,,,是,${unregistered}`,
      ),
      true,
    );
    expect(refused.applied).toBe(false);
    expect(refused.problems).toEqual([
      { row: 3, column: "统一社会信用代码", problem: "badCreditCode", value: broken },
      { row: 4, column: "统一社会信用代码", problem: "unregisteredUnit", value: unregistered },
    ]);
    expect(describeLedgerProblem(refused.problems[1])).toContain("企业名录中没有");
    const applied = await importCsv(
      withCode(`,投诉举报,12369热线,2018-03-02 09:00,,,,古南街道,大气,,,代码正确,,,,,,是,${code}`),
      true,
    );
    expect(applied.applied).toBe(true);
    const linked = await prisma.case.findFirstOrThrow({ where: { description: "代码正确" } });
    expect([linked.subject, linked.respondentId]).toEqual(["台账测试化工厂", unit.id]);
    const exported = await exportLedger(world.dispatcher, receivedInPeriod(yearPeriod(2018)), "csv", now);
    const [headers, row] = await readLedgerFile(exported, "csv");
    expect(row[headers.indexOf("统一社会信用代码")]).toBe(code);
  });

  it("writes cells that a spreadsheet would run as formulas as text, and reads them back as typed", async () => {
    const ledger = csv(
      `,投诉举报,12369热线,2019-06-03 09:00,,,,古南街道,噪声,=HYPERLINK("http://evil.example"),+86 某路,@SUM(A1:A9),,,,,,是`.replace(
        '=HYPERLINK("http://evil.example")',
        '"=HYPERLINK(""http://evil.example"")"',
      ),
    );
    expect(await importCsv(ledger, true, "formulas.csv")).toMatchObject({ applied: true, created: 1 });
    const exported = await exportLedger(world.dispatcher, receivedInPeriod(yearPeriod(2019)), "csv", now);
    const text = exported.toString("utf8");
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(text).toContain("'@SUM(A1:A9)");
    expect(text).toContain("'+86 某路");
    expect(text).not.toMatch(/(^|,)[=@+]/m);
    const [headers, ...rows] = await readLedgerFile(exported, "csv");
    const column = (header: string) => headers.indexOf(header);
    const row = rows.find((cells) => cells[column("投诉内容")] === "@SUM(A1:A9)");
    expect(row?.[column("被投诉对象")]).toBe('=HYPERLINK("http://evil.example")');
    expect(row?.[column("地址")]).toBe("+86 某路");
  });

  it("exports to township staff only their township's cases, with the complainant masked", async () => {
    const ledger = await exportLedger(world.gunan, {}, "xlsx", now);
    const rows = await readLedgerFile(ledger, "xlsx");
    const body = rows.slice(1);
    expect(body.length).toBeGreaterThan(0);
    expect(body.every((row) => row[7] === "古南街道")).toBe(true);
    const names = body.map((row) => String(row[5] ?? "")).filter((name) => name !== "");
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((name) => name.endsWith("*") || name.includes("*"))).toBe(true);
    expect(
      body
        .map((row) => String(row[6] ?? ""))
        .filter(Boolean)
        .every((phone) => phone.includes("****")),
    ).toBe(true);
  });
});
