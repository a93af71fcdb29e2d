import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { creditCodeFrom } from "~/domain/credit-code";
import { yearPeriod } from "~/domain/statistics";
import { registerCase } from "~/models/case/service.server";
import { changeCard, issueCard } from "~/models/enterprises/cards.server";
import { enterpriseFigures } from "~/models/statistics/enterprise-figures.server";
import { reportWorkbook } from "~/models/statistics/report-page.server";
import { at, intakeFields, setUpWorld } from "../support/fixtures";

/**
 * The register's figures of a year on a data set counted by hand (docs/domain.md "Units, repeat reports
 * and cards"): what falls in the year, what the repeat-report rule raises across the year's start, which
 * cards count as issued and lifted.
 */
let world: Awaited<ReturnType<typeof setUpWorld>>;
const ids: Record<"a" | "b" | "c", number> = { a: 0, b: 0, c: 0 };

beforeAll(async () => {
  world = await setUpWorld();
  const townshipId = (await prisma.township.findFirstOrThrow({ where: { name: "古南街道" } })).id;
  for (const [key, name, industry, serial] of [
    ["a", "甲化工有限公司", "化学原料制造", "FG000001"],
    ["b", "乙化工有限公司", "化学原料制造", "FG000002"],
    ["c", "丙餐馆", "餐饮业", "FG000003"],
  ] as const) {
    ids[key] = (
      await prisma.regulatedUnit.create({
        data: { creditCode: creditCodeFrom("91500222", serial), name, address: "古南街道", townshipId, industry },
      })
    ).id;
  }
  const report = async (unit: "a" | "b" | "c" | null, when: string, kind: "complaint" | "petition" = "complaint") => {
    const receivedAt = at(when);
    await registerCase(world.operator, await intakeFields({ kind, receivedAt, respondentId: unit ? ids[unit] : null }), {
      now: receivedAt,
      scheduleJobs: false,
    });
  };
  // 甲: the third within 30 days (10 Jan, counting 20 Dec of the year before) raises a warning that 20 Jan
  // joins (4 complaints); three in June raise a second (3). Six of its complaints fall in 2025.
  for (const when of ["2024-12-20 09:00", "2025-01-05 09:00", "2025-01-10 09:00", "2025-01-20 09:00"]) await report("a", when);
  for (const when of ["2025-06-01 09:00", "2025-06-10 09:00", "2025-06-20 09:00"]) await report("a", when);
  await report("a", "2025-02-02 09:00", "petition");
  await report("b", "2025-03-01 09:00");
  await report("b", "2025-07-01 09:00");
  await report("c", "2025-05-05 09:00");
  await report(null, "2025-08-08 09:00");
  await report(null, "2025-09-09 09:00");

  const yellow = {
    colour: "yellow" as const,
    reason: "超标排放",
    legalBasis: "大气法",
    evidence: "监测报告",
    rectifyWorkingDays: 10,
  };
  const old = await issueCard(world.dispatcher, ids.a, yellow, at("2024-11-01 10:00"));
  await changeCard(world.dispatcher, ids.a, old!.id, "lift", "整改到位", at("2025-01-15 10:00"));
  const a = await issueCard(world.dispatcher, ids.a, yellow, at("2025-02-01 10:00"));
  await issueCard(world.dispatcher, ids.b, yellow, at("2025-03-10 10:00"));
  await changeCard(world.gunan, ids.a, a!.id, "recordNotRectified", "仍超标", at("2025-03-20 10:00"));
  await issueCard(
    world.dispatcher,
    ids.a,
    { ...yellow, colour: "red", penaltyDecisionNo: "罚〔2025〕3号", followsId: a!.id },
    at("2025-04-01 10:00"),
  );
  await issueCard(world.dispatcher, ids.c, yellow, at("2026-01-05 10:00"));
}, 120_000);

describe("the register's annual figures", () => {
  it("counts complaints by unit and industry, the repeat-report warnings raised, and the cards issued and lifted in the year", async () => {
    const figures = await enterpriseFigures(yearPeriod(2025));
    expect(figures.aboutUnits).toBe(9);
    expect(figures.aboutUnregistered).toBe(2);
    expect(figures.byUnit.map((row) => [row.name, row.complaints])).toEqual([
      ["甲化工有限公司", 6],
      ["乙化工有限公司", 2],
      ["丙餐馆", 1],
    ]);
    expect(figures.byIndustry).toEqual([
      { industry: "化学原料制造", complaints: 8 },
      { industry: "餐饮业", complaints: 1 },
    ]);
    expect(figures.mostRepeated).toEqual([{ unitId: ids.a, name: "甲化工有限公司", warnings: 2, complaints: 7 }]);
    expect(figures.cards).toEqual({ yellowIssued: 2, yellowUnits: 2, redIssued: 1, redUnits: 1, lifted: 1 });
    expect(figures.sentence).toBe("全年“黄牌”警示2家，“红牌”处罚1家。");
    // The year before: 甲's December complaint, its first card; nothing raised, nothing lifted.
    const before = await enterpriseFigures(yearPeriod(2024));
    expect([before.aboutUnits, before.mostRepeated, before.cards]).toEqual([
      1,
      [],
      { yellowIssued: 1, yellowUnits: 1, redIssued: 0, redUnits: 0, lifted: 0 },
    ]);
  });

  it("the report's workbook carries the same figures", async () => {
    const { workbook } = await reportWorkbook("2025-01-01", "2025-12-31", at("2026-02-01 09:00"));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(workbook as never);
    const sheet = book.getWorksheet("被投诉单位与红黄牌")!;
    const rows = sheet.getSheetValues().map((row) => (Array.isArray(row) ? row.slice(1) : []));
    expect(rows).toContainEqual(["全年“黄牌”警示2家，“红牌”处罚1家。"]);
    expect(rows).toContainEqual(["黄牌警示单位", 2]);
    expect(rows).toContainEqual(["摘牌", 1]);
    expect(rows).toContainEqual(["甲化工有限公司", creditCodeFrom("91500222", "FG000001"), "化学原料制造", 6]);
    expect(rows).toContainEqual(["甲化工有限公司", 2, 7]);
  });
});
