import { type TestAccount, usernameOf } from "./browser";
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
