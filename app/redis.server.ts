import { Queue, QueueEvents } from "bullmq";
import IORedis, { type RedisOptions } from "ioredis";
import { config } from "~/config.server";
import { logger } from "~/logger.server";

export const DEADLINE_QUEUE = "deadlines";
export const WEBHOOK_QUEUE = "webhooks";
export const LEDGER_IMPORT_QUEUE = "ledger-imports";
export const STATISTICS_QUEUE = "statistics";
export const ATTACHMENT_QUEUE = "attachments";

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
  deadlineQueue?: Queue;
  webhookQueue?: Queue;
  ledgerImportQueue?: Queue;
  statisticsQueue?: Queue;
  attachmentQueue?: Queue;
  statisticsEvents?: QueueEvents;
}
const globals = globalThis as { greenlineRedis?: RedisResources };
const resources: RedisResources = (globals.greenlineRedis ??= {});

function producerConnection(): IORedis {
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

export function deadlineQueue(): Queue {
  resources.deadlineQueue ??= new Queue(DEADLINE_QUEUE, {
    connection: producerConnection(),
    prefix: config().REDIS_PREFIX,
    defaultJobOptions: {
      attempts: 8,
      backoff: { type: "exponential", delay: 1000 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  });
  return resources.deadlineQueue;
}

export function webhookQueue(): Queue {
  resources.webhookQueue ??= new Queue(WEBHOOK_QUEUE, {
    connection: producerConnection(),
    prefix: config().REDIS_PREFIX,
    defaultJobOptions: {
      attempts: WEBHOOK_ATTEMPTS,
      backoff: { type: "exponential", delay: config().WEBHOOK_RETRY_DELAY_MS },
      removeOnComplete: { age: 7 * 24 * 3600 },
      removeOnFail: { age: 30 * 24 * 3600 },
    },
  });
  return resources.webhookQueue;
}

export const WEBHOOK_ATTEMPTS = 8;

/** Large ledger imports run in a worker; one attempt (an import is all or nothing and reports its own problems). */
export function ledgerImportQueue(): Queue {
  resources.ledgerImportQueue ??= new Queue(LEDGER_IMPORT_QUEUE, {
    connection: producerConnection(),
    prefix: config().REDIS_PREFIX,
    defaultJobOptions: { attempts: 1, removeOnComplete: { age: 7 * 24 * 3600 }, removeOnFail: { age: 7 * 24 * 3600 } },
  });
  return resources.ledgerImportQueue;
}

/** Statistics computed by a worker for a web request (app/models/statistics-jobs.server.ts); results are kept briefly. */
export function statisticsQueue(): Queue {
  resources.statisticsQueue ??= new Queue(STATISTICS_QUEUE, {
    connection: producerConnection(),
    prefix: config().REDIS_PREFIX,
    defaultJobOptions: { attempts: 1, removeOnComplete: { age: 600, count: 200 }, removeOnFail: { age: 24 * 3600 } },
  });
  return resources.statisticsQueue;
}

/** Screen and thumbnail versions of uploaded photos, made by the worker (app/models/attachment-images.server.ts). */
export function attachmentQueue(): Queue {
  resources.attachmentQueue ??= new Queue(ATTACHMENT_QUEUE, {
    connection: producerConnection(),
    prefix: config().REDIS_PREFIX,
    defaultJobOptions: {
      attempts: 3,
      backoff: { type: "exponential", delay: 2000 },
      removeOnComplete: { age: 24 * 3600 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  });
  return resources.attachmentQueue;
}

/** Completion events of the statistics queue, on a connection of their own (they block while waiting). */
export async function statisticsQueueEvents(): Promise<QueueEvents> {
  if (!resources.statisticsEvents) {
    const connection = new IORedis(config().REDIS_URL, { maxRetriesPerRequest: null });
    connection.on("error", (error) => logger.debug({ err: error.message }, "redis connection error"));
    resources.statisticsEvents = new QueueEvents(STATISTICS_QUEUE, { connection, prefix: config().REDIS_PREFIX });
  }
  await resources.statisticsEvents.waitUntilReady();
  return resources.statisticsEvents;
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

export async function closeRedisResources() {
  await resources.deadlineQueue?.close().catch(() => undefined);
  await resources.webhookQueue?.close().catch(() => undefined);
  await resources.ledgerImportQueue?.close().catch(() => undefined);
  await resources.statisticsQueue?.close().catch(() => undefined);
  await resources.attachmentQueue?.close().catch(() => undefined);
  await resources.statisticsEvents?.close().catch(() => undefined);
  resources.webhookQueue = undefined;
  resources.ledgerImportQueue = undefined;
  resources.statisticsQueue = undefined;
  resources.statisticsEvents = undefined;
  resources.connection?.disconnect();
  resources.deadlineQueue = undefined;
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
