import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { startApp } from "../support/browser";
import { httpClient } from "../support/http";
import { townshipId } from "../support/fixtures";

let app: Awaited<ReturnType<typeof startApp>>;

beforeAll(async () => {
  app = await startApp({ WEB_PROCESSES: "2" });
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

const { signIn } = httpClient(() => app.baseUrl);

describe("several web processes behind one port", { timeout: 180_000 }, () => {
  it("take 500 intakes at once: 500 cases numbered 1 to 500, from both processes, with one session", async () => {
    const cookie = await signIn("operator");
    const township = String(await townshipId("古南街道"));
    const servedBy = new Set<string>();
    const post = async (i: number) => {
      const response = await fetch(`${app.baseUrl}/intake`, {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          intent: "register",
          kind: "complaint",
          channel: "hotline12369",
          receivedAt: "2019-03-04T09:00",
          complainantName: `并发测试${i}`,
          townshipId: township,
          category: "noise",
          description: `第 ${i} 个并发登记的投诉。`,
        }),
        redirect: "manual",
      });
      servedBy.add(response.headers.get("x-greenline-process") ?? "");

      return response.status;
    };
    // 500 requests in flight at once (the server queues them for the one database writer).
    const statuses = await Promise.all(Array.from({ length: 500 }, (_, i) => post(i)));
    const failed = statuses.filter((status) => status !== 302);
    if (failed.length > 0)
      console.log(
        app
          .output()
          .split("\n")
          .filter((l) => /rror|nvalid|→|timed|ocked|usy/.test(l))
          .slice(0, 12)
          .join("\n"),
      );
    expect(failed).toEqual([]);
    expect(servedBy.size).toBe(2);
    const cases = await prisma.case.findMany({ where: { year: 2019 }, select: { seq: true }, orderBy: { seq: "asc" } });
    expect(cases.map((c) => c.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
  });
});
