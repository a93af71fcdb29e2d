import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import axe from "axe-core";
import { type Browser, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import type { Actor, Role } from "~/domain/roles";
import { TEST_PASSWORD } from "./fixtures";
import type { CaseAction } from "~/domain/workflow";
import { t, tKey } from "~/i18n";
import { seedDemoData, seedReferenceData } from "~/models/reference/seed.server";
import { prisma } from "~/db.server";
import { createUser } from "~/models/accounts/users.server";

/** The accounts browser tests sign in with, made by the tests themselves (never the demo accounts). */
const TEST_ACCOUNTS = {
  operator: { role: "operator", displayName: "测试接线员" },
  dispatcher: { role: "dispatcher", displayName: "测试信访科" },
  gunan: { role: "township", displayName: "测试古南街道", township: "古南街道" },
  wenlong: { role: "township", displayName: "测试文龙街道", township: "文龙街道" },
  leader: { role: "leader", displayName: "测试局领导" },
  admin: { role: "admin", displayName: "测试管理员" },
} satisfies Record<string, { role: Role; displayName: string; township?: string }>;

export type TestAccount = keyof typeof TEST_ACCOUNTS;
export const usernameOf = (account: TestAccount) => `e2e-${account}`;

/** A test account as the case service's actor, for setting up cases as that person. */
export async function accountActor(account: TestAccount): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({ where: { username: usernameOf(account) } });
  return { id: user.id, role: user.role as Role, townshipId: user.townshipId };
}

async function createTestAccounts() {
  for (const [account, spec] of Object.entries(TEST_ACCOUNTS) as [TestAccount, (typeof TEST_ACCOUNTS)[TestAccount]][]) {
    const township = "township" in spec ? await prisma.township.findFirstOrThrow({ where: { name: spec.township } }) : null;
    await createUser({
      username: usernameOf(account),
      displayName: spec.displayName,
      role: spec.role,
      townshipId: township?.id ?? null,
      password: TEST_PASSWORD,
    });
  }
}

const ROOT = path.resolve(__dirname, "../..");

/**
 * The real web server (the built app, as `npm start` runs it) on a free port, against this test
 * file's own database and Redis prefix, with reference data and the demo accounts.
 */
export async function startApp(env: Record<string, string> = {}, options: { demoData?: boolean; seed?: boolean } = {}) {
  // A server on another installation's database (a partner's) is set up by that installation's own hands.
  if (options.seed !== false) {
    await seedReferenceData();
    await createTestAccounts();
  }
  if (options.demoData) await seedDemoData();
  // Port 0: the server takes a free port itself and logs it, so parallel test files never share one.
  const child: ChildProcess = spawn(process.execPath, ["--enable-source-maps", "build/server/web.js"], {
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

/** Fills in the sign-in form as a person would; the answer is the caller's to wait for. */
export async function submitSignIn(page: Page, username: string, password: string) {
  await page.goto("/login");
  await page.getByLabel(t("field.username")).fill(username);
  await page.getByLabel(t("field.password")).fill(password);
  await page.getByRole("button", { name: t("login.submit") }).click();
}

/** A fresh browser context signed in as one of the test accounts. */
/** A phone as township staff carry one: 390 px wide, touch, a small screen's pixel ratio. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  account: TestAccount,
  options: { javaScriptEnabled?: boolean; phone?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: "zh-CN",
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    ...(options.phone ? PHONE : {}),
  });
  const page = await context.newPage();
  await submitSignIn(page, usernameOf(account), TEST_PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return page;
}

/**
 * Takes an action on the case page as a user would: finds the action's form by its name, fills its
 * fields by their labels (selects by option text), submits, and waits for the confirmation.
 */
export async function takeAction(page: Page, action: CaseAction, fields: Record<string, string> = {}) {
  const name = tKey("action", action);
  const form = page.getByRole("form", { name, exact: true });
  for (const [label, value] of Object.entries(fields)) {
    const field = form.getByLabel(label, { exact: true });
    if ((await field.evaluate((element) => element.tagName)) === "SELECT") await field.selectOption({ label: value });
    else await field.fill(value);
  }
  await form.getByRole("button", { name, exact: true }).click();
  await page
    .getByRole("status")
    .filter({ hasText: t("case.done", { action: name }) })
    .waitFor();
}

/**
 * The web server and Chromium for one test file, started before its tests and stopped after them.
 * `signIn` opens a fresh context as a test account; `anonymousPage` one signed in as nobody.
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
    signIn: (account: TestAccount, options: { javaScriptEnabled?: boolean; phone?: boolean } = {}) =>
      signedInPage(browser!, app!.baseUrl, account, options),
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

// UPDATE_SCREENSHOTS=1 writes the screenshots that docs/screenshots/ keeps.
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS ? path.resolve(__dirname, "../../docs/screenshots") : null;

/** The whole page as docs/screenshots/{name}.png, when UPDATE_SCREENSHOTS is set; otherwise nothing. */
export async function screenshot(page: Page, name: string) {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Lazy images load as they scroll into view: bring each in before the full-page picture.
  for (const image of await page.getByRole("img").all()) await image.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => [...document.images].every((image) => image.complete));
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
