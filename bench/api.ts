/**
 * `npm run bench:api`: work orders transferred in over HTTP through the built web server, with one and
 * with two web processes, each request a distinct work order from one of 8 clients sending in turn
 * (what a platform's outbox does when it catches up after an outage). Prints transfers per second and
 * the latency percentiles, after the statements one transfer takes. BENCH_TRANSFERS and BENCH_CLIENTS
 * change the 2000 and the 8.
 */
import { percentile, prepareBenchEnvironment, removeRedisKeys, startServer, statementsPerRequest } from "./setup";

const TRANSFERS = Number(process.env.BENCH_TRANSFERS ?? 2000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);

/** One distinct work order sent to the server at `base`; answers its HTTP status. */
async function transfer(base: string, key: string, workOrderNo: string) {
  const response = await fetch(`${base}/api/v1/cases`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({
      workOrderNo,
      // Received an hour ago: a work order older than TRANSFER_IN_MAX_AGE_DAYS is refused.
      receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
      complainantPhone: "13800000000",
      township: "古南街道",
      category: "noise",
      description: "基准测试：平台转办工单。",
    }),
  });
  await response.arrayBuffer();
  return response.status;
}

async function run(processes: number, key: string, label: string) {
  const server = await startServer(processes);
  const base = `http://127.0.0.1:${server.port}`;
  try {
    let next = 0;
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const send = async (index: number) => {
      const started = process.hrtime.bigint();
      const status = await transfer(base, key, `${label}-${index}`);
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    };
    // Warm up: the first requests compile routes and open connections.
    for (let n = 0; n < 20; n += 1) await send(-1 - n);
    latencies.length = 0;
    statuses.clear();
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < TRANSFERS) await send(next++);
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    latencies.sort((a, b) => a - b);
    console.log(
      `${processes} web process${processes > 1 ? "es" : ""}: ${TRANSFERS} transfers in ${seconds.toFixed(1)} s = ${(TRANSFERS / seconds).toFixed(0)}/s; ` +
        `latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms; ` +
        `answers ${[...statuses].map(([status, count]) => `${status}×${count}`).join(" ")}`,
    );
  } finally {
    server.child.kill("SIGTERM");
    await new Promise((resolve) => server.child.once("exit", resolve));
  }
}

async function main() {
  const env = prepareBenchEnvironment("api");
  const { prisma } = await import("~/db.server");
  const { seedReferenceData } = await import("~/models/reference/seed.server");
  const { createApiKey } = await import("~/models/transfers-in/api-keys.server");
  const { closeRedisResources } = await import("~/redis.server");
  await seedReferenceData();
  // A limit above what the benchmark sends: it measures the work, not the refusal.
  const { key } = await createApiKey({ name: "bench", scopes: ["transfers"], channel: "transfer12345", rateLimit: 100_000 });
  const statements = await statementsPerRequest(async (base) => async (index) => {
    if ((await transfer(base, key, `count-${index}`)) !== 201) throw new Error("a transfer failed");
  });
  console.log(`statements per transfer (the whole request, one at a time): ${statements}`);
  await run(1, key, "one");
  await run(2, key, "two");
  console.log(`cases registered: ${await prisma.case.count()}`);
  await prisma.$disconnect();
  await closeRedisResources();
  await removeRedisKeys(process.env.REDIS_PREFIX!);
  env.remove();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
