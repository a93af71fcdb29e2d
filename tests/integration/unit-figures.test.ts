import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { creditCodeFrom } from "~/domain/credit-code";
import type { Actor } from "~/domain/roles";
import { rankingPeriod } from "~/domain/unit-figures";
import type { CaseChange } from "~/forms/case-actions";
import { registerCase } from "~/models/case/service.server";
import { unitRanking } from "~/models/statistics/unit-figures.server";
import { accountActor } from "../support/browser";
import { act, at, intakeFields, townshipId } from "../support/fixtures";
import { useHttpApp } from "../support/http";

/**
 * The figures units are ranked by on a data set counted by hand (docs/domain.md "Figures units are ranked
 * by"): March 2026, three townships, every rate with the counts behind it; the page's table equals its
 * workbook's.
 */
const { signIn, request } = useHttpApp();

let actors: Record<"operator" | "dispatcher" | "gunan" | "wenlong", Actor>;
const unitIds = { gunan: 0, wenlong: 0, sanjiang: 0 };
const MARCH = rankingPeriod("2026-03")!.period;
const JUDGED_AT = at("2026-03-10 12:00");

async function complaint(receivedAt: string, subject: string, respondentId: number | null = null) {
  const created = await registerCase(actors.operator, await intakeFields({ receivedAt: at(receivedAt), subject, respondentId }), {
    now: at(receivedAt),
    scheduleJobs: false,
  });
  return created.caseNo;
}

async function steps(caseNo: string, list: [Actor, CaseChange, string][]) {
  for (const [actor, change, when] of list) await act(actor, caseNo, change, when);
}

beforeAll(async () => {
  actors = {
    operator: await accountActor("operator"),
    dispatcher: await accountActor("dispatcher"),
    gunan: await accountActor("gunan"),
    wenlong: await accountActor("wenlong"),
  };
  unitIds.gunan = await townshipId("古南街道");
  unitIds.wenlong = await townshipId("文龙街道");
  unitIds.sanjiang = await townshipId("三江街道");
  const { dispatcher: desk, gunan, wenlong } = actors;
  const plant = await prisma.regulatedUnit.create({
    data: {
      creditCode: creditCodeFrom("91500222", "UF000001"),
      name: "考核测试石材厂",
      address: "古南街道",
      townshipId: unitIds.gunan,
      industry: "非金属矿物制品业",
    },
  });
  const assignTo = (unit: number, when: string): [Actor, CaseChange, string][] => [
    [desk, { action: "accept" }, when],
    [desk, { action: "assign", assigneeId: unit }, when],
  ];

  // c1 (古南): signed at once, one result, concluded on time, 满意; the same unit's noise again within 30 days.
  const c1 = await complaint("2026-03-02 09:00", "一号", plant.id);
  await steps(c1, [
    ...assignTo(unitIds.gunan, "2026-03-02 09:00"),
    [gunan, { action: "signFor" }, "2026-03-02 10:00"],
    [gunan, { action: "submit", text: "已整改" }, "2026-03-05 10:00"],
    [desk, { action: "conclude", text: "已答复" }, "2026-03-06 10:00"],
    [desk, { action: "close", satisfaction: "满意" }, "2026-03-06 11:00"],
  ]);
  await complaint("2026-03-08 09:00", "一号又来", plant.id);

  // c2 (古南): its first step two days on (signed late), a result sent back, concluded on time, 不满意.
  const c2 = await complaint("2026-03-02 09:00", "二号");
  await steps(c2, [
    ...assignTo(unitIds.gunan, "2026-03-02 09:00"),
    [gunan, { action: "note", text: "已到现场" }, "2026-03-04 09:00"],
    [gunan, { action: "submit", text: "已处理" }, "2026-03-05 09:00"],
    [desk, { action: "sendBack", reason: "缺少照片" }, "2026-03-06 09:00"],
    [gunan, { action: "submit", text: "补充照片" }, "2026-03-09 09:00"],
    [desk, { action: "conclude", text: "已答复" }, "2026-03-10 09:00"],
    [desk, { action: "close", satisfaction: "不满意" }, "2026-03-10 10:00"],
  ]);

  // c3: 古南 returns it the same day (answered in time); the desk gives it to 文龙, which signs, submits, and
  // the desk concludes without a follow-up call.
  const c3 = await complaint("2026-03-02 09:00", "三号");
  await steps(c3, [
    ...assignTo(unitIds.gunan, "2026-03-02 09:00"),
    [gunan, { action: "return", ground: "notOurArea", reason: "属文龙街道", suggestedUnitId: null }, "2026-03-02 15:00"],
    [
      desk,
      { action: "decideReturn", decision: "reassign", assigneeId: unitIds.wenlong, assistingIds: [], reason: "改派" },
      "2026-03-02 16:00",
    ],
    [wenlong, { action: "signFor" }, "2026-03-03 09:00"],
    [wenlong, { action: "submit", text: "已处理" }, "2026-03-04 09:00"],
    [desk, { action: "conclude", text: "已答复" }, "2026-03-05 09:00"],
  ]);

  // c4 (文龙): assigned in February (not March's assignment), concluded late in March, 基本满意.
  const c4 = await complaint("2026-02-02 09:00", "四号");
  await steps(c4, [
    ...assignTo(unitIds.wenlong, "2026-02-02 09:00"),
    [wenlong, { action: "submit", text: "已处理" }, "2026-03-02 09:00"],
    [desk, { action: "conclude", text: "已答复" }, "2026-03-03 09:00"],
    [desk, { action: "close", satisfaction: "基本满意" }, "2026-03-03 10:00"],
  ]);

  // c5 (三江): assigned 9 March, not signed; at noon on the 10th its deadline (the end of the 10th) is still ahead.
  const c5 = await complaint("2026-03-09 09:00", "五号");
  await steps(c5, assignTo(unitIds.sanjiang, "2026-03-09 09:00"));
});

