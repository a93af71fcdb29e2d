import path from "node:path";
import { writeFileSync, rmSync } from "node:fs";
import { t } from "~/i18n";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { importLedger } from "~/models/ledger/import.server";
import { useBrowserApp } from "../support/browser";

const session = useBrowserApp();
const HEADER = "编号,类型,来源渠道,受理时间,所属街镇,问题类型,投诉内容,办结时间";

describe("reports and the ledger in the browser", { timeout: 120_000 }, () => {
  it("a leader reads the annual report: the sentence, the figures and the charts", async () => {
    const ledger = [
      HEADER,
      ",投诉举报,12369热线,2020-03-02 09:00,古南街道,噪声,夜间噪声,2020-03-10 10:00",
      ",投诉举报,网络,2020-06-02 09:00,文龙街道,大气,异味,2020-06-05 10:00",
    ].join("\n");
    const summary = await importLedger({ content: Buffer.from(ledger), fileName: "2020.csv" }, { apply: true, actorId: null });
    expect(summary.applied).toBe(true);

    const leader = await session.signIn("leader");
    await leader.goto("/reports/annual/2020");
    const complaints = leader.getByRole("region", { name: new RegExp(t("kind.complaint")) });
    await complaints.getByText("全年共受理各类环保投诉2件，办结2件，均无超期情况。", { exact: true }).waitFor();
    const onTimeRate = complaints.getByLabel(t("report.figure.onTimeRate"), { exact: true });
    expect(await onTimeRate.textContent()).toBe("100.0%");
    expect(await complaints.getByRole("figure").count()).toBe(4);
    await leader.getByRole("heading", { name: t("report.definitionsTitle"), exact: true }).waitFor();
    const api = await leader.context().request.get("/api/statistics?year=2020&kind=complaint");
    expect(api.status()).toBe(200);
    expect(await api.json()).toMatchObject({ kind: "complaint", received: 2, concluded: 2, onTimeRate: 100 });
    const xlsxLink = leader.getByRole("link", { name: t("report.exportXlsx") });
    const download = await Promise.all([leader.waitForEvent("download"), xlsxLink.click()]);
    expect(download[0].suggestedFilename()).toBe("2020年度投诉信访办理情况统计.xlsx");
  });

  it("prints the report as the bureau's document: issuing unit and date, numbered A4 pages, none half empty, no chart label cut off", async () => {
    const categories = ["大气", "水", "噪声", "固体废物", "餐饮油烟", "挥发性有机物", "辐射", "土壤", "生态破坏", "其他"];
    const channels = ["12369热线", "12345转办", "来信", "来访", "网络", "上级交办"];
    const townships = ["古南街道", "文龙街道", "三江街道", "篆塘镇", "永城镇", "石壕镇", "东溪镇"];
    const rows = categories.flatMap((category, i) =>
      [0, 1, 2].map(
        (j) =>
          `,投诉举报,${channels[(i + j) % channels.length]},2019-0${1 + ((i + j) % 9)}-0${1 + j} 09:00,${townships[(i * 3 + j) % townships.length]},${category},打印用的案件${i}-${j},2019-0${1 + ((i + j) % 9)}-2${j} 10:00`,
      ),
    );
    const summary = await importLedger(
      { content: Buffer.from([HEADER, ...rows].join("\n")), fileName: "2019.csv" },
      { apply: true, actorId: null },
    );
    expect(summary.applied).toBe(true);

    const leader = await session.signIn("leader");
    await leader.goto("/reports/annual/2019");
    const report = leader.getByRole("article");
    expect(await report.locator(".report-masthead").textContent()).toBe("綦江区生态环境局");
    expect(await report.locator(".report-issuer").textContent()).toMatch(/^綦江区生态环境局\d{4}年\d{1,2}月\d{1,2}日$/);

    // Every label of every chart lies inside its chart, whole (not shortened to "噪声 3...").
    const cut = await leader.evaluate(() =>
      [...document.querySelectorAll("figure.chart svg")].flatMap((svg) => {
        const bounds = svg.getBoundingClientRect();
        return [...svg.querySelectorAll("text")]
          .map((text) => ({ text: text.textContent ?? "", box: text.getBoundingClientRect() }))
          .filter(
            ({ text, box }) =>
              text.endsWith("...") ||
              text.includes("…") ||
              box.left < bounds.left - 1 ||
              box.right > bounds.right + 1 ||
              box.top < bounds.top - 1 ||
              box.bottom > bounds.bottom + 1,
          )
          .map(({ text }) => text);
      }),
    );
    expect(cut).toEqual([]);

    await leader.emulateMedia({ media: "print" });
    // Numbered pages: the report's named page carries its number at the foot.
    const pageRule = await leader.evaluate(() =>
      [...document.styleSheets]
        .flatMap((sheet) => [...sheet.cssRules])
        .filter((rule): rule is CSSPageRule => rule instanceof CSSPageRule && rule.selectorText === "report")
        .map((rule) => rule.cssText)
        .join(""),
    );
    expect(pageRule).toContain("bottom-center");
    expect(pageRule).toContain("counter(page)");
    // No half-empty pages: the printed pages are no more than the content needs, plus one for what
    // cannot be split (a chart, a table row).
    await leader.setViewportSize({ width: 680, height: 980 });
    const contentHeight = await leader.evaluate(() => document.querySelector("article.report")!.getBoundingClientRect().height);
    const pdf = await leader.pdf({ preferCSSPageSize: true, printBackground: true });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? []).length;
    const pageHeight = ((297 - 18 - 16) / 25.4) * 96;
    expect(pages).toBeGreaterThan(0);
    expect(pages).toBeLessThanOrEqual(Math.ceil(contentHeight / pageHeight) + 1);
    await leader.context().close();
  });

  it("an administrator's import with an error shows the row and column, and imports nothing", async () => {
    const file = path.resolve(__dirname, `../.tmp/bad-ledger-${process.pid}.csv`);
    writeFileSync(
      file,
      [
        HEADER,
        ",投诉举报,12369热线,2021-03-02 09:00,古南街道,噪声,内容,",
        ",投诉举报,12369热线,2021-02-30 09:00,古南街道,噪声,内容,",
      ].join("\n"),
    );
    const before = await prisma.case.count();
    try {
      const admin = await session.signIn("admin");
      await admin.goto("/admin/import");
      await admin.getByLabel(t("import.file"), { exact: true }).setInputFiles(file);
      await admin.getByRole("button", { name: t("import.check") }).click();
      const problems = admin.getByRole("list", { name: t("import.problems", { count: 1 }) });
      await problems.waitFor();
      expect(await problems.getByRole("listitem").allTextContents()).toEqual([
        "第 3 行，受理时间 列：无法识别的日期或时间（应为 YYYY-MM-DD HH:mm 等格式）（2021-02-30 09:00）",
      ]);
      expect(await admin.getByRole("button", { name: "确认导入" }).count()).toBe(0);
      expect(await prisma.case.count()).toBe(before);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
