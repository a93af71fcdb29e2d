import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, type ReadStream } from "node:fs";
import { mkdir, rename, rm, stat, utimes } from "node:fs/promises";
import { once } from "node:events";
import path from "node:path";
import { config } from "~/config.server";
import { type AttachmentProblem, type ContentType, SNIFF_BYTES, attachmentProblem, sniffContent } from "~/domain/attachments";

/**
 * The files behind attachments (docs/decisions/0014): one copy per content, named by its SHA-256 under
 * FILES_DIR/objects, written to FILES_DIR/incoming first and renamed into place only once the step that
 * carries them has passed its checks (`keepReceivedFiles`), so that a reader never sees half a file and a
 * refused submission leaves nothing behind. The derived screen and thumbnail images sit under FILES_DIR/derived.
 */

export type DerivedVariant = "thumb" | "screen";

const filesDir = () => config().FILES_DIR;
const shard = (sha256: string) => [sha256.slice(0, 2), sha256.slice(2, 4)];

export const objectPath = (sha256: string) => path.join(filesDir(), "objects", ...shard(sha256), sha256);
export const objectsDir = () => path.join(filesDir(), "objects");
export const incomingDir = () => path.join(filesDir(), "incoming");
export const derivedPath = (sha256: string, variant: DerivedVariant) =>
  path.join(filesDir(), "derived", variant, ...shard(sha256), `${sha256}.webp`);

/** An upload as it arrived: its content's hash, size and recognised type, or why it cannot be kept. */
export interface ReceivedFile {
  fileName: string;
  sha256: string;
  size: number;
  contentType: string | null;
  problem: AttachmentProblem | null;
  /** Where the accepted file waits until its step is taken; null once kept, and for a refused file. */
  incoming: string | null;
}

/** Where a file of the given size may still fit: one file's limit, what the case holds, what the uploader has left this hour. */
export interface UploadLimits {
  maxFileBytes: number;
  caseBytesLeft: number;
  hourBytesLeft: number;
}

const MB = 1024 * 1024;

export function limitsInMegabytes() {
  const { ATTACHMENT_MAX_MB, CASE_ATTACHMENTS_MAX_MB, UPLOAD_MB_PER_USER_HOUR } = config();
  return { perFile: ATTACHMENT_MAX_MB, perCase: CASE_ATTACHMENTS_MAX_MB, perHour: UPLOAD_MB_PER_USER_HOUR };
}

/** What one case's attachments may hold in all, in bytes. */
export const caseAttachmentsLimitBytes = () => config().CASE_ATTACHMENTS_MAX_MB * MB;

/** What one account may upload in an hour, in bytes. */
export const hourlyUploadBudgetBytes = () => config().UPLOAD_MB_PER_USER_HOUR * MB;

export function uploadLimits(used: { caseBytes: number; hourBytes: number }): UploadLimits {
  return {
    maxFileBytes: config().ATTACHMENT_MAX_MB * MB,
    caseBytesLeft: caseAttachmentsLimitBytes() - used.caseBytes,
    hourBytesLeft: hourlyUploadBudgetBytes() - used.hourBytes,
  };
}

/**
 * Streams one upload to FILES_DIR/incoming while hashing it, so that memory stays flat whatever its size.
 * Past the per-file limit it stops writing but reads on (the rest of the form is behind it in the same
 * body) and reports the file as too large. A file that may not be kept leaves nothing behind; one that may
 * stays in incoming until `keepReceivedFiles` or `discardReceivedFiles`.
 */
export async function receiveUpload(
  data: AsyncIterable<Uint8Array>,
  fileName: string,
  limits: UploadLimits,
): Promise<ReceivedFile> {
  const incoming = incomingDir();
  await mkdir(incoming, { recursive: true });
  const temporary = path.join(incoming, randomBytes(12).toString("hex"));
  const out = createWriteStream(temporary, { flags: "wx" });
  const hash = createHash("sha256");
  const head: number[] = [];
  let size = 0;
  // Nothing is written past what could be kept: the file's, the case's and the hour's limits.
  const keepable = Math.min(limits.maxFileBytes, limits.caseBytesLeft, limits.hourBytesLeft);
  try {
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (head.length < SNIFF_BYTES) head.push(...chunk.subarray(0, SNIFF_BYTES - head.length));
      if (size > keepable) continue;
      hash.update(chunk);
      if (!out.write(chunk)) await once(out, "drain");
    }
  } finally {
    out.end();
    await once(out, "close");
  }
  const type: ContentType | null = sniffContent(Uint8Array.from(head), fileName);
  const problem = attachmentProblem({ fileName, size, type, ...limits });
  const sha256 = hash.digest("hex");
  if (problem) {
    await rm(temporary, { force: true });
    return { fileName, sha256: "", size, contentType: type?.mime ?? null, problem, incoming: null };
  }
  return { fileName, sha256, size, contentType: type!.mime, problem: null, incoming: temporary };
}

/**
 * Moves a step's accepted files into place, just before the step is written. A content already stored
 * is touched instead, so that the sweep of unreferenced objects (which spares anything younger than a
 * day) cannot remove it while this step's transaction is about to reference it.
 */
export async function keepReceivedFiles(files: ReceivedFile[]) {
  for (const file of files) {
    if (!file.incoming) continue;
    const target = objectPath(file.sha256);
    if (existsSync(target)) {
      const now = new Date();
      await utimes(target, now, now);
      await rm(file.incoming, { force: true });
    } else {
      await mkdir(path.dirname(target), { recursive: true });
      await rename(file.incoming, target);
    }
    file.incoming = null;
  }
}

/** Removes what a refused or failed submission left in incoming (nothing, for files already kept). */
export async function discardReceivedFiles(files: ReceivedFile[]) {
  for (const file of files) {
    if (file.incoming) await rm(file.incoming, { force: true });
    file.incoming = null;
  }
}

/** A byte range of a stored file (both ends included), or the whole of it. */
export interface ByteRange {
  start: number;
  end: number;
}

export async function storedFileSize(file: string): Promise<number | null> {
  try {
    return (await stat(file)).size;
  } catch {
    return null;
  }
}

export function readStoredFile(file: string, range?: ByteRange): ReadStream {
  return createReadStream(file, range ? { start: range.start, end: range.end } : {});
}
