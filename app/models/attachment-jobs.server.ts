import { logger } from "~/logger.server";
import { attachmentQueue, redisReady } from "~/redis.server";
import { deriveImages, pendingImages } from "./attachment-images.server";

/**
 * Photos' screen and thumbnail versions are made by the worker, off the request (a 12-megapixel photo
 * takes a noticeable part of a second). The database says which are pending, so a lost queue loses nothing:
 * the worker queues them again when it restores its queues.
 */
export function queueImageDerivation(files: { sha256: string; contentType: string }[]) {
  return queueImages(files.filter((file) => file.contentType.startsWith("image/")).map((file) => file.sha256));
}

async function queueImages(hashes: string[]) {
  const images = [...new Set(hashes)];
  if (images.length === 0) return;
  try {
    if (!(await redisReady())) throw new Error("redis unavailable");
    await attachmentQueue().addBulk(
      images.map((sha256) => ({ name: "derive", data: { sha256 }, opts: { jobId: `derive-${sha256}` } })),
    );
  } catch (error) {
    logger.warn(
      { images: images.length, err: (error as Error).message },
      "image versions not queued; the worker catches up at start",
    );
  }
}

export async function requeuePendingImages() {
  const pending = await pendingImages();
  await queueImages(pending);
  return pending.length;
}

export async function processAttachmentJob(data: { sha256: string }) {
  return deriveImages(data.sha256);
}
