import IORedis from "ioredis";
import { config } from "~/config.server";
import type { Transaction } from "~/db.server";
import { logger } from "~/logger.server";
import { onRedisClose, producerConnection, redisKey, redisReady } from "~/redis.server";
import { readerInTransaction } from "../db/write-transaction.server";

/**
 * Reference data that every registration and step reads (the holiday calendar, the deadline policies,
 * the intake's vocabulary, the message templates, the units' names) is kept per process instead of read
 * per request (docs/decisions/0026). Whoever changes one calls `forgetReference`: its own process reads it
 * again at once, and every web and worker process listening (`listenForReferenceChanges`) is told through
 * Redis. Should that message be lost (Redis away), a kept value is read again after 30 s at the latest.
 */
export type ReferenceName = "calendar" | "policies" | "intakeVocabulary" | "messageTemplates" | "unitNames";

const KEPT_MS = 30_000;
const CHANNEL = "reference-changed";

// One store per process, however many copies of this module it loads (the tests load the built server beside the sources).
const globals = globalThis as { greenlineKeptReferences?: Map<ReferenceName, { loadedAt: number; value: Promise<unknown> }> };
const kept = (globals.greenlineKeptReferences ??= new Map());

/**
 * The kept value, read by `load` when there is none younger than 30 s, or always when `again`: through the
 * step's transaction when one is open (write-transaction.server.ts says why), else through the pool.
 */
export function keptReference<T>(name: ReferenceName, load: (db: Transaction) => Promise<T>, again = false): Promise<T> {
  const entry = kept.get(name);
  if (!again && entry && Date.now() - entry.loadedAt < KEPT_MS) return entry.value as Promise<T>;
  const value = load(readerInTransaction());
  kept.set(name, { loadedAt: Date.now(), value });
  // A failed read is not kept.
  value.catch(() => {
    if (kept.get(name)?.value === value) kept.delete(name);
  });
  return value;
}

/** After a change of reference data has committed: this process and the others read it again. */
export async function forgetReference(...names: ReferenceName[]) {
  for (const name of names) kept.delete(name);
  try {
    if (await redisReady(500)) await producerConnection().publish(redisKey(CHANNEL), names.join(","));
  } catch (error) {
    logger.warn({ err: (error as Error).message }, "reference change not announced; other processes read it within 30 s");
  }
}

let subscriber: IORedis | undefined;

/** A long-running process (web, workers) forgets what another process changed as soon as it is told. */
export async function listenForReferenceChanges(): Promise<void> {
  if (subscriber) return;
  const connection = new IORedis(config().REDIS_URL, { maxRetriesPerRequest: null });
  subscriber = connection;
  connection.on("error", (error) => logger.debug({ err: error.message }, "reference change listener: redis error"));
  connection.on("message", (_channel: string, message: string) => {
    for (const name of message.split(",")) kept.delete(name as ReferenceName);
  });
  onRedisClose(async () => {
    connection.disconnect();
    subscriber = undefined;
  });
  // Resubscribed by ioredis after a reconnection; while Redis is away, the 30 s limit holds.
  await connection.subscribe(redisKey(CHANNEL)).catch(() => undefined);
}
