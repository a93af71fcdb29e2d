import { randomBytes } from "node:crypto";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { prisma } from "~/db.server";
import { logger } from "~/logger.server";
import { type DerivedVariant, derivedPath, objectPath } from "./store.server";

/**
 * The versions of a photo that are shown (decision 0014): turned upright by its EXIF orientation, scaled,
 * as WebP, and without any metadata — GPS position, camera, time — which sharp drops unless asked to keep
 * it. The original stays as it was uploaded, for the record.
 */
const SIZES: Record<DerivedVariant, number> = { thumb: 320, screen: 1600 };

/** Makes the thumbnail and screen versions of a stored image; formats the library cannot decode are marked so. */
export async function deriveImages(sha256: string): Promise<"ready" | "unsupported" | "notAnImage"> {
  const file = await prisma.storedFile.findUnique({ where: { sha256 } });
  if (!file || !file.contentType.startsWith("image/")) return "notAnImage";
  let outcome: "ready" | "unsupported" = "ready";
  for (const [variant, size] of Object.entries(SIZES) as [DerivedVariant, number][]) {
    const target = derivedPath(sha256, variant);
    const temporary = `${target}.${randomBytes(6).toString("hex")}`;
    try {
      await mkdir(path.dirname(target), { recursive: true });
      await sharp(objectPath(sha256), { failOn: "error" })
        .rotate()
        .resize({ width: size, height: size, fit: "inside", withoutEnlargement: true })
        .webp({ quality: variant === "thumb" ? 70 : 82 })
        .toFile(temporary);
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      logger.info({ sha256, contentType: file.contentType, err: (error as Error).message }, "image kept without a preview");
      outcome = "unsupported";
      break;
    }
  }
  await prisma.storedFile.update({ where: { sha256 }, data: { derived: outcome } });
  return outcome;
}

/** Images still waiting for their versions (the worker restores these after a restart of Redis). */
export async function pendingImages(): Promise<string[]> {
  const files = await prisma.storedFile.findMany({
    where: { derived: "pending", contentType: { startsWith: "image/" } },
    select: { sha256: true },
  });
  return files.map((file) => file.sha256);
}
