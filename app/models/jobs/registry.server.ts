import { attachmentJobs } from "../attachments/jobs.server";
import { deadlineJobs } from "../deadlines/queue.server";
import { ledgerImportJobs } from "../ledger/import-jobs.server";
import { registerImportJobs } from "../enterprises/import-jobs.server";
import { statisticsJobs } from "../statistics/jobs.server";
import { webhookJobs } from "../outbox/webhooks.server";
import type { AnyJobDefinition } from "./queues.server";

/** Every queue of the installation: the worker process starts a worker for each, the queue dashboard shows each. */
export const JOBS: readonly AnyJobDefinition[] = [
  deadlineJobs,
  webhookJobs,
  ledgerImportJobs,
  registerImportJobs,
  attachmentJobs,
  statisticsJobs,
];
