import { type Job, type JobsOptions, Queue, QueueEvents } from "bullmq";
import type { z } from "zod";
import { config } from "~/config.server";
import { logger } from "~/logger.server";
import { createWorkerConnection, onRedisClose, producerConnection, redisReady } from "~/redis.server";

/**
 * One queue, defined once in the feature that owns it (docs/conventions.md "Jobs"): its name, the
 * schema its payloads must pass, the options of its jobs and of the workers that take them, and what
 * processes them. The worker process starts what app/models/jobs/registry.server.ts lists.
 */
export interface JobDefinition<T> {
  queue: string;
  /** What a job is, for the logs ("deadline job", "webhook"…). */
  what: string;
  /** A job whose data does not pass this fails for good, unprocessed. */
  payload: z.ZodType<T, z.ZodTypeDef, unknown>;
  /** A function: some options come from the configuration, read when the queue is first used. */
  jobOptions: () => JobsOptions;
  worker: { concurrency: number; lockDuration?: number; logFailedJobs: boolean };
  process: (job: Job<T>) => Promise<unknown>;
}

export const defineJob = <T>(definition: JobDefinition<T>) => definition;

/** A definition whatever its payload: each checks its own (the registry only starts and lists them). */
export type AnyJobDefinition = JobDefinition<any>;

interface QueueResources {
  queues: Map<string, Queue>;
  events: Map<string, QueueEvents>;
}
const globals = globalThis as { greenlineQueues?: QueueResources };
const resources: QueueResources = (globals.greenlineQueues ??= { queues: new Map(), events: new Map() });

/** The producer side of a job's queue, on the web process's fail-fast connection. */
export function queueOf(definition: Pick<AnyJobDefinition, "queue" | "jobOptions">): Queue {
  let queue = resources.queues.get(definition.queue);
  if (!queue) {
    queue = new Queue(definition.queue, {
      connection: producerConnection(),
      prefix: config().REDIS_PREFIX,
      defaultJobOptions: definition.jobOptions(),
    });
    resources.queues.set(definition.queue, queue);
  }
  return queue;
}

/** Completion events of a job's queue, on a connection of their own (they block while waiting). */
export async function queueEventsOf(definition: Pick<AnyJobDefinition, "queue">): Promise<QueueEvents> {
  let events = resources.events.get(definition.queue);
  if (!events) {
    const connection = createWorkerConnection();
    connection.on("error", (error) => logger.debug({ err: error.message }, "redis connection error"));
    events = new QueueEvents(definition.queue, { connection, prefix: config().REDIS_PREFIX });
    resources.events.set(definition.queue, events);
  }
  await events.waitUntilReady();
  return events;
}

/**
 * Queues jobs after the transaction that made them needed committed, or, while Redis is away, leaves
 * them to whoever catches up from the database (the sweep, the worker's restore): logged, never thrown,
 * so that a step already taken is never reported as failed. False when they were not queued.
 */
export async function queueOrLeave<T>(
  definition: JobDefinition<T>,
  jobs: { name: string; data: T; opts?: JobsOptions }[],
  catchUp: string,
): Promise<boolean> {
  if (jobs.length === 0) return true;
  try {
    if (!(await redisReady())) throw new Error("redis unavailable");
    await queueOf(definition).addBulk(jobs);
    return true;
  } catch (error) {
    logger.warn({ jobs: jobs.length, err: (error as Error).message }, `${definition.what} not queued; ${catchUp}`);
    return false;
  }
}

/** A queued job as a page follows it: its state, its reported progress, and its result or failure. */
export interface JobStatus<Progress, Result> {
  state: "waiting" | "active" | "completed" | "failed" | "missing";
  progress: Progress | null;
  result: Result | null;
  error: string | null;
}

export async function jobStatus<Data, Progress, Result>(
  definition: JobDefinition<Data>,
  jobId: string,
): Promise<JobStatus<Progress, Result>> {
  const job = await queueOf(definition).getJob(jobId);
  if (!job) return { state: "missing", progress: null, result: null, error: null };
  const state = await job.getState();
  return {
    state: state === "completed" || state === "failed" || state === "active" ? state : "waiting",
    progress: typeof job.progress === "object" ? (job.progress as Progress) : null,
    result: state === "completed" ? (job.returnvalue as Result) : null,
    error: state === "failed" ? job.failedReason : null,
  };
}

onRedisClose(closeQueues);

async function closeQueues() {
  await Promise.all([...resources.queues.values()].map((queue) => queue.close().catch(() => undefined)));
  await Promise.all([...resources.events.values()].map((events) => events.close().catch(() => undefined)));
  resources.queues.clear();
  resources.events.clear();
}
