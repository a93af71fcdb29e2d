import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { t } from "~/i18n";
import { usernameOf } from "../support/browser";
import { useHttpApp } from "../support/http";

/** Saved filters over HTTP: one user's own, canonical, limited, and refused when there is nothing to save. */
const { signIn, request } = useHttpApp();

const save = (cookie: string, search: string, name: string) =>
  request(`/cases?${search}${search ? "&" : ""}index`, {
    method: "POST",
    cookie,
    body: new URLSearchParams({ intent: "saveFilter", name }),
  });
const filtersOf = async (account: "dispatcher" | "leader") =>
  prisma.savedFilter.findMany({
    where: { user: { username: usernameOf(account) } },
    select: { id: true, name: true, query: true },
    orderBy: { name: "asc" },
  });

describe("saved filters", { timeout: 120_000 }, () => {
  it("keeps the list's own query under a name, replaces it under the same name, and lists it as a link", async () => {
    const dispatcher = await signIn("dispatcher");
    // What the list does not read (a script, a page number, an unknown state) is not kept.
    const saved = await save(dispatcher, "state=<script>&overdue=1&sort=due_asc&page=7&q=油烟", "超期油烟");
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe("/cases?q=%E6%B2%B9%E7%83%9F&overdue=1&sort=due_asc");
    expect(await filtersOf("dispatcher")).toMatchObject([
      { name: "超期油烟", query: "q=%E6%B2%B9%E7%83%9F&overdue=1&sort=due_asc" },
    ]);

    await save(dispatcher, "overdue=1", "超期油烟");
    expect(await filtersOf("dispatcher")).toMatchObject([{ name: "超期油烟", query: "overdue=1" }]);

    const page = await (await request("/cases", { cookie: dispatcher })).text();
    expect(page).toContain('href="/cases?overdue=1"');
    expect(page).toContain(t("cases.deleteFilter", { name: "超期油烟" }));
  });

  it("refuses a filter with nothing in it, a name too long, and the twenty-first, keeping what was typed", async () => {
    const leader = await signIn("leader");
    const empty = await save(leader, "", "全部");
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain(t("error.emptyFilter"));
    const long = await save(leader, "overdue=1", "名".repeat(31));
    expect(long.status).toBe(400);
    for (let i = 0; i < 20; i += 1) expect((await save(leader, `q=${i}`, `筛选${String(i).padStart(2, "0")}`)).status).toBe(302);
    const over = await save(leader, "q=more", "第二十一个");
    expect(over.status).toBe(400);
    const html = await over.text();
    expect(html).toContain(t("error.tooManyFilters"));
    expect(html).toContain('value="第二十一个"');
    expect(await filtersOf("leader")).toHaveLength(20);
  });

  it("removes only the user's own", async () => {
    const dispatcher = await signIn("dispatcher");
    const leader = await signIn("leader");
    const [own] = await filtersOf("dispatcher");
    const [others] = await filtersOf("leader");
    const remove = (cookie: string, filterId: number) =>
      request("/cases?index", {
        method: "POST",
        cookie,
        body: new URLSearchParams({ intent: "deleteFilter", filterId: String(filterId) }),
      });
    await remove(dispatcher, others.id);
    expect(await filtersOf("leader")).toHaveLength(20);
    await remove(dispatcher, own.id);
    expect(await filtersOf("dispatcher")).toHaveLength(0);
    expect((await remove(leader, 0)).status).toBe(400);
  });
});
