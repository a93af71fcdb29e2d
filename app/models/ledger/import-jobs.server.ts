import { InputError } from "../errors";
import { randomUUID } from "node:crypto";
import { mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { config } from "~/config.server";
import { defineJob, jobStatus, queueOf } from "../jobs/queues.server";
import { type LedgerImportProgress, type LedgerImportSummary, importLedger } from "./import.server";

/**
 * Uploaded ledgers are kept under DATA_DIR/imports so that a dry run and its apply read the same
 * bytes; files above INLINE_LIMIT_BYTES are checked and imported by a worker, with progress.
 */
export const INLINE_LIMIT_BYTES = 1024 * 1024;
/** What a page can show of a huge list of problems; the CLI prints them all. */
const PROBLEMS_KEPT = 5000;

export interface StoredLedger {
  token: string;
  fileName: string;
}

export interface LedgerImportJobData extends StoredLedger {
  apply: boolean;
  actorId: number;
}

export type PageSummary = LedgerImportSummary & { problemCount: number; token: string };

const importsDir = () => path.resolve(config().DATA_DIR, "imports");
const storedPath = (token: string) => path.join(importsDir(), `${token}.upload`);

export async function storeUpload(content: Buffer, fileName: string): Promise<StoredLedger> {
  await mkdir(importsDir(), { recursive: true });
  const token = randomUUID();
  await writeFile(storedPath(token), content);
  return { token, fileName };
}

/** Removes uploaded ledgers older than `cutoff`: a check is applied within minutes, not days. */
export async function removeStaleLedgerUploads(cutoff: Date) {
  const names = await readdir(importsDir()).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names.filter((entry) => entry.endsWith(".upload"))) {
    const file = path.join(importsDir(), name);
    if ((await stat(file)).mtimeMs < cutoff.getTime()) {
      await rm(file, { force: true });
      removed += 1;
    }
  }
  return removed;
}

/** A token that names no stored upload: made up, mistyped, or of an upload already removed. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether a stored upload is small enough to check or import within the request. */
export async function runsInline(token: string) {
  if (!UUID.test(token)) throw new InputError({ token: "unknownUpload" });
  const size = await stat(storedPath(token)).then(
    (stats) => stats.size,
    () => {
      throw new InputError({ token: "unknownUpload" });
    },
  );
  return size <= INLINE_LIMIT_BYTES;
}

/** A stored upload's bytes (tokens are UUIDs: nothing else reaches the disk). */
export async function readStoredUpload(token: string) {
  if (!UUID.test(token)) throw new InputError({ token: "unknownUpload" });
  return readFile(storedPath(token)).catch(() => {
    throw new InputError({ token: "unknownUpload" });
  });
}

/** Runs a check or an import of a stored upload. */
export async function runStoredImport(
  data: LedgerImportJobData,
  onProgress?: (progress: LedgerImportProgress) => void | Promise<void>,
): Promise<PageSummary> {
  const content = await readStoredUpload(data.token);
  const summary = await importLedger(
    { content, fileName: data.fileName },
    { apply: data.apply, actorId: data.actorId, onProgress },
  );
  return {
    ...summary,
    problems: summary.problems.slice(0, PROBLEMS_KEPT),
    problemCount: summary.problems.length,
    token: data.token,
  };
}

/** Large ledger imports: one at a time per worker, one attempt (an import is all or nothing and reports its own problems). */
export const ledgerImportJobs = defineJob<LedgerImportJobData>({
  queue: "ledger-imports",
  what: "ledger import",
  payload: z.object({
    token: z.string().uuid(),
    fileName: z.string().max(300),
    apply: z.boolean(),
    actorId: z.number().int().positive(),
  }),
  jobOptions: () => ({ attempts: 1, removeOnComplete: { age: 7 * 24 * 3600 }, removeOnFail: { age: 7 * 24 * 3600 } }),
  worker: { concurrency: 1, lockDuration: 120_000, logFailedJobs: true },
  process: (job) => runStoredImport(job.data, (progress) => job.updateProgress({ ...progress })),
});

/** Hands an import to a worker; the page follows its progress (it fails when Redis is away: the page says so). */
export async function queueLedgerImport(data: LedgerImportJobData) {
  const job = await queueOf(ledgerImportJobs).add("import", data);
  return job.id!;
}

export const ledgerImportStatus = (jobId: string) =>
  jobStatus<LedgerImportJobData, LedgerImportProgress, PageSummary>(ledgerImportJobs, jobId);
