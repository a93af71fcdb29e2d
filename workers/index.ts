/**
 * The worker process: enforces deadlines from the BullMQ queue. Several may run at once; each step
 * still takes effect once (app/models/deadline-jobs.server.ts). `npm run worker` starts one alone.
 */
import { randomUUID } from "node:crypto";
import type IORedis from "ioredis";
import { type Processor, Worker } from "bullmq";
import { config } from "~/config.server";
import { prisma } from "~/db.server";
import { logger } from "~/logger.server";
import { processDeadlineJob, requeueAllDeadlines, sweepDueSteps, type StepRef } from "~/models/deadline-jobs.server";
import { type LedgerImportJobData, processLedgerImportJob } from "~/models/ledger-import-jobs.server";
import { type StatisticsJobData, processStatisticsJob } from "~/models/statistics-jobs.server";
import { deliverWebhook, requeuePendingWebhooks } from "~/models/webhooks.server";
import { processAttachmentJob, requeuePendingImages } from "~/models/attachment-jobs.server";
import {
  ATTACHMENT_QUEUE,
  DEADLINE_QUEUE,
  LEDGER_IMPORT_QUEUE,
  STATISTICS_QUEUE,
  WEBHOOK_QUEUE,
  WORKER_HEARTBEAT_KEY,
  WORKER_HEARTBEAT_TTL_SECONDS,
  closeRedisResources,
  createWorkerConnection,
  deadlineQueue,
  redisKey,
} from "~/redis.server";

export const SWEEP_SCHEDULER_ID = "deadline-sweep";
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

/** Starts this process's BullMQ workers: deadline steps and the sweep, webhook deliveries, ledger imports, statistics. */
export async function startWorkers(options: { concurrency?: number } = {}) {
  const { REDIS_PREFIX, SWEEP_INTERVAL_MS } = config();
  const workerId = randomUUID().slice(0, 8);
  const connection = createWorkerConnection();
  /** A worker of one queue on this process's connection, started below; its errors (and failed jobs) logged as `what`. */
  const queueWorker = <T>(
    queue: string,
    processor: Processor<T>,
    options: { concurrency: number; lockDuration?: number },
    what: string,
    logFailedJobs = true,
  ) => {
    const queueWorker = new Worker<T>(queue, processor, { connection, prefix: REDIS_PREFIX, autorun: false, ...options });
    if (logFailedJobs)
      queueWorker.on("failed", (job, error) => logger.error({ jobId: job?.id, err: error.message }, `${what} failed`));
    queueWorker.on("error", (error) => logger.error({ err: error.message }, `${what} worker error`));
    return queueWorker;
  };
  const worker = queueWorker<StepRef | Record<string, never>>(
    DEADLINE_QUEUE,
    async (job) => (job.name === "sweep" ? sweepDueSteps() : processDeadlineJob(job as Parameters<typeof processDeadlineJob>[0])),
    { concurrency: options.concurrency ?? 8 },
    "deadline job",
  );
  // Webhook deliveries have their own queue and worker, so a failing receiver never delays deadlines;
  // every attempt is recorded with the delivery, so failed attempts are not logged again.
  const webhookWorker = queueWorker<{ eventId: string }>(
    WEBHOOK_QUEUE,
    (job) => deliverWebhook(job.data.eventId, { finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) }),
    { concurrency: 4 },
    "webhook",
    false,
  );
  // Ledger imports: one at a time per worker; an import writes in one transaction.
  const importWorker = queueWorker<LedgerImportJobData>(
    LEDGER_IMPORT_QUEUE,
    processLedgerImportJob,
    { concurrency: 1, lockDuration: 120_000 },
    "ledger import",
  );
  // Photos' screen and thumbnail versions: two at a time, each a few hundred milliseconds of image work.
  const attachmentWorker = queueWorker<{ sha256: string }>(
    ATTACHMENT_QUEUE,
    (job) => processAttachmentJob(job.data),
    { concurrency: 2 },
    "image versions",
  );
  // Statistics for web requests: one at a time, so that reports never crowd out the deadline steps.
  const statisticsWorker = queueWorker<StatisticsJobData>(
    STATISTICS_QUEUE,
    processStatisticsJob,
    { concurrency: 1 },
    "statistics job",
  );

  /**
   * The database is the truth: fire what is already due, queue every future step again, and make sure
   * the sweep's scheduler exists. Run at start and whenever Redis turns out to have lost its data
   * (restarted without persistence, or emptied), which the missing marker key reveals.
   */
  const restoreQueues = async () => {
    // Marked first: if Redis is emptied while this runs, the marker goes too and the next beat restores again.
    await connection.set(redisKey(QUEUES_RESTORED_KEY), workerId);
    try {
      const swept = await sweepDueSteps();
      const queued = await requeueAllDeadlines();
      await deadlineQueue().upsertJobScheduler(SWEEP_SCHEDULER_ID, { every: SWEEP_INTERVAL_MS }, { name: "sweep", data: {} });
      await requeuePendingWebhooks();
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
  void worker.run();
  void webhookWorker.run();
  void importWorker.run();
  void statisticsWorker.run();
  void attachmentWorker.run();

  return async function stop() {
    clearInterval(heartbeat);
    await Promise.all([
      worker.close(),
      webhookWorker.close(),
      importWorker.close(),
      statisticsWorker.close(),
      attachmentWorker.close(),
    ]);
    await closeRedisResources();
    connection.disconnect();
  };
}

if (require.main === module) {
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
