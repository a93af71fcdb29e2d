import { z } from "zod";
import { describeUnitProblem } from "~/i18n/ledger-problems";
import { defineJob, jobStatus, queueOf } from "../jobs/queues.server";
import { readStoredUpload } from "../ledger/import-jobs.server";
import { type RegisterImportProgress, type RegisterImportSummary, importRegister } from "./register.server";

/**
 * The administrator's register import (导入企业名录): a file kept under DATA_DIR/imports like a ledger's,
 * checked and imported in the request when small, by a worker with progress when large.
 */

/** What a page can show of a huge list of problems; the command line prints them all. */
const SHOWN_PROBLEMS = 200;

export interface RegisterImportJobData {
  token: string;
  fileName: string;
  apply: boolean;
}

/** A summary as the page shows it: the problems described in the desk's words, the first two hundred. */
export interface RegisterPageSummary extends Omit<RegisterImportSummary, "problems"> {
  fileName: string;
  problemCount: number;
  problems: string[];
}

export async function runStoredRegisterImport(
  data: RegisterImportJobData,
  onProgress?: (progress: RegisterImportProgress) => void | Promise<void>,
): Promise<RegisterPageSummary> {
  const content = await readStoredUpload(data.token);
  const summary = await importRegister({ content, fileName: data.fileName }, { apply: data.apply, onProgress });
  return {
    ...summary,
    fileName: data.fileName,
    problemCount: summary.problems.length,
    problems: summary.problems.slice(0, SHOWN_PROBLEMS).map(describeUnitProblem),
  };
}

/** Large register imports: one at a time per worker, one attempt (all or nothing, with its own problems). */
export const registerImportJobs = defineJob<RegisterImportJobData>({
  queue: "register-imports",
  what: "register import",
  payload: z.object({ token: z.string().uuid(), fileName: z.string().max(300), apply: z.boolean() }),
  jobOptions: () => ({ attempts: 1, removeOnComplete: { age: 7 * 24 * 3600 }, removeOnFail: { age: 7 * 24 * 3600 } }),
  worker: { concurrency: 1, lockDuration: 120_000, logFailedJobs: true },
  process: (job) => runStoredRegisterImport(job.data, (progress) => job.updateProgress({ ...progress })),
});

export async function queueRegisterImport(data: RegisterImportJobData) {
  const job = await queueOf(registerImportJobs).add("import", data);
  return job.id!;
}

export const registerImportStatus = (jobId: string) =>
  jobStatus<RegisterImportJobData, RegisterImportProgress, RegisterPageSummary>(registerImportJobs, jobId);
