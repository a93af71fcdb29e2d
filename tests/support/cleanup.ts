/** Closes what a test file opened and removes its Redis keys. */
export async function cleanUpTestResources() {
  const { closeRedisResources } = await import("~/redis.server");
  await closeRedisResources();
  const { default: Redis } = await import("ioredis");
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${process.env.REDIS_PREFIX}:*`, "COUNT", 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } catch {
    // No Redis: nothing was written there.
  } finally {
    redis.disconnect();
  }
  const globals = globalThis as { greenlinePrisma?: { $disconnect(): Promise<void> } };
  await globals.greenlinePrisma?.$disconnect();
}
