import { subDays } from "date-fns";
import type { Job } from "bullmq";
import { z } from "zod";
import { logger } from "~/logger.server";
import { defineJob, queueOf, queueOrLeave } from "../jobs/queues.server";
import { removeStaleLedgerUploads } from "../ledger/import-jobs.server";
import { deriveImages, pendingImages } from "./images.server";
import { sweepUnreferencedFiles } from "./sweep.server";

/**
 * Photos' screen and thumbnail versions are made by the worker, off the request (a 12-megapixel photo
 * takes a noticeable part of a second). The database says which are pending, so a lost queue loses nothing:
 * the worker queues them again when it restores its queues.
 */
export function queueImageDerivation(files: { sha256: string; contentType: string }[]) {
  return queueImages(files.filter((file) => file.contentType.startsWith("image/")).map((file) => file.sha256));
}

/**
 * Screen and thumbnail versions of uploaded photos, two at a time, each a few hundred milliseconds of
 * image work; and, on a schedule, the sweep of files no step kept.
 */
export const attachmentJobs = defineJob<{ sha256: string } | Record<string, never>>({
  queue: "attachments",
  what: "attachment job",
  payload: z.union([z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }), z.object({}).strict()]),
  jobOptions: () => ({
    attempts: 3,
    backoff: { type: "exponential", delay: 2000 },
    removeOnComplete: { age: 24 * 3600 },
    removeOnFail: { age: 7 * 24 * 3600 },
  }),
  worker: { concurrency: 2, logFailedJobs: true },
  process: (job) => (job.name === "sweep" ? sweepFiles() : deriveImages((job as Job<{ sha256: string }>).data.sha256)),
});

const FILE_SWEEP_SCHEDULER_ID = "file-sweep";
const FILE_SWEEP_EVERY_MS = 6 * 3600 * 1000;

/** The file sweep's schedule, one for all workers; set again whenever the queues are restored. */
export function scheduleFileSweep() {
  return queueOf(attachmentJobs).upsertJobScheduler(
    FILE_SWEEP_SCHEDULER_ID,
    { every: FILE_SWEEP_EVERY_MS },
    { name: "sweep", data: {} },
  );
}

async function sweepFiles(now = new Date()) {
  const swept = await sweepUnreferencedFiles(now);
  const ledgers = await removeStaleLedgerUploads(subDays(now, 1));
  if (swept.incoming + swept.objects + ledgers > 0) logger.info({ ...swept, ledgers }, "files no step kept removed");
  return { ...swept, ledgers };
}

async function queueImages(hashes: string[]) {
  const images = [...new Set(hashes)];
  await queueOrLeave(
    attachmentJobs,
    images.map((sha256) => ({ name: "derive", data: { sha256 }, opts: { jobId: `derive-${sha256}` } })),
    "the worker catches up at start",
  );
}

export async function requeuePendingImages() {
  const pending = await pendingImages();
  await queueImages(pending);
  return pending.length;
}
