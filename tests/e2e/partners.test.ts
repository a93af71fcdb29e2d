import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { t, tKey } from "~/i18n";
import { createApiKey } from "~/models/transfers-in/api-keys.server";
import { registerCase } from "~/models/case/service.server";
import { accessibilityViolations, useBrowserApp } from "../support/browser";
import { act, intakeFields, makeActor } from "../support/fixtures";

/**
 * Partners in the browser (docs/integrations.md "Transfers out"): the administrator's page, and the
 * desk's transfer of a case with its letter. The Greenline partner here is this installation itself,
 * reached through its own API with a key it issued.
 */
const session = useBrowserApp();

describe("partners and transfers out", { timeout: 120_000 }, () => {
  it("an administrator adds partners: an unreachable one is refused with what was typed kept; a body and a Greenline are saved", async () => {
    const page = await session.signIn("admin");
    await page.goto("/admin/partners");
    await page.getByText(t("admin.partners.none")).waitFor();
    const form = page.getByRole("form", { name: t("admin.partners.add") });
    await form.getByLabel(t("admin.partners.name")).fill("万盛经开区生态环境局");
    await form.getByLabel(t("admin.partners.baseUrl")).fill("http://127.0.0.1:9");
    await form.getByLabel(t("admin.partners.apiKey")).fill(`gl_abcdefgh_${"a".repeat(32)}`);
    await form.getByRole("button", { name: t("common.save") }).click();
    await form.getByText(t("error.partnerUnreachable")).waitFor();
    expect(await form.getByLabel(t("admin.partners.name")).inputValue()).toBe("万盛经开区生态环境局");
    expect(await form.getByLabel(t("admin.partners.baseUrl")).inputValue()).toBe("http://127.0.0.1:9");
    expect(await prisma.partner.count()).toBe(0);

    // The same installation as its own partner, with a key it issued for transfers.
    const { key } = await createApiKey({ name: "綦江区生态环境局", scopes: ["transfers"], channel: "other" });
    await form.getByLabel(t("admin.partners.baseUrl")).fill(`${session.baseUrl}/`);
    await form.getByLabel(t("admin.partners.apiKey")).fill(key);
    await form.getByRole("button", { name: t("common.save") }).click();
    await page
      .getByRole("status")
      .filter({ hasText: t("admin.partners.saved", { name: "万盛经开区生态环境局" }) })
      .waitFor();
    const listed = page.getByRole("listitem").filter({ hasText: "万盛经开区生态环境局" });
    await listed.getByText(t("admin.partners.townships", { count: 21 })).waitFor();
    await listed.getByText(`${session.baseUrl}/api/partner-callbacks`).waitFor();
    expect(await page.content()).not.toContain(key);

    await form.getByLabel(t("admin.partners.name")).fill("綦江区公安分局");
    await form.getByRole("radio", { name: tKey("admin.partners.kind", "body") }).check();
    await form.getByRole("button", { name: t("common.save") }).click();
    await page
      .getByRole("status")
      .filter({ hasText: t("admin.partners.saved", { name: "綦江区公安分局" }) })
      .waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("the desk transfers a case to a body without Greenline and prints the letter; the reply makes the case's result", async () => {
    const police = await prisma.partner.findFirst({ where: { kind: "body" } });
    const partnerId = police?.id ?? (await prisma.partner.create({ data: { name: "綦江区公安分局", kind: "body" } })).id;
    const [operator, dispatcher] = await Promise.all([makeActor("operator"), makeActor("dispatcher")]);
    const created = await registerCase(
      operator,
      await intakeFields({ description: "有人夜间向河道倾倒桶装废液，疑似危险废物。" }),
    );
    await act(dispatcher, created.caseNo, { action: "accept" });

    const page = await session.signIn("dispatcher");
    await page.goto(`/cases/${created.caseNo}`);
    const form = page.locator(`form[data-action="transferOut"]`);
    await form.getByLabel(t("transfer.partner")).selectOption({ label: "綦江区公安分局" });
    await form.getByLabel(t("transfer.reason")).fill("涉嫌非法处置危险废物，可能构成污染环境罪");
    await form.getByRole("button", { name: tKey("action", "transferOut") }).click();
    // The legal basis is required: refused, with the reason kept.
    await form.getByText(t("error.required")).waitFor();
    expect(await form.getByLabel(t("transfer.reason")).inputValue()).toBe("涉嫌非法处置危险废物，可能构成污染环境罪");
    await form.getByLabel(t("transfer.legalBasis")).fill("《环境保护行政执法与刑事司法衔接工作办法》第五条");
    await form.getByRole("button", { name: tKey("action", "transferOut") }).click();
    await page
      .getByRole("status")
      .filter({ hasText: t("case.done", { action: tKey("action", "transferOut") }) })
      .waitFor();
    const transfers = page.getByRole("region", { name: t("transfer.section") });
    await transfers.getByText(t("transfer.delivery.letter")).waitFor();
    await transfers.getByText(t("transfer.awaiting")).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await transfers.getByRole("link", { name: t("transfer.letter") }).click();
    await page.getByRole("heading", { name: t("print.title.transferLetter") }).waitFor();
    await page.getByText("綦江区公安分局：").waitFor();
    await page.getByText(/可能构成污染环境罪/).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    // Past its reply date, the transfer is on the leaders' supervision board.
    await prisma.caseTransfer.updateMany({
      where: { case: { caseNo: created.caseNo } },
      data: { replyDueAt: new Date(Date.now() - 3 * 86_400_000) },
    });
    const leader = await session.signIn("leader");
    await leader.goto("/supervision");
    const board = leader.getByRole("region", { name: t("supervision.overdueReplies", { count: 1 }) });
    await board.getByRole("row").filter({ hasText: created.caseNo }).getByText("綦江区公安分局（移送）").waitFor();
    expect(await accessibilityViolations(leader)).toEqual([]);
    await leader.context().close();

    await page.goto(`/cases/${created.caseNo}`);
    const reply = page.locator(`form[data-action="transferReply"]`);
    await reply.getByLabel(t("transfer.replyText")).fill("已立案侦查（綦公（环）立字〔2026〕12号）。");
    await reply.getByRole("button", { name: tKey("action", "transferReply") }).click();
    await page
      .getByRole("status")
      .filter({ hasText: t("case.done", { action: tKey("action", "transferReply") }) })
      .waitFor();
    expect(await prisma.case.findUniqueOrThrow({ where: { caseNo: created.caseNo } })).toMatchObject({
      state: "submitted",
      resultText: "已立案侦查（綦公（环）立字〔2026〕12号）。",
    });
    expect((await prisma.caseTransfer.findFirstOrThrow({ where: { partnerId } })).replyText).toContain("已立案侦查");
    await page.context().close();
  });
});
