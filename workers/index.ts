/**
 * The worker process: enforces deadlines from the BullMQ queue. Several may run at once; each step
 * still takes effect once (app/models/deadlines/ladder.server.ts). `npm run worker` starts one alone.
 */
import { randomUUID } from "node:crypto";
import type IORedis from "ioredis";
import { UnrecoverableError, Worker } from "bullmq";
import { config } from "~/config.server";
import { prisma } from "~/db.server";
import { logger } from "~/logger.server";
import { deadlineJobs, requeueAllDeadlines, scheduleSweep } from "~/models/deadlines/queue.server";
import { sweepDueSteps } from "~/models/deadlines/sweep.server";
import { requeuePendingImages, scheduleFileSweep } from "~/models/attachments/jobs.server";
import type { AnyJobDefinition } from "~/models/jobs/queues.server";
import { JOBS } from "~/models/jobs/registry.server";
import { listenForReferenceChanges } from "~/models/reference/kept.server";
import {
  WORKER_HEARTBEAT_KEY,
  WORKER_HEARTBEAT_TTL_SECONDS,
  closeRedisResources,
  createWorkerConnection,
  redisKey,
} from "~/redis.server";

const MAX_WAIT_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once the connection is ready, saying every so often (less often as time goes on) that it waits. */
async function waitForRedis(connection: IORedis) {
  for (let pause = 1000; connection.status !== "ready"; pause = Math.min(pause * 2, MAX_WAIT_MS)) {
    logger.warn(
      { redisStatus: connection.status, retryInMs: pause },
      "Redis does not answer yet; the deadline worker waits for it",
    );
    // Not events.once: it would reject at the connection's next "error" (each refused attempt emits one).
    await Promise.race([new Promise((resolve) => connection.once("ready", resolve)), sleep(pause)]);
  }
}
/** Present while Redis holds what the workers put there; its absence means the queues must be restored. */
const QUEUES_RESTORED_KEY = "workers:queues-restored";

/** Starts a BullMQ worker for every queue of the registry (app/models/jobs/registry.server.ts). */
export async function startWorkers(
  options: { /** The deadline queue's, where tests and benchmarks vary it. */ concurrency?: number } = {},
) {
  const { REDIS_PREFIX, SWEEP_INTERVAL_MS } = config();
  const workerId = randomUUID().slice(0, 8);
  const connection = createWorkerConnection();
  /** A worker of one queue on this process's connection: it takes only payloads its schema accepts. */
  const workerOf = (definition: AnyJobDefinition) => {
    const concurrency =
      definition === deadlineJobs ? (options.concurrency ?? definition.worker.concurrency) : definition.worker.concurrency;
    const worker = new Worker(
      definition.queue,
      async (job) => {
        if (!definition.payload.safeParse(job.data).success) throw new UnrecoverableError(`malformed ${definition.what} payload`);
        return definition.process(job);
      },
      {
        connection,
        prefix: REDIS_PREFIX,
        autorun: false,
        concurrency,
        // Absent rather than undefined: BullMQ would take an undefined lock duration as none.
        ...(definition.worker.lockDuration ? { lockDuration: definition.worker.lockDuration } : {}),
      },
    );
    if (definition.worker.logFailedJobs)
      worker.on("failed", (job, error) => logger.error({ jobId: job?.id, err: error.message }, `${definition.what} failed`));
    worker.on("error", (error) => logger.error({ err: error.message }, `${definition.what} worker error`));
    return worker;
  };
  const workers = JOBS.map(workerOf);

  /**
   * The database is the truth: fire what is already due, queue every future step again, and make sure
   * the sweep's scheduler exists. Run at start and whenever Redis turns out to have lost its data
   * (restarted without persistence, or emptied), which the missing marker key reveals.
   */
  const restoreQueues = async () => {
    // Marked first: if Redis is emptied while this runs, the marker goes too and the next beat restores again.
    await connection.set(redisKey(QUEUES_RESTORED_KEY), workerId);
    try {
      // The sweep also queues the webhook deliveries still pending.
      const swept = await sweepDueSteps();
      const queued = await requeueAllDeadlines();
      await scheduleSweep();
      await scheduleFileSweep();
      await requeuePendingImages();
      logger.info({ workerId, swept, queued, sweepEveryMs: SWEEP_INTERVAL_MS }, "deadline queues restored from the database");
    } catch (error) {
      // Unmarked again, so that the next beat tries once more.
      await connection.del(redisKey(QUEUES_RESTORED_KEY)).catch(() => undefined);
      throw error;
    }
  };
  const beat = async (restore = false) => {
    try {
      await connection.set(redisKey(WORKER_HEARTBEAT_KEY), `${workerId}:${Date.now()}`, "EX", WORKER_HEARTBEAT_TTL_SECONDS);
      if (restore || !(await connection.exists(redisKey(QUEUES_RESTORED_KEY)))) await restoreQueues();
      return true;
    } catch (error) {
      logger.warn({ err: (error as Error).message }, "worker heartbeat failed");
      return false;
    }
  };
  // A worker started before Redis (or while it restarts) waits for it, then restores the queues from the
  // database: nothing that fell due meanwhile is lost, because the database, not Redis, holds the steps.
  await waitForRedis(connection);
  for (let pause = 1000; !(await beat(true)); pause = Math.min(pause * 2, MAX_WAIT_MS)) await sleep(pause);
  const heartbeat = setInterval(() => void beat(), Math.min(30_000, SWEEP_INTERVAL_MS));
  for (const worker of workers) void worker.run();

  return async function stop() {
    clearInterval(heartbeat);
    await Promise.all(workers.map((worker) => worker.close()));
    await closeRedisResources();
    connection.disconnect();
  };
}

if (require.main === module) {
  void listenForReferenceChanges();
  startWorkers()
    .then((stop) => {
      const shutdown = async (signal: string) => {
        logger.info({ signal }, "deadline worker stopping; running jobs finish first");
        await stop();
        await prisma.$disconnect();
        process.exit(0);
      };
      process.once("SIGTERM", () => void shutdown("SIGTERM"));
      process.once("SIGINT", () => void shutdown("SIGINT"));
    })
    .catch((error) => {
      logger.fatal({ err: (error as Error).message }, "deadline worker could not start");
      process.exit(1);
    });
}
