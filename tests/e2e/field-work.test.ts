import type { Page } from "playwright-core";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { t, tKey } from "~/i18n";
import { deriveImages } from "~/models/attachments/images.server";
import { accessibilityViolations, accountActor, screenshot, useBrowserApp } from "../support/browser";
import { assignedCase } from "../support/fixtures";

const session = useBrowserApp();

async function urgentComplaintFor古南(subject: string) {
  const world = { operator: await accountActor("operator"), dispatcher: await accountActor("dispatcher") };
  return assignedCase(world, new Date(), { subject, urgency: "urgent", address: "古南街道桥河村3组" });
}

const photo = (name: string, colour: { r: number; g: number; b: number }) =>
  sharp({ create: { width: 1600, height: 1200, channels: 3, background: colour } })
    .jpeg()
    .toBuffer()
    .then((buffer) => ({ name, mimeType: "image/jpeg", buffer }));

/** Nothing wider than the screen: the page never scrolls sideways. */
const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

/** Buttons and links of the main content that a thumb must hit: at least 44 px high. */
const smallTapTargets = (page: Page, scope: string) =>
  page.evaluate((selector) => {
    const small: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>(
      `${selector} button, ${selector} select, ${selector} input:not([type=hidden]):not([type=checkbox])`,
    )) {
      const box = element.getBoundingClientRect();
      if (box.height > 0 && box.height < 44)
        small.push(`${element.tagName} ${element.textContent?.trim() || element.getAttribute("name")} ${box.height}`);
    }
    return small;
  }, scope);