const figuresOf = async (unit: keyof typeof unitIds, now = JUDGED_AT) =>
  (await unitRanking(MARCH, now)).units.find((row) => row.unitId === unitIds[unit])!;
const counts = (rate: { part: number; whole: number; rate: number | null }) => [rate.part, rate.whole, rate.rate];

describe("the figures units are ranked by", { timeout: 120_000 }, () => {
  it("古南街道: three assignments, two concluded", async () => {
    const g = await figuresOf("gunan");
    expect([g.assignments, g.concluded]).toEqual([3, 2]);
    expect(counts(g.rates.signedInTime)).toEqual([2, 3, 66.7]); // c1 signed, c3 returned in time; c2 late
    expect(counts(g.rates.returned)).toEqual([1, 3, 33.3]);
    expect(counts(g.rates.sentBack)).toEqual([1, 3, 33.3]); // c2's first of its two results; c1 one
    expect(counts(g.rates.concludedOnTime)).toEqual([2, 2, 100]);
    expect(counts(g.rates.firstTime)).toEqual([1, 2, 50]); // c2 was sent back
    expect(counts(g.rates.followedUp)).toEqual([2, 2, 100]);
    expect(counts(g.rates.satisfied)).toEqual([1, 2, 50]);
    expect(counts(g.rates.repeated)).toEqual([1, 2, 50]); // c1's unit complained of again on the 8th
  });

  it("文龙街道: one assignment in March (c3), two conclusions (c3 and February's c4)", async () => {
    const w = await figuresOf("wenlong");
    expect([w.assignments, w.concluded]).toEqual([1, 2]);
    expect(counts(w.rates.signedInTime)).toEqual([1, 1, 100]);
    expect(counts(w.rates.returned)).toEqual([0, 1, 0]);
    expect(counts(w.rates.sentBack)).toEqual([0, 1, 0]);
    expect(counts(w.rates.concludedOnTime)).toEqual([1, 2, 50]); // c4 late
    expect(counts(w.rates.firstTime)).toEqual([1, 2, 50]); // c3 had been returned
    expect(counts(w.rates.followedUp)).toEqual([1, 2, 50]);
    expect(counts(w.rates.satisfied)).toEqual([1, 1, 100]);
    expect(counts(w.rates.repeated)).toEqual([0, 2, 0]);
  });

  it("三江街道: an assignment not yet due to be signed is not judged; once its deadline passed, it is late", async () => {
    const s = await figuresOf("sanjiang");
    expect([s.assignments, s.concluded]).toEqual([1, 0]);
    expect(counts(s.rates.signedInTime)).toEqual([0, 0, null]);
    expect(counts(s.rates.concludedOnTime)).toEqual([0, 0, null]);
    expect(counts((await figuresOf("sanjiang", at("2026-03-11 00:00"))).rates.signedInTime)).toEqual([0, 1, 0]);
  });

  it("the ranking page shows the same cells as its workbook, and refuses a period it cannot read with 400", async () => {
    const cookie = await signIn("leader");
    const page = await request("/reports/units?period=2026-03&by=concludedOnTime", { cookie });
    expect(page.status).toBe(200);
    const html = await page.text();
    const pageRows = [...html.matchAll(/<tr data-unit="([^"]+)">(.*?)<\/tr>/g)].map((match) =>
      [...match[2].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((cell) => cell[1].replace(/<!-- -->/g, "")),
    );
    const file = await request("/reports/units/xlsx?period=2026-03&by=concludedOnTime", { cookie });
    expect(file.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await file.arrayBuffer()) as never);
    const sheet = book.worksheets[0];
    const bookRows: string[][] = [];
    sheet.eachRow((row, index) => {
      if (index > 4 && Array.isArray(row.values) && row.values.length > 3) bookRows.push(row.values.slice(1).map(String));
    });
    expect(pageRows.length).toBeGreaterThanOrEqual(3);
    expect(bookRows.slice(0, pageRows.length)).toEqual(pageRows);
    // Ranked by on-time conclusions: 古南 (100 %) before 文龙 (50 %); 三江 concluded nothing.
    expect(pageRows.map((row) => row[1]).slice(0, 2)).toEqual(["古南街道", "文龙街道"]);
    expect(pageRows.find((row) => row[1] === "古南街道")![4]).toBe("66.7%（2/3）");

    // By returns, lower first: 文龙 and 三江 (none of one each) share the first place, 古南 is third.
    const byReturns = await (await request("/reports/units?period=2026-03&by=returned", { cookie })).text();
    const places = Object.fromEntries(
      [...byReturns.matchAll(/<tr data-unit="([^"]+)"><td[^>]*>([^<]*)<\/td>/g)].map((match) => [match[1], match[2]]),
    );
    expect([places["文龙街道"], places["三江街道"], places["古南街道"]]).toEqual(["1", "1", "3"]);

    for (const bad of ["2026-13", "1800", "2026-Q5", "%00", "x".repeat(300)]) {
      const refused = await request(`/reports/units?period=${encodeURIComponent(bad)}`, { cookie });
      expect(refused.status, bad).toBe(400);
    }
    expect((await request("/reports/units?period=2026&by=nothing", { cookie })).status).toBe(400);
    expect((await request("/reports/units", { cookie: await signIn("gunan") })).status).toBe(403);
  });
});
