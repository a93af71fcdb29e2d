import { describe, expect, it } from "vitest";
import { useBrowserApp } from "../support/browser";

// Nothing listens on port 1: the web server must run on without Redis.
const session = useBrowserApp({ REDIS_URL: "redis://127.0.0.1:1" });

describe("without Redis", { timeout: 120_000 }, () => {
  it("the web app still logs complaints, and every page says deadline processing is paused", async () => {
    const health = await (await fetch(`${session.baseUrl}/healthz`)).json();
    expect(health).toEqual({ database: "ok", deadlines: "redis-unavailable" });
    const page = await session.signIn("operator");
    expect(await page.locator(".banner-warning").textContent()).toContain("时限处理已暂停");
    await page.selectOption("select[name=channel]", { label: "来信" });
    await page.check("input[name=anonymous]");
    await page.selectOption("select[name=townshipId]", { label: "文龙街道" });
    await page.selectOption("select[name=category]", { label: "水" });
    await page.fill("textarea[name=description]", "河沟里有黑水排出。");
    await page.click("button[name=intent][value=register]");
    await page.locator(".flash-success").waitFor();
    expect(await page.locator(".flash-success").textContent()).toMatch(/TS-\d{4}-\d{5}/);
    await page.goto("/cases");
    expect(await page.locator(".banner-warning").textContent()).toContain("时限处理已暂停");
  });
});
