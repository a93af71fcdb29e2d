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