describe("field work on a phone", { timeout: 180_000 }, () => {
  it("a township user records a site visit with two photos through a dropped connection, then a result with a rectification photo", async () => {
    const created = await urgentComplaintFor古南("桥河村养殖场污水直排");
    const phone = await session.signIn("gunan", { phone: true });

    // The inbox: cards, no sideways scrolling, the header's links in a menu.
    await phone.goto("/inbox");
    expect(await scrollsSideways(phone)).toBe(false);
    const menu = phone.getByText(t("nav.menu"), { exact: true });
    await menu.waitFor();
    await menu.tap();
    await phone
      .getByRole("navigation", { name: t("nav.main") })
      .getByRole("link", { name: t("nav.inbox") })
      .waitFor();
    await menu.tap();
    await phone.getByRole("link", { name: created.caseNo }).tap();
    await phone.waitForURL(`**/cases/${created.caseNo}`);
    expect(await scrollsSideways(phone)).toBe(false);
    expect(await smallTapTargets(phone, "form.action-form")).toEqual([]);
    expect(await accessibilityViolations(phone)).toEqual([]);

    // The first try of the site visit loses its connection; the page keeps everything and resends once.
    const visit = phone.getByRole("form", { name: tKey("action", "onSite"), exact: true });
    await visit.getByLabel(tKey("step.text", "onSite"), { exact: true }).fill("到场核实，养殖场排污口正在向河沟排放。");
    await visit
      .getByLabel(t("attachment.files"), { exact: true })
      .setInputFiles([await photo("排污口.jpg", { r: 90, g: 80, b: 60 }), await photo("河沟.jpg", { r: 40, g: 90, b: 120 })]);
    await screenshot(phone, "on-site-phone");
    let dropped = 0;
    await phone.route(`**/cases/${created.caseNo}`, async (route) => {
      if (route.request().method() === "POST" && dropped === 0) {
        dropped += 1;
        return route.abort("connectionreset");
      }
      return route.continue();
    });
    await visit.getByRole("button", { name: tKey("action", "onSite"), exact: true }).tap();
    const resend = visit.getByRole("button", { name: t("attachment.resend") });
    await resend.waitFor();
    expect(dropped).toBe(1);
    expect(await visit.getByLabel(tKey("step.text", "onSite"), { exact: true }).inputValue()).toBe(
      "到场核实，养殖场排污口正在向河沟排放。",
    );
    await resend.tap();
    await phone
      .getByRole("status")
      .filter({ hasText: t("case.done", { action: tKey("action", "onSite") }) })
      .waitFor();
    const visitSteps = await prisma.auditEvent.findMany({
      where: { caseId: created.id, action: "onSite" },
      include: { attachments: true },
    });
    expect(visitSteps).toHaveLength(1);
    expect(visitSteps[0].attachments.map((a) => [a.fileName, a.kind]).sort()).toEqual([
      ["排污口.jpg", "sitePhoto"],
      ["河沟.jpg", "sitePhoto"],
    ]);

    // The result with a photo of the rectified outlet.
    const result = phone.getByRole("form", { name: tKey("action", "submit"), exact: true });
    await result.getByLabel(tKey("step.text", "submit"), { exact: true }).fill("已责令封堵排污口，污水经处理后回用。");
    await result
      .getByLabel(t("attachment.files"), { exact: true })
      .setInputFiles([await photo("封堵后.jpg", { r: 120, g: 120, b: 110 })]);
    await result.getByRole("button", { name: tKey("action", "submit"), exact: true }).tap();
    await phone
      .getByRole("status")
      .filter({ hasText: t("case.done", { action: tKey("action", "submit") }) })
      .waitFor();
    const rectified = await prisma.attachment.findMany({ where: { caseId: created.id, action: "submit" } });
    expect(rectified.map((a) => [a.fileName, a.kind])).toEqual([["封堵后.jpg", "rectificationPhoto"]]);

    // The case page lists the evidence by step; until the worker has made the thumbnails, it says so.
    const evidence = phone.getByRole("region", { name: t("attachment.section"), exact: true });
    expect(await evidence.getByText(t("attachment.pending"), { exact: true }).count()).toBe(3);
    // Once they are made (here by the test, as the worker would), the photos show as a gallery.
    for (const attachment of await prisma.attachment.findMany({ where: { caseId: created.id } })) {
      expect(await deriveImages(attachment.sha256)).toBe("ready");
    }
    await phone.reload();
    const thumbnail = evidence.getByRole("link", { name: t("attachment.view", { fileName: "排污口.jpg" }) }).getByRole("img");
    await thumbnail.waitFor();
    // The gallery's images load lazily: brought into view, the thumbnail loads.
    await thumbnail.scrollIntoViewIfNeeded();
    await thumbnail.evaluate((image: HTMLImageElement) =>
      image.complete ? undefined : new Promise((resolve) => image.addEventListener("load", resolve, { once: true })),
    );
    expect(await thumbnail.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
    expect(await scrollsSideways(phone)).toBe(false);
    expect(await accessibilityViolations(phone)).toEqual([]);
    await screenshot(phone, "case-phone");
  });

  it("on a phone the header is one row, ten inbox cases fit in two screens, and the case's steps are one tap from the top", async () => {
    const subjects = ["东溪镇砖厂粉尘", "永城镇养猪场臭气", "夜间施工噪声扰民", "餐馆油烟直排", "河道漂浮垃圾"];
    const created = [];
    for (let index = 0; index < 10; index += 1) {
      created.push(await urgentComplaintFor古南(`${subjects[index % subjects.length]}（第${index + 1}件，反映多次未解决）`));
    }
    const phone = await session.signIn("gunan", { phone: true });
    await phone.goto("/inbox");
    const screenHeight = phone.viewportSize()!.height;
    const header = await phone.locator("header").boundingBox();
    expect(header!.height).toBeLessThanOrEqual(64);
    const cards = await phone
      .locator("tbody tr")
      .evaluateAll((rows) =>
        rows.map((row) => ({ height: row.getBoundingClientRect().height, bottom: row.getBoundingClientRect().bottom + scrollY })),
      );
    expect(cards.length).toBeGreaterThanOrEqual(10);
    for (const card of cards) expect(card.height).toBeLessThanOrEqual(160);
    expect(cards[9].bottom).toBeLessThanOrEqual(2 * screenHeight);
    expect(await scrollsSideways(phone)).toBe(false);
    expect(await accessibilityViolations(phone)).toEqual([]);
    await screenshot(phone, "inbox-phone");

    // The menu opens over the page and holds the links and the account.
    await phone.getByText(t("nav.menu"), { exact: true }).tap();
    const menu = phone.getByRole("navigation", { name: t("nav.main") }).filter({ visible: true });
    await menu.getByRole("link", { name: t("nav.inbox") }).waitFor();
    expect(
      await phone
        .getByRole("button", { name: t("nav.signOut") })
        .filter({ visible: true })
        .count(),
    ).toBe(1);
    await phone.getByText(t("nav.menu"), { exact: true }).tap();

    // On the case page the steps are linked from the first screen and stay in reach while reading.
    await phone.getByRole("link", { name: created[9].caseNo }).tap();
    await phone.waitForURL(`**/cases/${created[9].caseNo}`);
    const steps = phone.getByRole("navigation", { name: t("case.stepsNav") });
    const stepsBox = await steps.boundingBox();
    expect(stepsBox!.y + stepsBox!.height).toBeLessThanOrEqual(screenHeight);
    await phone.evaluate(() => window.scrollTo(0, 1200));
    expect((await steps.boundingBox())!.y).toBeLessThanOrEqual(1);
    await steps.getByRole("link", { name: tKey("action", "submit"), exact: true }).tap();
    const submit = phone.getByRole("form", { name: tKey("action", "submit"), exact: true });
    await expect.poll(() => submit.evaluate((form) => form.getBoundingClientRect().top)).toBeLessThan(screenHeight);
    await expect.poll(() => submit.evaluate((form) => form.getBoundingClientRect().bottom)).toBeGreaterThan(0);
    // Each step is a section headed by its name, its text asked for in its own words.
    const section = phone.getByRole("region", { name: tKey("action", "return"), exact: true });
    expect(await section.getByLabel(tKey("step.reason", "return"), { exact: true }).count()).toBe(1);
    expect(await phone.getByText(t("step.attachments")).count()).toBeGreaterThan(0);
    expect(await accessibilityViolations(phone)).toEqual([]);
  });

  it("a township user writes a phrase once and puts it into a result by keyboard, filled with the case's number and township", async () => {
    const { caseNo } = await urgentComplaintFor古南("常用语插入的工地");
    const page = await session.signIn("gunan");
    await page.goto("/replies");
    const add = page.getByRole("form", { name: t("replies.add") });
    await add.getByLabel(t("replies.purpose"), { exact: true }).selectOption({ label: t("replies.purpose.result") });
    await add.getByLabel(t("replies.title"), { exact: true }).fill("到场已整改");
    await add.getByLabel(t("replies.body"), { exact: true }).fill("{township}已到场核查（{caseNo}），已整改到位。");
    await add.getByRole("button", { name: t("common.save") }).click();
    await page
      .getByRole("status")
      .filter({ hasText: t("replies.done.created") })
      .waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    // A variable that does not exist is refused beside the field, the text kept.
    await add.getByLabel(t("replies.title"), { exact: true }).fill("错字");
    await add.getByLabel(t("replies.body"), { exact: true }).fill("编号{caseNumber}");
    await add.getByRole("button", { name: t("common.save") }).click();
    await add
      .getByRole("alert")
      .filter({ hasText: t("error.unknownVariable") })
      .waitFor();
    expect(await add.getByLabel(t("replies.body"), { exact: true }).inputValue()).toBe("编号{caseNumber}");

    await page.goto(`/cases/${caseNo}`);
    const submit = page.getByRole("form", { name: t("action.submit"), exact: true });
    const result = submit.getByLabel(t("step.text.submit"), { exact: true });
    await result.fill("补充：");
    await submit.getByLabel(t("replies.insert"), { exact: true }).focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    expect(await result.inputValue()).toBe(`补充：古南街道已到场核查（${caseNo}），已整改到位。`);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
    await submit.getByRole("button", { name: t("action.submit"), exact: true }).click();
    await page
      .getByRole("status")
      .filter({ hasText: t("case.done", { action: t("action.submit") }) })
      .waitFor();
    expect((await prisma.case.findUniqueOrThrow({ where: { caseNo }, select: { resultText: true } })).resultText).toBe(
      `补充：古南街道已到场核查（${caseNo}），已整改到位。`,
    );
    await page.context().close();
  });

  it("without JavaScript the same step is a plain multipart form: the note and its photo arrive together", async () => {
    const created = await urgentComplaintFor古南("无脚本上传");
    const phone = await session.signIn("gunan", { phone: true, javaScriptEnabled: false });
    await phone.goto(`/cases/${created.caseNo}`);
    const note = phone.getByRole("form", { name: tKey("action", "note"), exact: true });
    await note.getByLabel(tKey("step.text", "note"), { exact: true }).fill("无脚本时提交的说明");
    await note
      .getByLabel(t("attachment.camera"), { exact: true })
      .setInputFiles([await photo("现场.jpg", { r: 10, g: 10, b: 10 })]);
    await note.getByRole("button", { name: tKey("action", "note"), exact: true }).tap();
    await phone
      .getByRole("status")
      .filter({ hasText: t("case.done", { action: tKey("action", "note") }) })
      .waitFor();
    const attachments = await prisma.attachment.findMany({ where: { caseId: created.id, action: "note" } });
    expect(attachments.map((a) => a.fileName)).toEqual(["现场.jpg"]);
  });
});
