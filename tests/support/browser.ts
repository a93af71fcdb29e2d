import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import axe from "axe-core";
import { type Browser, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { DEMO_PASSWORD, seedDemoData, seedDemoUsers, seedReferenceData } from "~/models/seed.server";

const ROOT = path.resolve(__dirname, "../..");

/**
 * The real web server (the built app, as `npm start` runs it) on a free port, against this test
 * file's own database and Redis prefix, with reference data and the demo accounts.
 */
export async function startApp(env: Record<string, string> = {}, options: { demoData?: boolean } = {}) {
  await seedReferenceData();
  await seedDemoUsers();
  if (options.demoData) await seedDemoData();
  // Port 0: the server takes a free port itself and logs it, so parallel test files never share one.
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", NODE_ENV: "production", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web server did not start: ${output}`)), 30_000);
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      const match = /"port":(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.stderr!.on("data", (chunk) => (output += chunk));
    child.once("exit", (code) => reject(new Error(`web server exited (${code}): ${output}`)));
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    /** What the server printed, for a test's failure message. */
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
}

/** A fresh browser context signed in as one of the demo accounts. */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  username: string,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, javaScriptEnabled: options.javaScriptEnabled ?? true });
  const page = await context.newPage();
  await page.goto("/login");
  await page.fill("#username", username);
  await page.fill("#password", DEMO_PASSWORD);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.click("button[type=submit]")]);
  return page;
}

/**
 * The web server and Chromium for one test file, started before its tests and stopped after them.
 * `signIn` opens a fresh context as a demo account; `anonymousPage` one signed in as nobody.
 */
export function useBrowserApp(env: Record<string, string> = {}, options: { demoData?: boolean } = {}) {
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    app = await startApp(env, options);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  return {
    get baseUrl() {
      return app!.baseUrl;
    },
    signIn: (username: string, options: { javaScriptEnabled?: boolean } = {}) =>
      signedInPage(browser!, app!.baseUrl, username, options),
    anonymousPage: async () => (await browser!.newContext({ baseURL: app!.baseUrl })).newPage(),
  };
}

/**
 * axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is now, as "rule: element" lines. The script
 * is evaluated through the browser's debugging protocol, which the page's Content-Security-Policy allows.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations.flatMap((violation) =>
      violation.nodes.map(
        (node) => `${violation.id}: ${node.target.join(" ")} (${node.failureSummary?.split("\n")[1]?.trim() ?? ""})`,
      ),
    );
  });
}
