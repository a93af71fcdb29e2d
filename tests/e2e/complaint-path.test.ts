import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { t, tKey } from "~/i18n";
import { accessibilityViolations, accountActor, screenshot, submitSignIn, takeAction, useBrowserApp } from "../support/browser";
import { act, assignedCase, makeActor } from "../support/fixtures";
import { creditCodeFrom } from "~/domain/credit-code";

const session = useBrowserApp();

const caseNoIn = (text: string | null) => text!.match(/TS-\d{4}-\d{5}/)![0];

async function logComplaint(subject: string) {
  const page = await session.signIn("operator");
  expect(new URL(page.url()).pathname).toBe("/intake");
  await page.locator("summary", { hasText: t("intake.source") }).click();
  await page.getByLabel(t("field.channel"), { exact: true }).selectOption({ label: "12369热线" });
  await page.getByLabel(t("field.complainantPhone"), { exact: true }).fill("13900001234");
  await page.getByLabel(t("field.complainantName"), { exact: true }).fill("李明");
  await page.getByLabel(t("field.township"), { exact: true }).fill("古南街道");
  await page.getByLabel(t("field.category"), { exact: true }).fill("噪声");
  await page.getByLabel(t("field.subject"), { exact: true }).fill(subject);
  await page.getByLabel(t("field.address"), { exact: true }).fill("古南街道沱湾路8号");
  await page.getByLabel(t("field.description"), { exact: true }).fill("夜间施工噪声扰民，持续到凌晨两点。");
  await page.getByRole("button", { name: t("intake.submit") }).click();
  const registered = page.getByRole("status").filter({ hasText: /TS-\d{4}-\d{5}/ });
  const caseNo = caseNoIn(await registered.textContent());
  // The receipt to read out: the case number, the lookup code, and by when the answer is due — once only.
  const receipt = page.getByRole("region", { name: t("receipt.title") });
  expect(await receipt.textContent()).toMatch(
    new RegExp(`${caseNo}.*[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}.*我们将于 \\d{4}-\\d{2}-\\d{2} 前答复`),
  );
  // The bureau and its hotline, the time received and where to look progress up: from the settings.
  const text = await receipt.textContent();
  for (const expected of ["綦江区生态环境局", "023-12369", `${session.baseUrl}/query`]) expect(text).toContain(expected);
  expect(text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  // The next call starts on an empty form, and nothing offers the case just registered as its own duplicate.
  expect(await page.getByLabel(t("field.subject"), { exact: true }).inputValue()).toBe("");
  expect(await page.getByLabel(t("field.description"), { exact: true }).inputValue()).toBe("");
  expect(await page.getByRole("group", { name: t("intake.duplicates") }).count()).toBe(0);
  await page.reload();
  expect(await receipt.count()).toBe(0);
  await page.context().close();
  return caseNo;
}

const stateOf = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();

// Generous: browser tests share two cores with the rest of the suite.
describe("a complaint's whole life in the browser", { timeout: 120_000 }, () => {
  it("operator → dispatcher → township → dispatcher", async () => {
    const caseNo = await logComplaint("夜间施工工地");

    // The desk lands on its queues and takes the day's steps from the lists.
    const dispatcher = await session.signIn("dispatcher");
    expect(new URL(dispatcher.url()).pathname).toBe("/dispatch");
    const queues = dispatcher.getByRole("navigation", { name: t("desk.queues") });
    await queues.getByRole("link", { name: new RegExp(t("dispatch.toAccept")) }).click();
    await dispatcher.getByRole("button", { name: `${t("action.accept")} ${caseNo}` }).click();
    await dispatcher
      .getByRole("status")
      .filter({ hasText: t("desk.done", { action: t("action.accept"), count: "1" }) })
      .waitFor();
    expect(await accessibilityViolations(dispatcher)).toEqual([]);
    await queues.getByRole("link", { name: new RegExp(t("dispatch.toAssign")) }).click();
    // The row proposes the township the complaint was reported in: one press assigns it there.
    const assignee = dispatcher.getByRole("combobox", { name: t("desk.assigneeOf", { caseNo }) });
    expect(await assignee.locator("option:checked").textContent()).toBe("古南街道");
    await dispatcher.getByRole("button", { name: `${t("action.assign")} ${caseNo}` }).click();
    await dispatcher
      .getByRole("status")
      .filter({ hasText: t("desk.done", { action: t("action.assign"), count: "1" }) })
      .waitFor();

    const township = await session.signIn("gunan");
    expect(new URL(township.url()).pathname).toBe("/inbox");
    await township.getByRole("link", { name: caseNo }).click();
    await township.waitForURL(`**/cases/${caseNo}`);
    // Township staff see the complainant masked.
    const fields = township.getByRole("region", { name: t("case.fields") });
    expect(await fields.textContent()).toContain("李*");
    expect(await fields.textContent()).not.toContain("13900001234");
    await takeAction(township, "note", { [tKey("step.text", "note")]: "已到现场核查，工地夜间施工属实。" });
    await takeAction(township, "submit", { [tKey("step.text", "submit")]: "已责令工地夜间停工，并办理夜间施工许可。" });
    expect(await stateOf(township)).toContain("待审核");

    await dispatcher.goto("/dispatch?queue=toReview");
    await dispatcher
      .getByRole("form", { name: new RegExp(t("dispatch.toReview")) })
      .getByRole("link", { name: caseNo })
      .click();
    await dispatcher.waitForURL(`**/cases/${caseNo}`);
    await takeAction(dispatcher, "conclude", {
      [tKey("step.text", "conclude")]: "经核查，已责令工地停止夜间施工。感谢您的监督。",
    });
    // The satisfaction call from the follow-up queue: the phone one click away, the answer beside the row.
    await dispatcher.goto("/dispatch?queue=followUp");
    expect(await dispatcher.getByRole("link", { name: /13900001234/ }).getAttribute("href")).toBe("tel:13900001234");
    await dispatcher.getByRole("combobox", { name: t("desk.answerOf", { caseNo }) }).selectOption("满意");
    await dispatcher.getByRole("button", { name: `${t("action.close")} ${caseNo}` }).click();
    await dispatcher
      .getByRole("status")
      .filter({ hasText: t("desk.done", { action: t("action.close"), count: "1" }) })
      .waitFor();
    await dispatcher.goto(`/cases/${caseNo}`);
    expect(await stateOf(dispatcher)).toContain("已归档");
    const timeline = await dispatcher.getByRole("region", { name: t("case.timeline") }).textContent();
    for (const label of ["登记", "受理", "交办", "记录调查情况", "提交办理结果", "审核通过并办结", "归档"])
      expect(timeline).toContain(label);
  });

  it("a township user who opens another township's case gets not found", async () => {
    const caseNo = await logComplaint("石材加工厂");
    const dispatcher = await session.signIn("dispatcher");
    await dispatcher.goto(`/cases/${caseNo}`);
    await takeAction(dispatcher, "accept");
    await takeAction(dispatcher, "assign", { [t("field.assignedTo")]: "古南街道" });
    const otherTownship = await session.signIn("wenlong");
    const response = await otherTownship.goto(`/cases/${caseNo}`);
    expect(response!.status()).toBe(404);
    const main = await otherTownship.getByRole("main").textContent();
    expect(main).toContain("页面不存在或您无权查看");
    expect(main).not.toContain("石材加工厂");
  });

  it("a wrong password shows a message", async () => {
    const page = await session.anonymousPage();
    await submitSignIn(page, "e2e-operator", "not-the-password");
    await expect(page.getByRole("alert").textContent()).resolves.toContain("用户名或密码错误");
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.context().close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`the intake form shows field errors and keeps the typed text (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const page = await session.signIn("operator", { javaScriptEnabled });
      await page.goto("/intake");
      await page.getByLabel(t("field.subject"), { exact: true }).fill("鑫达汽修厂");
      await page.getByLabel(t("field.complainantPhone"), { exact: true }).fill("12ab");
      await page.getByLabel(t("field.address"), { exact: true }).fill("通惠路99号");
      await page.getByRole("button", { name: t("intake.submit") }).click();
      // Each message beside its field (waiting, as the page may still be streaming in).
      const form = page.getByRole("main").getByRole("form").first();
      for (const message of ["请填写投诉人姓名，或勾选匿名投诉。", "电话号码应为 7–20 位数字", "必填。"]) {
        await form.getByRole("alert").filter({ hasText: message }).first().waitFor();
      }
      await page.waitForLoadState("load");
      expect(await page.getByLabel(t("field.subject"), { exact: true }).inputValue()).toBe("鑫达汽修厂");
      expect(await page.getByLabel(t("field.address"), { exact: true }).inputValue()).toBe("通惠路99号");
      expect(await page.getByLabel(t("field.complainantPhone"), { exact: true }).inputValue()).toBe("12ab");
      expect(await page.getByLabel(t("field.description"), { exact: true }).getAttribute("aria-invalid")).toBe("true");
      await page.context().close();
    });
  }
  it("a double click on 登记 registers one case and shows its receipt", async () => {
    const page = await session.signIn("operator");
    await page.locator("summary", { hasText: t("intake.source") }).click();
    await page.getByLabel(t("field.channel"), { exact: true }).selectOption({ label: "12369热线" });
    await page.getByLabel(t("field.complainantName"), { exact: true }).fill("孙双击");
    await page.getByLabel(t("field.complainantPhone"), { exact: true }).fill("13900007777");
    await page.getByLabel(t("field.township"), { exact: true }).fill("古南街道");
    await page.getByLabel(t("field.category"), { exact: true }).fill("噪声");
    await page.getByLabel(t("field.subject"), { exact: true }).fill("双击登记的工地");
    await page.getByLabel(t("field.description"), { exact: true }).fill("夜间施工。");
    await page.getByRole("button", { name: t("intake.submit") }).dblclick();
    await page.getByRole("region", { name: t("receipt.title") }).waitFor();
    expect(await prisma.case.count({ where: { subject: "双击登记的工地" } })).toBe(1);
    await page.context().close();
  });

  it("logs a complaint by keyboard alone in at most 8 movement keys: the township from the address, the category by its initials", async () => {
    const page = await session.signIn("operator");
    await page.setViewportSize({ width: 1366, height: 900 });
    const field = (key: Parameters<typeof t>[0]) => page.getByLabel(t(key), { exact: true });
    // The caller's number is the first thing heard, and the first field.
    // Once the page is live (hydration replaces the server's inputs, and the page focuses the field again).
    const phoneId = await field("field.complainantPhone").getAttribute("id");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(phoneId);
    let movements = 0;
    const next = async () => {
      movements += 1;
      await page.keyboard.press("Tab");
    };
    await page.keyboard.type("13900005555");
    await next();
    await page.keyboard.type("周键盘");
    await next(); // 匿名投诉
    await next();
    await page.keyboard.type("永城中华村3组路口");
    await next();
    expect(await field("field.township").inputValue()).toBe("永城镇");
    await next();
    await page.keyboard.type("zs");
    await next();
    expect(await field("field.category").inputValue()).toBe("噪声");
    await page.keyboard.type("键盘登记的工地");
    await next();
    await page.keyboard.type("夜间施工噪声扰民。");
    await screenshot(page, "intake-desktop");
    await page.keyboard.press("Control+Enter");
    await page.getByRole("region", { name: t("receipt.title") }).waitFor();
    expect(movements).toBeLessThanOrEqual(8);
    const created = await prisma.case.findFirstOrThrow({
      where: { subject: "键盘登记的工地" },
      select: { township: { select: { name: true } }, category: true, channel: true, receivedAt: true, complainantName: true },
    });
    expect(created).toMatchObject({
      township: { name: "永城镇" },
      category: "noise",
      channel: "hotline12369",
      complainantName: "周键盘",
    });
    expect(Date.now() - created.receivedAt.getTime()).toBeLessThan(10 * 60_000);
    // The folded choices say what holds without being opened.
    const source = page.locator("summary", { hasText: t("intake.source") });
    expect(await source.textContent()).toContain("12369热线");
    expect(await source.textContent()).toContain(t("intake.receivedNow"));
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("a dispatcher saves the list's filters under a name and opens them again in one click", async () => {
    const page = await session.signIn("dispatcher");
    await page.goto("/cases");
    const filters = page.getByRole("search");
    await filters.getByLabel(t("field.category"), { exact: true }).selectOption({ label: "噪声" });
    await filters.getByLabel(t("cases.onlyOverdue"), { exact: true }).check();
    await filters.getByRole("button", { name: t("cases.filter") }).click();
    await page.waitForURL(/overdue=1/);
    const saveForm = page.getByRole("form", { name: t("cases.saveFilter") });
    await saveForm.getByLabel(t("cases.filterName"), { exact: true }).fill("超期噪声");
    await saveForm.getByRole("button", { name: t("cases.saveFilter") }).click();
    const mine = page.getByRole("region", { name: t("cases.savedFilters") });
    await mine.getByRole("link", { name: "超期噪声" }).waitFor();
    expect(await mine.getByRole("link", { name: "超期噪声" }).getAttribute("aria-current")).toBe("page");
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.goto("/cases");
    await mine.getByRole("link", { name: "超期噪声" }).click();
    await page.waitForURL((url) => url.search === "?category=noise&overdue=1");
    // The filters show the saved ones once the list has loaded (they once kept the empty list's values).
    await expect.poll(() => page.getByRole("search").getByLabel(t("cases.onlyOverdue"), { exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole("search").getByLabel(t("field.category"), { exact: true }).inputValue()).toBe("noise");
    await mine.getByRole("button", { name: t("cases.deleteFilter", { name: "超期噪声" }) }).click();
    await mine.getByText(t("cases.noSavedFilters")).waitFor();
    await page.context().close();
  });

  it("the desk keeps a concluded case's answer in the knowledge base, and the hotline finds it from the intake", async () => {
    const world = { operator: await accountActor("operator"), dispatcher: await accountActor("dispatcher") };
    const created = await assignedCase(world, new Date(), {
      subject: "某小区地下车库排风扇噪声",
      description: "地下车库排风扇夜间噪声大。",
    });
    await act(await makeActor("township", "古南街道"), created.caseNo, { action: "submit", text: "已调整排风扇运行时间。" });
    await act(world.dispatcher, created.caseNo, { action: "conclude", text: "经核查，物业已将排风扇夜间停运，并加装消声器。" });

    const desk = await session.signIn("dispatcher");
    await desk.goto(`/cases/${created.caseNo}`);
    await desk.getByRole("link", { name: t("knowledge.fromCase") }).click();
    const add = desk.getByRole("form", { name: t("knowledge.addFromCase", { caseNo: created.caseNo }) });
    expect(await add.getByLabel(t("knowledge.answer"), { exact: true }).inputValue()).toBe(
      "经核查，物业已将排风扇夜间停运，并加装消声器。",
    );
    await add.getByLabel(t("knowledge.question"), { exact: true }).fill("小区车库排风扇噪声扰民");
    await add.getByLabel(t("knowledge.department"), { exact: true }).fill("区生态环境局");
    await add.getByRole("button", { name: t("common.save") }).click();
    await desk
      .getByRole("status")
      .filter({ hasText: t("knowledge.done.created") })
      .waitFor();
    expect(await accessibilityViolations(desk)).toEqual([]);
    await desk.context().close();

    const operator = await session.signIn("operator");
    const search = operator.getByRole("search", { name: t("knowledge.search") });
    await search.getByLabel(t("knowledge.search"), { exact: true }).fill("车库排风扇太吵");
    await search.getByRole("button", { name: t("knowledge.find") }).click();
    const found = operator.getByRole("article", { name: "小区车库排风扇噪声扰民" });
    await found.waitFor();
    expect(await found.textContent()).toContain("加装消声器");
    // The search answered in place: the intake form is still there.
    expect(new URL(operator.url()).pathname).toBe("/intake");
    expect(await accessibilityViolations(operator)).toEqual([]);
    await operator.context().close();
  });

  it("names a registered unit as the respondent: its township proposed, the case on the unit's page", async () => {
    const township = await prisma.township.findFirstOrThrow({ where: { name: "文龙街道" } });
    const unit = await prisma.regulatedUnit.create({
      data: {
        creditCode: creditCodeFrom("91500222", "EE000001"),
        name: "浏览器测试建材有限公司",
        address: "文龙街道九龙大道8号",
        townshipId: township.id,
        industry: "建材批发",
      },
    });
    const operator = await session.signIn("operator");
    const field = (key: Parameters<typeof t>[0]) => operator.getByLabel(t(key), { exact: true });
    await field("field.complainantName").fill("钱名录");
    await field("field.address").fill("九龙大道路口");
    await field("field.category").fill("dq");
    await field("field.subject").pressSequentially("浏览器测试建材有限公司");
    await operator
      .getByText(t("register.respondentFound", { name: unit.name, code: unit.creditCode, township: "文龙街道" }))
      .waitFor();
    expect(await field("field.township").inputValue()).toBe("文龙街道");
    await field("field.description").fill("装卸水泥粉尘很大。");
    expect(await accessibilityViolations(operator)).toEqual([]);
    await operator.getByRole("button", { name: t("intake.submit") }).click();
    const caseNo = caseNoIn(
      await operator
        .getByRole("status")
        .filter({ hasText: /TS-\d{4}-\d{5}/ })
        .textContent(),
    );
    expect((await prisma.case.findUniqueOrThrow({ where: { caseNo } })).respondentId).toBe(unit.id);
    await operator.context().close();

    const desk = await session.signIn("dispatcher");
    await desk.goto("/enterprises");
    await desk.getByRole("search").getByLabel(t("register.search"), { exact: true }).fill("浏览器测试");
    await desk.getByRole("search").getByRole("button").click();
    await desk.getByRole("link", { name: unit.name }).click();
    await desk.getByRole("heading", { level: 1, name: unit.name }).waitFor();
    await desk.getByRole("link", { name: caseNo }).waitFor();
    expect(await accessibilityViolations(desk)).toEqual([]);
    await desk.context().close();
  });

  it("warns the operator, as they type, that the description carries a phone number or the complainant's name", async () => {
    const page = await session.signIn("operator");
    await page.goto("/intake");
    await page.getByLabel(t("field.complainantName"), { exact: true }).fill("赵六六");
    const description = page.getByLabel(t("field.description"), { exact: true });
    await description.fill("工地夜间施工噪声扰民。");
    expect(await page.getByRole("status").filter({ hasText: "问题描述中含有" }).count()).toBe(0);
    await description.fill("赵六六反映工地夜间施工，联系 136-5555-6666。");
    await page.getByRole("status").filter({ hasText: "问题描述中含有电话号码、投诉人姓名" }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });
});
