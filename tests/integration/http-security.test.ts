import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { usernameOf } from "../support/browser";
import { TEST_PASSWORD } from "../support/fixtures";
import { unlockAccount } from "~/models/accounts/sign-in.server";
import { startApp } from "../support/browser";
import { assignedCase, makeActor } from "../support/fixtures";
import { httpClient } from "../support/http";
import { waitFor } from "../support/wait";

let app: Awaited<ReturnType<typeof startApp>>;
// Trusts the loopback proxy, so that a test can say "this came over HTTPS" as a reverse proxy would.
beforeAll(async () => {
  app = await startApp({ TRUST_PROXY: "loopback" });
});
afterAll(async () => {
  await app?.stop();
});

const { signIn, request } = httpClient(() => app.baseUrl);
const login = (body: Record<string, string>, headers: Record<string, string> = {}) =>
  request("/login", { method: "POST", body: new URLSearchParams(body), headers });

describe("the web server's defences", () => {
  it("sends a nonce-based Content-Security-Policy and the other security headers, and HSTS only over HTTPS", async () => {
    const response = await request("/login");
    const csp = response.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("'unsafe-inline' 'nonce"); // scripts: the nonce only
    expect(csp).toMatch(/script-src 'self' 'nonce-/);
    const html = await response.text();
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) if (!/ src=/.test(tag)) expect(tag).toContain(`nonce="${nonce}"`);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
    expect(response.headers.get("strict-transport-security")).toBeNull();
    const overHttps = await request("/login", { headers: { "x-forwarded-proto": "https" } });
    expect(overHttps.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    // Each response its own nonce.
    expect((await request("/login")).headers.get("content-security-policy")).not.toBe(csp);
  });

  it("gives the session cookie Secure and the __Host- prefix over HTTPS, and neither over plain HTTP", async () => {
    const plain = await login({ username: usernameOf("operator"), password: TEST_PASSWORD });
    expect(plain.headers.get("set-cookie")).toMatch(/^greenline=.*HttpOnly/i);
    expect(plain.headers.get("set-cookie")).not.toMatch(/Secure/i);
    const https = await login({ username: usernameOf("operator"), password: TEST_PASSWORD }, { "x-forwarded-proto": "https" });
    const cookie = https.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^__Host-greenline=/);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; Path=\//i);
    expect(cookie).not.toMatch(/Domain=/i);
  });

  it("a new session at every sign-in; after sign-out the old cookie opens nothing", async () => {
    const first = await signIn("dispatcher");
    const second = await signIn("dispatcher");
    expect(first).not.toBe(second);
    expect((await request("/cases", { cookie: first })).status).toBe(200);
    expect((await request("/logout", { method: "POST", cookie: first })).status).toBe(302);
    const after = await request("/cases", { cookie: first });
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/login/);
    expect((await request("/cases", { cookie: second })).status).toBe(200);
  });

  it("signing in again in the same browser ends the session that browser held", async () => {
    const before = await signIn("dispatcher");
    const again = await signIn("leader", { cookie: before });
    expect((await request("/cases", { cookie: again })).status).toBe(200);
    const old = await request("/cases", { cookie: before });
    expect(old.status).toBe(302);
    expect(old.headers.get("location")).toMatch(/^\/login/);
  });

  it.each([
    "/\\evil.example",
    "/\t/evil.example",
    "//evil.example",
    "/\\/evil.example",
    "https://evil.example",
    "/%0A/evil.example",
    "/\n/evil.example",
    " //evil.example",
  ])("sends a signed-in user only to a path of this site (redirectTo=%j)", async (redirectTo) => {
    const response = await login({ username: usernameOf("leader"), password: TEST_PASSWORD, redirectTo });
    expect(response.status).toBe(302);
    const location = response.headers.get("location")!;
    expect(new URL(location, app.baseUrl).origin).toBe(new URL(app.baseUrl).origin);
    expect(location.startsWith("/")).toBe(true);
    expect(location).not.toMatch(/^\/[\\/]|\\/);
  });

  it("refuses a post from another origin with 403 and records it, whatever the route", async () => {
    const cookie = await signIn("operator");
    const before = await prisma.securityEvent.count({ where: { type: "crossSiteRequestRefused" } });
    const logout = await request("/logout", { method: "POST", cookie, headers: { origin: "http://evil.example" } });
    expect(logout.status).toBe(403);
    expect(await logout.text()).toContain("其他网站");
    expect((await request("/cases", { cookie })).status).toBe(200);
    const intake = await request("/intake", {
      method: "POST",
      cookie,
      headers: { "sec-fetch-site": "cross-site", "content-type": "application/x-www-form-urlencoded" },
      body: "intent=register",
    });
    expect(intake.status).toBe(403);
    expect(await prisma.securityEvent.count({ where: { type: "crossSiteRequestRefused" } })).toBe(before + 2);
    // The server's log reaches this process through a pipe, a moment after the answer.
    await waitFor(
      async () => app.output(),
      (output) => output.includes('"security":"crossSiteRequestRefused"'),
      10_000,
    );
    expect(app.output()).not.toMatch(/at .*node_modules/);
    // The same post from this origin goes through.
    const own = await request("/logout", { method: "POST", cookie, headers: { origin: app.baseUrl } });
    expect(own.status).toBe(302);
  });

  it("answers unknown and blocked accounts exactly as a wrong password until the block, and records each try", async () => {
    const answers = async (username: string) => {
      const texts: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        const response = await login({ username, password: "wrong-password" });
        const text = await response.text();
        texts.push(`${response.status} ${/<p class="flash flash-error"[^>]*>([^<]*)</.exec(text)?.[1]}`);
      }
      return texts;
    };
    const known = await answers(usernameOf("wenlong"));
    const unknown = await answers("no-such-user");
    expect(unknown).toEqual(known);
    expect(known[0]).toBe("400 用户名或密码错误。");
    expect(known[5]).toMatch(/^429 尝试次数过多/);
    expect(await prisma.securityEvent.count({ where: { username: usernameOf("wenlong"), type: "signInFailed" } })).toBe(5);
  });

  it("records a refused page in the security log", async () => {
    const cookie = await signIn("gunan");
    expect((await request("/admin/users", { cookie })).status).toBe(403);
    const event = await prisma.securityEvent.findFirst({ where: { type: "permissionRefused", username: usernameOf("gunan") } });
    expect(JSON.parse(event!.detail!)).toMatchObject({ method: "GET", path: "/admin/users" });
  });

  it("answers another township's case as not found, like a case that does not exist, and records only the former", async () => {
    const world = { operator: await makeActor("operator"), dispatcher: await makeActor("dispatcher") };
    const gunanCase = await assignedCase(world, "2026-03-02 09:00");
    // The 文龙街道 account was blocked from this address by the test above: an administrator lifts it.
    const wenlong = await prisma.user.findUniqueOrThrow({ where: { username: usernameOf("wenlong") } });
    await unlockAccount(wenlong, await makeActor("admin"));
    const cookie = await signIn("wenlong");
    const refusals = () => prisma.securityEvent.count({ where: { type: "permissionRefused", username: usernameOf("wenlong") } });
    const missing = await request("/cases/TS-2026-99999", { cookie });
    expect(missing.status).toBe(404);
    expect(await refusals()).toBe(0);
    const hidden = await request(`/cases/${gunanCase.caseNo}`, { cookie });
    expect(hidden.status).toBe(404);
    // The same page but for the number in its title (and the response's own nonce).
    const mainOf = async (response: Response) => /<main>([\s\S]*)<\/main>/.exec(await response.text())?.[1];
    const hiddenMain = await mainOf(hidden);
    expect(hiddenMain).toContain("404");
    expect(hiddenMain).toBe(await mainOf(await request("/cases/TS-2026-99999", { cookie })));
    expect(await refusals()).toBe(1);
    const event = await prisma.securityEvent.findFirstOrThrow({
      where: { type: "permissionRefused", username: usernameOf("wenlong") },
    });
    expect(JSON.parse(event.detail!)).toMatchObject({ method: "GET", path: `/cases/${gunanCase.caseNo}` });
  });
});
