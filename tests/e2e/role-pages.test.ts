import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { t, tKey } from "~/i18n";
import { saveMessageTemplates } from "~/models/outbox/complainant-messages.server";
import { type TestAccount, accessibilityViolations, useBrowserApp, usernameOf } from "../support/browser";

// The demo data: every state of every kind, so that markers, tables and forms are all on the pages.
const session = useBrowserApp({}, { demoData: true });

/** What must never reach a browser, in page data or anywhere else. */
const SECRETS = ["$argon2", "passwordHash", "tokenHash", "failedSignIns", "lookupCodeHash"];

/** One case of each kind that the role may open (township staff: their own township's). */
async function casePages(account: TestAccount) {
  const user = await prisma.user.findUniqueOrThrow({ where: { username: usernameOf(account) } });
  const scope = user.role === "township" ? { assignedToId: user.townshipId } : {};
  const cases = await Promise.all(
    ["complaint", "petition", "mediation"].map((kind) =>
      prisma.case.findFirst({ where: { ...scope, kind }, orderBy: { id: "desc" }, select: { caseNo: true } }),
    ),
  );
  return cases.filter((found) => found !== null).map((found) => `/cases/${found.caseNo}`);
}

const PAGES: Partial<Record<TestAccount, string[]>> = {
  operator: ["/intake", "/", "/cases", "/notifications"],
  dispatcher: ["/", "/dispatch", "/intake", "/cases?overdue=1&sort=due_asc", "/supervision", "/notifications"],
  gunan: ["/", "/inbox", "/cases", "/notifications"],
  leader: ["/", "/cases?overdue=1", "/supervision", "/reports/annual/2026", "/reports?from=2026-03-01&to=2026-06-30"],
  admin: [
    "/admin/users",
    "/admin/users/1",
    "/admin/security",
    "/admin/policies",
    "/admin/calendar",
    "/admin/webhook",
    "/admin/messages",
    "/admin/api-keys",
    "/admin/townships",
    "/admin/partners",
    "/api/v1/docs",
    "/admin/import",
    "/cases",
    "/reports",
  ],
};

const FORBIDDEN: Partial<Record<TestAccount, string[]>> = {
  operator: ["/dispatch", "/admin/users", "/supervision", "/reports/annual/2026", "/admin/import"],
  gunan: ["/dispatch", "/intake", "/admin/calendar", "/supervision", "/reports/annual/2026"],
  leader: ["/intake", "/admin/policies"],
  dispatcher: ["/admin/users", "/inbox", "/admin/messages", "/admin/api-keys", "/admin/townships", "/admin/partners"],
};

