import { z } from "zod";
import { defineJob, queueOrLeave } from "../jobs/queues.server";
import { deriveImages, pendingImages } from "./images.server";

/**
 * Photos' screen and thumbnail versions are made by the worker, off the request (a 12-megapixel photo
 * takes a noticeable part of a second). The database says which are pending, so a lost queue loses nothing:
 * the worker queues them again when it restores its queues.
 */
export function queueImageDerivation(files: { sha256: string; contentType: string }[]) {
  return queueImages(files.filter((file) => file.contentType.startsWith("image/")).map((file) => file.sha256));
}

/** Screen and thumbnail versions of uploaded photos: two at a time, each a few hundred milliseconds of image work. */
export const attachmentJobs = defineJob<{ sha256: string }>({
  queue: "attachments",
  what: "image versions",
  payload: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  jobOptions: () => ({
    attempts: 3,
    backoff: { type: "exponential", delay: 2000 },
    removeOnComplete: { age: 24 * 3600 },
    removeOnFail: { age: 7 * 24 * 3600 },
  }),
  worker: { concurrency: 2, logFailedJobs: true },
  process: (job) => deriveImages(job.data.sha256),
});

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
