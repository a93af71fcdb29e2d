import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useBrowserApp } from "../support/browser";

const session = useBrowserApp();

async function logComplaint(subject: string) {
  const page = await session.signIn("operator");
  const pageLog: string[] = [];
  page.on("console", (message) => pageLog.push(message.text().slice(0, 300)));
  page.on("response", (response) => {
    if (!response.url().includes("/build/")) pageLog.push(`${response.status()} ${response.url()}`);
  });
  expect(new URL(page.url()).pathname).toBe("/intake");
  await page.selectOption("select[name=channel]", { label: "12369热线" });
  await page.fill("input[name=complainantPhone]", "13900001234");
  await page.fill("input[name=complainantName]", "李明");
  await page.selectOption("select[name=townshipId]", { label: "古南街道" });
  await page.selectOption("select[name=category]", { label: "噪声" });
  await page.fill("input[name=subject]", subject);
  await page.fill("input[name=address]", "古南街道沱湾路8号");
  await page.fill("textarea[name=description]", "夜间施工噪声扰民，持续到凌晨两点。");
  await page.click("button[name=intent][value=register]");
  const flash = page.locator(".flash-success");
  await flash.waitFor().catch(async (error) => {
    throw new Error(
      `no case number shown; the page says: ${await page.locator("main").textContent()}; log: ${pageLog.join(" | ")}`,
      {
        cause: error,
      },
    );
  });
  const caseNo = (await flash.textContent())!.match(/TS-\d{4}-\d{5}/)![0];
  await page.context().close();
  return caseNo;
}

async function act(page: Page, action: string, fields: Record<string, string> = {}) {
  const form = page.locator(`form[data-action=${action}]`);
  for (const [name, value] of Object.entries(fields)) {
    const field = form.locator(`[name=${name}]`);
    if ((await field.evaluate((el) => el.tagName)) === "SELECT") await field.selectOption({ label: value });
    else await field.fill(value);
  }
  await form.locator("button[type=submit]").click();
  await page.locator(`[data-done=${action}]`).waitFor();
}

// Generous: browser tests share two cores with the rest of the suite.
describe("a complaint's whole life in the browser", { timeout: 120_000 }, () => {
  it("operator → dispatcher → township → dispatcher", async () => {
    const caseNo = await logComplaint("夜间施工工地");

    const dispatcher = await session.signIn("dispatcher");
    expect(new URL(dispatcher.url()).pathname).toBe("/"); // the dashboard
    await dispatcher.goto("/dispatch");
    await dispatcher.locator(`[data-queue="dispatch.toAccept"] [data-case-no="${caseNo}"]`).waitFor();
    await dispatcher.goto(`/cases/${caseNo}`);
    await act(dispatcher, "accept");
    await act(dispatcher, "assign", { assigneeId: "古南街道" });
    expect(await dispatcher.locator("h1 .state").textContent()).toContain("办理中");

    const township = await session.signIn("township");
    expect(new URL(township.url()).pathname).toBe("/");
    await township.goto("/inbox");
    await township.click(`[data-case-no="${caseNo}"] a`);
    await township.waitForURL(`**/cases/${caseNo}`);
    // Township staff see the complainant masked.
    expect(await township.locator("dl.fields").textContent()).toContain("李*");
    expect(await township.locator("dl.fields").textContent()).not.toContain("13900001234");
    await act(township, "note", { text: "已到现场核查，工地夜间施工属实。" });
    await act(township, "submit", { text: "已责令工地夜间停工，并办理夜间施工许可。" });
    expect(await township.locator("h1 .state").textContent()).toContain("待审核");

    await dispatcher.goto("/dispatch");
    await dispatcher.locator(`[data-queue="dispatch.toReview"] [data-case-no="${caseNo}"]`).waitFor();
    await dispatcher.goto(`/cases/${caseNo}`);
    await act(dispatcher, "conclude", { text: "经核查，已责令工地停止夜间施工。感谢您的监督。" });
    await act(dispatcher, "close", { satisfaction: "满意" });
    expect(await dispatcher.locator("h1 .state").textContent()).toContain("已归档");
    const timeline = await dispatcher.locator(".timeline").textContent();
    for (const label of ["登记", "受理", "交办", "记录调查情况", "提交办理结果", "审核通过并办结", "归档"])
      expect(timeline).toContain(label);
  });

  it("a township user who opens another township's case gets not found", async () => {
    const caseNo = await logComplaint("石材加工厂");
    const dispatcher = await session.signIn("dispatcher");
    await dispatcher.goto(`/cases/${caseNo}`);
    await act(dispatcher, "accept");
    await act(dispatcher, "assign", { assigneeId: "古南街道" });
    const otherTownship = await session.signIn("township2");
    const response = await otherTownship.goto(`/cases/${caseNo}`);
    expect(response!.status()).toBe(404);
    expect(await otherTownship.locator("main").textContent()).toContain("页面不存在或您无权查看");
    expect(await otherTownship.locator("main").textContent()).not.toContain("石材加工厂");
  });

  it("a wrong password shows a message", async () => {
    const page = await session.anonymousPage();
    await page.goto("/login");
    await page.fill("#username", "operator");
    await page.fill("#password", "not-the-password");
    await page.click("button[type=submit]");
    await expect(page.locator(".flash-error").textContent()).resolves.toContain("用户名或密码错误");
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.context().close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`the intake form shows field errors and keeps the typed text (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const page = await session.signIn("operator", { javaScriptEnabled });
      await page.goto("/intake");
      await page.fill("input[name=subject]", "鑫达汽修厂");
      await page.fill("input[name=complainantPhone]", "12ab");
      await page.fill("input[name=address]", "通惠路99号");
      await page.click("button[name=intent][value=register]");
      // Each message beside its field (waiting, as the page may still be streaming in).
      const form = page.locator("main form").first();
      for (const message of ["请填写投诉人姓名，或勾选匿名投诉。", "电话号码应为 7–20 位数字", "必填。"]) {
        await form.locator(".field-error", { hasText: message }).first().waitFor();
      }
      await page.waitForLoadState("load");
      expect(await page.inputValue("input[name=subject]")).toBe("鑫达汽修厂");
      expect(await page.inputValue("input[name=address]")).toBe("通惠路99号");
      expect(await page.inputValue("input[name=complainantPhone]")).toBe("12ab");
      expect(await page.locator("textarea[name=description]").getAttribute("aria-invalid")).toBe("true");
      await page.context().close();
    });
  }
});
