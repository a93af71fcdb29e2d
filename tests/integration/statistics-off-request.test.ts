import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { yearPeriod } from "~/domain/statistics";
import { caseStatistics } from "~/models/statistics/figures.server";
import { closeRedisResources } from "~/redis.server";
import { queueOf } from "~/models/jobs/queues.server";
import { statisticsJobs } from "~/models/statistics/jobs.server";
import { startApp } from "../support/browser";
import { spawnWorker } from "../support/bulk-cases";
import { httpClient } from "../support/http";
import { waitFor } from "../support/wait";

let app: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  app = await startApp({}, { demoData: true });
});
afterAll(async () => {
  await app?.stop();
  await closeRedisResources();
});

const { signIn, request } = httpClient(() => app.baseUrl);
const year = new Date().getFullYear();

describe("statistics for a web request", { timeout: 180_000 }, () => {
  it("are computed in the request while no worker runs, and by the worker once one does, with the same figures", async () => {
    const cookie = await signIn("leader");
    const inline = await request(`/api/statistics?year=${year}`, { cookie });
    expect(inline.status).toBe(200);
    expect(await queueOf(statisticsJobs).getJobCounts("completed", "failed")).toEqual({ completed: 0, failed: 0 });

    const worker = spawnWorker();
    try {
      // The web process sees the worker's heartbeat within its 5-second status cache.
      await waitFor(
        async () => (await request("/healthz")).json() as Promise<{ deadlines: string }>,
        (health) => health.deadlines === "running",
        60_000,
        500,
      );
      const offloaded = await request(`/api/statistics?year=${year}`, { cookie });
      expect(offloaded.status).toBe(200);
      expect(await queueOf(statisticsJobs).getJobCounts("completed", "failed")).toEqual({ completed: 1, failed: 0 });
      const page = await request(`/reports/annual/${year}`, { cookie });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("全年共受理各类环保投诉");
      expect((await queueOf(statisticsJobs).getJobCounts("completed")).completed).toBe(2);

      const expected = JSON.parse(JSON.stringify(await caseStatistics("complaint", yearPeriod(year))));
      expect(expected.received).toBeGreaterThan(0);
      expect(await offloaded.json()).toEqual(expected);
      expect(await inline.json()).toEqual(expected);
      expect(await prisma.case.count()).toBeGreaterThan(0);
    } finally {
      worker.kill("SIGTERM");
      await new Promise((resolve) => worker.once("exit", resolve));
    }
  });
});
