import { describe, expect, it } from "vitest";
import { t } from "~/i18n";
import { registerCase } from "~/models/cases.server";
import { PHONE, accessibilityViolations, launchBrowser, useBrowserApp } from "../support/browser";
import { intakeFields, makeActor } from "../support/fixtures";

const session = useBrowserApp();

describe("a complainant follows their case on a phone", { timeout: 180_000 }, () => {
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
        await page.getByRole("button", { name: t("query.submit") }).tap();
      };
      await lookUp(created.caseNo, "139 1234 5678");
      const progress = page.getByRole("region", { name: new RegExp(created.caseNo) });
      await progress.getByText(t("query.stage.received"), { exact: true }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
      expect(await accessibilityViolations(page)).toEqual([]);

      await lookUp(created.caseNo, created.lookupCode.toLowerCase());
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