// Generous: browser tests share two cores with the rest of the suite.
describe("every role's pages", { timeout: 120_000 }, () => {
  for (const [account, paths] of Object.entries(PAGES) as [TestAccount, string[]][]) {
    it(`render and hydrate without errors, without secrets and without WCAG AA violations for ${account}`, async () => {
      const page = await session.signIn(account);
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error" && !message.text().includes("favicon")) errors.push(message.text());
      });
      for (const path of [...paths, ...(await casePages(account))]) {
        const response = await page.goto(path);
        expect(response!.status(), path).toBe(200);
        await page.waitForLoadState("networkidle");
        expect(await page.getByRole("heading", { level: 1 }).count(), path).toBeGreaterThan(0);
        expect(await page.getByRole("main").textContent(), path).not.toContain("系统出现错误");
        const html = await response!.text();
        for (const secret of SECRETS) expect(html, `${path} contains ${secret}`).not.toContain(secret);
        expect(await accessibilityViolations(page), path).toEqual([]);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  for (const [account, paths] of Object.entries(FORBIDDEN) as [TestAccount, string[]][]) {
    it(`refuse ${account} the pages of other roles`, async () => {
      const page = await session.signIn(account);
      for (const path of paths) {
        const response = await page.goto(path);
        expect(response!.status(), path).toBe(403);
      }
      await page.context().close();
    });
  }

  it("the queue dashboard is for administrators only", async () => {
    const admin = await session.signIn("admin");
    expect((await admin.goto("/admin/queues"))!.status()).toBe(200);
    const dispatcher = await session.signIn("dispatcher");
    expect((await dispatcher.goto("/admin/queues"))!.status()).toBe(403);
    const anonymous = await session.anonymousPage();
    await anonymous.goto("/admin/queues");
    expect(new URL(anonymous.url()).pathname).toBe("/login");
  });

  it("an administrator edits a message template: an unknown variable is refused with the text kept, and the preview follows", async () => {
    const page = await session.signIn("admin");
    await page.goto("/admin/messages");
    const form = page.getByRole("form", { name: t("admin.messages.title") });
    const accepted = form.getByLabel(new RegExp(`^${tKey("sms.event", "accepted")}`));
    await accepted.fill("{caseNo}已受理，{duedate}前答复");
    await form.getByRole("button", { name: t("common.save") }).click();
    await form.getByText(t("error.unknownVariable")).waitFor();
    expect(await accepted.inputValue()).toBe("{caseNo}已受理，{duedate}前答复");
    expect(await prisma.setting.count({ where: { key: "sms.template.accepted" } })).toBe(0);

    await accepted.fill("{caseNo}已受理，{dueDate}前答复");
    await form.getByText("TS-2020-00733已受理，2020-10-30前答复").waitFor();
    await form.getByRole("button", { name: t("common.save") }).click();
    await page
      .getByRole("status")
      .filter({ hasText: t("admin.messages.saved") })
      .waitFor();
    expect((await prisma.setting.findUniqueOrThrow({ where: { key: "sms.template.accepted" } })).value).toBe(
      "{caseNo}已受理，{dueDate}前答复",
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    // Back to the default, as the page's empty field does (the server forgets its kept templates).
    await saveMessageTemplates({ accepted: "" });
    await page.context().close();
  });

  it("an administrator sets a township's seat: half a point is refused with both values kept, a whole one saved, an empty one cleared", async () => {
    const page = await session.signIn("admin");
    await page.goto("/admin/townships");
    const latitude = page.getByLabel(t("admin.townships.latitude", { name: "三角镇" }));
    const longitude = page.getByLabel(t("admin.townships.longitude", { name: "三角镇" }));
    const save = page.getByRole("button", { name: `${t("common.save")} 三角镇` });
    await latitude.fill("28.9012");
    await save.click();
    await page.getByText(t("error.seatPair")).waitFor();
    expect(await latitude.inputValue()).toBe("28.9012");
    expect(await longitude.getAttribute("aria-invalid")).toBe("true");

    await longitude.fill("106.8034");
    await save.click();
    await page
      .getByRole("status")
      .filter({ hasText: t("admin.townships.saved", { name: "三角镇" }) })
      .waitFor();
    expect(await prisma.township.findUniqueOrThrow({ where: { name: "三角镇" } })).toMatchObject({
      seatLatitude: 28.9012,
      seatLongitude: 106.8034,
    });
    expect(await latitude.inputValue()).toBe("28.9012");
    expect(await accessibilityViolations(page)).toEqual([]);

    await latitude.fill("");
    await longitude.fill("");
    await save.click();
    await page.waitForURL(/saved=/);
    await expect
      .poll(async () => (await prisma.township.findUniqueOrThrow({ where: { name: "三角镇" } })).seatLatitude)
      .toBeNull();
    await page.context().close();
  });

  it("an administrator makes an API key, sees it once, and revokes it; the key works until then", async () => {
    const page = await session.signIn("admin");
    await page.goto("/admin/api-keys");
    const form = page.getByRole("form", { name: t("admin.apiKeys.create") });
    await form.getByLabel(t("admin.apiKeys.name"), { exact: true }).fill("12369 平台（测试）");
    await form.getByRole("checkbox", { name: tKey("scope", "transfers") }).check();
    await form.getByRole("button", { name: t("admin.apiKeys.create") }).click();
    // A key that creates cases needs its channel: refused, with what was chosen kept.
    await form.getByText(t("error.channelRequired")).waitFor();
    expect(await form.getByRole("checkbox", { name: tKey("scope", "transfers") }).isChecked()).toBe(true);
    await form.getByLabel(t("admin.apiKeys.channel")).selectOption({ label: "12369热线" });
    await form.getByRole("button", { name: t("admin.apiKeys.create") }).click();
    const key = (await page.getByTestId("created-key").textContent())!.trim();
    expect(key).toMatch(/^gl_[a-z0-9]{8}_[a-z0-9]{32}$/);
    expect(await accessibilityViolations(page)).toEqual([]);

    const reference = () => fetch(`${session.baseUrl}/api/v1/reference`, { headers: { authorization: `Bearer ${key}` } });
    expect((await reference()).status).toBe(200);
    await page.reload();
    expect(await page.content()).not.toContain(key);
    const table = page.getByRole("table", { name: t("admin.apiKeys.title") });
    const row = table.getByRole("row").filter({ hasText: "12369 平台（测试）" });
    await row.getByRole("button", { name: t("admin.apiKeys.revoke") }).click();
    await page
      .getByRole("status")
      .filter({ hasText: t("admin.apiKeys.revokedFlash") })
      .waitFor();
    await table.getByRole("row").filter({ hasText: "12369 平台（测试）" }).getByText(t("admin.apiKeys.revoked")).waitFor();
    expect((await reference()).status).toBe(401);
    // The request log lists both calls under the key.
    await page.reload();
    const log = page.getByRole("table", { name: t("admin.apiKeys.requests") });
    expect(await log.getByRole("row").filter({ hasText: "12369 平台（测试）" }).count()).toBe(2);
    await page.context().close();
  });
});
