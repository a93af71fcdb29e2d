import { describe, expect, it } from "vitest";
import { t } from "~/i18n";
import { registerCase } from "~/models/case/service.server";
import { PHONE, accessibilityViolations, launchBrowser, useBrowserApp } from "../support/browser";
import { prisma } from "~/db.server";
import { yearPeriod } from "~/domain/statistics";
import { caseStatistics } from "~/models/statistics/figures.server";
import { actInTurn, assignedCase, intakeFields, makeActor } from "../support/fixtures";

const session = useBrowserApp();

// The rating comes first: the last test uses up this address's allowance of wrong tries.
describe("a complainant follows their case on a phone", { timeout: 180_000 }, () => {
  it("rates the answer from the lookup page; the rating is on the case and in the figures", async () => {
    const world = { operator: await makeActor("operator"), dispatcher: await makeActor("dispatcher") };
    const gunan = await makeActor("township", "古南街道");
    const created = await assignedCase(world, "2025-06-02 09:00", { complainantPhone: "13712345678" });
    await actInTurn(created.caseNo, [
      [gunan, { action: "submit", text: "已核查" }, "2025-06-04 09:00"],
      [world.dispatcher, { action: "conclude", text: "已责令该厂加装隔声设施。" }, "2025-06-04 10:00"],
    ]);
    const satisfiedBefore = (await caseStatistics("complaint", yearPeriod(2025))).satisfied;
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ baseURL: session.baseUrl, locale: "zh-CN", ...PHONE });
      const page = await context.newPage();
      await page.goto("/query");
      // Whose page this is, and whom to call.
      expect(await page.getByText(t("query.bureau", { bureau: "綦江区生态环境局", hotline: "023-12369" })).count()).toBe(1);
      // Typed as from an SMS: lower case, without dashes.
      await page.getByLabel(t("query.caseNo"), { exact: true }).fill(created.caseNo.toLowerCase().replace(/-/g, ""));
      await page.getByLabel(t("query.proof"), { exact: true }).fill("13712345678");
      await page.getByRole("button", { name: t("query.submit") }).tap();
      await page.getByText("已责令该厂加装隔声设施。").waitFor();
      const rating = page.getByRole("form", { name: t("query.rate.title") });
      await rating.getByRole("radio", { name: "基本满意" }).check();
      await rating.getByLabel(t("query.rate.comment")).fill("处理及时");
      expect(await accessibilityViolations(page)).toEqual([]);
      await rating.getByRole("button", { name: t("query.rate.submit") }).tap();
      await page
        .getByRole("status")
        .filter({ hasText: t("query.rate.thanks") })
        .waitFor();
      expect(await page.getByText(t("query.rate.given", { level: "基本满意" })).count()).toBe(1);
      expect(await page.getByRole("form", { name: t("query.rate.title") }).count()).toBe(0);
    } finally {
      await browser.close();
    }
    expect(await prisma.case.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      satisfaction: "基本满意",
      satisfactionComment: "处理及时",
    });
    expect((await caseStatistics("complaint", yearPeriod(2025))).satisfied).toBe(satisfiedBefore + 1);
  });

  it("a 不满意 is answered with what follows it and whom to call, and the desk is told", async () => {
    const world = { operator: await makeActor("operator"), dispatcher: await makeActor("dispatcher") };
    const gunan = await makeActor("township", "古南街道");
    const created = await assignedCase(world, "2025-07-01 09:00", { complainantPhone: "13712340000" });
    await actInTurn(created.caseNo, [
      [gunan, { action: "submit", text: "已核查" }, "2025-07-02 09:00"],
      [world.dispatcher, { action: "conclude", text: "已责令停止夜间作业。" }, "2025-07-02 10:00"],
    ]);
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ baseURL: session.baseUrl, locale: "zh-CN", ...PHONE });
      const page = await context.newPage();
      await page.goto("/query");
      await page.getByLabel(t("query.caseNo"), { exact: true }).fill(created.caseNo);
      await page.getByLabel(t("query.proof"), { exact: true }).fill("13712340000");
      await page.getByRole("button", { name: t("query.submit") }).tap();
      const rating = page.getByRole("form", { name: t("query.rate.title") });
      await rating.getByRole("radio", { name: "不满意" }).check();
      await rating.getByRole("button", { name: t("query.rate.submit") }).tap();
      const answer = page.getByRole("status").filter({ hasText: t("query.rate.thanks") });
      await answer.waitFor();
      expect(await answer.textContent()).toContain(t("query.rate.whatNext", { hotline: "023-12369" }));
      expect(await accessibilityViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
    const notices = await prisma.notification.findMany({ where: { message: { contains: created.caseNo } } });
    expect(notices.map((notice) => notice.message)).toContain(t("notify.dissatisfied", { caseNo: created.caseNo }));
  });

  it("looks it up by number and phone, then by the receipt's code; a wrong phone and an unknown number read the same; the eleventh wrong try is refused", async () => {
    const operator = await makeActor("operator");
    const created = await registerCase(operator, await intakeFields({ complainantPhone: "13912345678" }), {
      scheduleJobs: false,
    });
    const browser = await launchBrowser();
    try {
      const page = await (await browser.newContext({ baseURL: session.baseUrl, locale: "zh-CN", ...PHONE })).newPage();
      const lookUp = async (caseNo: string, proof: string) => {
        await page.goto("/query");
        await page.getByLabel(t("query.caseNo"), { exact: true }).fill(caseNo);
        await page.getByLabel(t("query.proof"), { exact: true }).fill(proof);
        // Each try's answer is awaited: the next try's navigation would otherwise cancel a try the server
        // may not have counted yet, and the eleventh would not be the eleventh.
        const answered = page.waitForResponse(
          (response) => response.request().method() === "POST" && response.url().includes("/query"),
        );
        await page.getByRole("button", { name: t("query.submit") }).tap();
        await answered;
      };
      await lookUp(created.caseNo, "139 1234 5678");
      const progress = page.getByRole("region", { name: new RegExp(created.caseNo) });
      await progress.getByText(t("query.stage.received"), { exact: true }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
      expect(await accessibilityViolations(page)).toEqual([]);

      await lookUp(created.caseNo, created.lookupCode!.toLowerCase());
      await progress.getByText(t("query.stage.received"), { exact: true }).waitFor();

      await lookUp(created.caseNo, "13800000000");
      const wrong = await page.getByRole("alert").textContent();
      await lookUp("TS-2019-99999", "13800000000");
      const unknown = await page.getByRole("alert").textContent();
      expect(unknown).toBe(wrong);
      expect(unknown).toBe(t("query.noMatch"));
      expect(await accessibilityViolations(page)).toEqual([]);

      for (let n = 3; n <= 10; n += 1) await lookUp(created.caseNo, `1380000000${n % 10}`);
      await lookUp(created.caseNo, "13912345678");
      expect(await page.getByRole("alert").textContent()).toContain("查询次数过多");
    } finally {
      await browser.close();
    }
  });
});
