import { describe, expect, it } from "vitest";
import { t } from "~/i18n";
import { useBrowserApp } from "../support/browser";

// Nothing listens on port 1: the web server must run on without Redis.
const session = useBrowserApp({ REDIS_URL: "redis://127.0.0.1:1" });

describe("without Redis", { timeout: 120_000 }, () => {
  it("the web app still logs complaints, and every page says deadline processing is paused", async () => {
    const health = await (await fetch(`${session.baseUrl}/healthz`)).json();
    expect(health).toEqual({ database: "ok", deadlines: "redis-unavailable" });
    const page = await session.signIn("operator");
    const paused = page.getByRole("alert").filter({ hasText: t("banner.redisUnavailable") });
    await paused.waitFor();
    await page.locator("summary", { hasText: t("intake.source") }).click();
    await page.getByLabel(t("field.channel"), { exact: true }).selectOption({ label: "来信" });
    await page.getByLabel(t("field.anonymous"), { exact: true }).check();
    await page.getByLabel(t("field.township"), { exact: true }).fill("文龙街道");
    await page.getByLabel(t("field.category"), { exact: true }).fill("水");
    await page.getByLabel(t("field.description"), { exact: true }).fill("河沟里有黑水排出。");
    await page.getByRole("button", { name: t("intake.submit") }).click();
    const registered = page.getByRole("status").filter({ hasText: /TS-\d{4}-\d{5}/ });
    await registered.waitFor();
    await page.goto("/cases");
    await paused.waitFor();
  });
});
