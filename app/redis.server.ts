import IORedis, { type RedisOptions } from "ioredis";
import { config } from "~/config.server";
import { logger } from "~/logger.server";

/**
 * Connections to Redis, and nothing else: the queues are defined by the features that own them
 * (app/models/jobs/queues.server.ts).
 */

/** A connection for a BullMQ worker: it must wait for Redis rather than fail commands. */
export function createWorkerConnection(): IORedis {
  return new IORedis(config().REDIS_URL, { maxRetriesPerRequest: null });
}

/**
 * The web process's connection fails fast while Redis is away, so that a request is never held up:
 * the database stays the truth and the sweep catches up when Redis returns.
 */
const producerOptions: RedisOptions = {
  maxRetriesPerRequest: 1,
  enableOfflineQueue: false,
  connectTimeout: 2000,
  retryStrategy: (attempt) => Math.min(attempt * 500, 5000),
};

interface RedisResources {
  connection?: IORedis;
  /** What else holds connections (the queues): closed before the connection. */
  users?: Set<() => Promise<void>>;
}
const globals = globalThis as { greenlineRedis?: RedisResources };
const resources: RedisResources = (globals.greenlineRedis ??= {});

/** The web process's one fail-fast connection, shared by every queue's producer. */
export function producerConnection(): IORedis {
  if (!resources.connection) {
    resources.connection = new IORedis(config().REDIS_URL, producerOptions);
    resources.connection.on("error", (error) => logger.debug({ err: error.message }, "redis connection error"));
  }
  return resources.connection;
}

/**
 * Whether Redis answers now (waiting up to `timeoutMs` for a connection being made). Queue writes ask
 * first: BullMQ would otherwise wait for Redis indefinitely, holding up the request that changed a case.
 */
export async function redisReady(timeoutMs = 1000): Promise<boolean> {
  const connection = producerConnection();
  if (connection.status === "ready") return true;
  return new Promise<boolean>((resolve) => {
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      connection.off("ready", onReady);
      resolve(false);
    }, timeoutMs);
    connection.once("ready", onReady);
  });
}

/** Key for a value that lives beside the queues under this installation's prefix. */
export function redisKey(name: string): string {
  return `${config().REDIS_PREFIX}:${name}`;
}

export const WORKER_HEARTBEAT_KEY = "workers:heartbeat";
export const WORKER_HEARTBEAT_TTL_SECONDS = 120;

export type DeadlineProcessingStatus = "running" | "redis-unavailable" | "no-worker";

let lastStatus: { at: number; value: DeadlineProcessingStatus } | undefined;

/** Whether deadlines are being enforced now: Redis answers and a worker reported recently. Cached 5 s. */
export async function deadlineProcessingStatus(): Promise<DeadlineProcessingStatus> {
  if (lastStatus && Date.now() - lastStatus.at < 5000) return lastStatus.value;
  let value: DeadlineProcessingStatus;
  try {
    const connection = producerConnection();
    if (!(await redisReady())) throw new Error("redis unavailable");
    const heartbeat = await withTimeout(connection.get(redisKey(WORKER_HEARTBEAT_KEY)), 1000);
    value = heartbeat ? "running" : "no-worker";
  } catch {
    value = "redis-unavailable";
  }
  lastStatus = { at: Date.now(), value };
  return value;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("timeout")), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Registers what must close before the connections do (the queues, their events). */
export function onRedisClose(close: () => Promise<void>) {
  (resources.users ??= new Set()).add(close);
}

export async function closeRedisResources() {
  for (const close of resources.users ?? []) await close();
  resources.connection?.disconnect();
  resources.connection = undefined;
}

/**
 * Counts one more event under `key` in a window that Redis forgets after `ttlSeconds` (the API's rate
 * limit). Null while Redis is away: the caller decides what that means.
 */
export async function countInWindow(key: string, ttlSeconds: number): Promise<number | null> {
  if (!(await redisReady(200))) return null;
  try {
    const name = `${config().REDIS_PREFIX}:window:${key}`;
    const [[, count]] = (await producerConnection().multi().incr(name).expire(name, ttlSeconds).exec()) as [
      [Error | null, number],
      [Error | null, number],
    ];
    return count;
  } catch {
    return null;
  }
}
