import { afterAll, beforeAll } from "vitest";
import { type TestAccount, startApp, usernameOf } from "./browser";
import { TEST_PASSWORD } from "./fixtures";

/** Requests to a running app as a program sends them: no browser, cookies passed by hand. */
export function httpClient(baseUrl: () => string) {
  async function signIn(account: TestAccount, headers: Record<string, string> = {}) {
    const username = usernameOf(account);
    const response = await fetch(`${baseUrl()}/login`, {
      method: "POST",
      headers,
      body: new URLSearchParams({ username, password: TEST_PASSWORD }),
      redirect: "manual",
    });
    const cookie = response.headers.get("set-cookie");
    if (response.status !== 302 || !cookie) throw new Error(`sign-in of ${username} answered ${response.status}`);
    return cookie.split(";")[0];
  }
  const request = (path: string, init: RequestInit & { cookie?: string } = {}) => {
    const { cookie, headers, ...rest } = init;
    return fetch(`${baseUrl()}${path}`, {
      redirect: "manual",
      ...rest,
      headers: { ...(cookie ? { cookie } : {}), ...(headers as Record<string, string> | undefined) },
    });
  };
  return { signIn, request };
}

/**
 * The built app for this test file, started before its tests and stopped after them, with a client for
 * it: the setup every file that speaks HTTP to the server shares.
 */
export function useHttpApp(...args: Parameters<typeof startApp>) {
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  beforeAll(async () => {
    app = await startApp(...args);
  });
  afterAll(async () => {
    await app?.stop();
  });
  const baseUrl = () => app!.baseUrl;
  return { ...httpClient(baseUrl), baseUrl };
}
