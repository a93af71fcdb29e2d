import type { Job } from "bullmq";
import { z } from "zod";
import { CASE_KINDS, type CaseKind } from "~/domain/case-kinds";
import type { StatisticsPeriod } from "~/domain/statistics";
import { logger } from "~/logger.server";
import { deadlineProcessingStatus } from "~/redis.server";
import { defineJob, queueEventsOf, queueOf } from "../jobs/queues.server";
import { type CaseStatistics, caseStatistics } from "./figures.server";

/**
 * Statistics over many cases hold the database, and on SQLite the whole web process, for up to seconds.
 * A web request hands them to a worker process when one is running (docs/decisions/0011), so that the
 * web process goes on answering everyone else meanwhile; without a worker, or if the worker does not
 * answer in time, they are computed in the request.
 */
export interface StatisticsJobData {
  kinds: CaseKind[];
  start: string;
  end: string;
  now: string;
}

type StatisticsByKind = Partial<Record<CaseKind, CaseStatistics>>;

const WORKER_ANSWER_MS = 120_000;

function compute(kinds: CaseKind[], period: StatisticsPeriod, now: Date): Promise<StatisticsByKind> {
  return Promise.all(kinds.map((kind) => caseStatistics(kind, period, now))).then((all) =>
    Object.fromEntries(all.map((statistics) => [statistics.kind, statistics])),
  );
}

/** What a worker answers has crossed JSON: its instants are strings again. */
function revive(result: StatisticsByKind): StatisticsByKind {
  return Object.fromEntries(
    Object.entries(result).map(([kind, statistics]) => [
      kind,
      { ...statistics, from: new Date(statistics.from), to: new Date(statistics.to) },
    ]),
  );
}

export async function statisticsOffRequest(
  kinds: CaseKind[],
  period: StatisticsPeriod,
  now = new Date(),
): Promise<StatisticsByKind> {
  if ((await deadlineProcessingStatus()) !== "running") return compute(kinds, period, now);
  try {
    const events = await queueEventsOf(statisticsJobs);
    const data: StatisticsJobData = {
      kinds,
      start: period.start.toISOString(),
      end: period.end.toISOString(),
      now: now.toISOString(),
    };
    const job = await queueOf(statisticsJobs).add("statistics", data);
    return revive((await job.waitUntilFinished(events, WORKER_ANSWER_MS)) as StatisticsByKind);
  } catch (error) {
    logger.warn({ err: (error as Error).message }, "statistics not answered by a worker; computed in the request");
    return compute(kinds, period, now);
  }
}

/** The report of a period: every kind's statistics, complaints first. */
export type StatisticsReport = Record<CaseKind, CaseStatistics>;

export async function statisticsReportOffRequest(period: StatisticsPeriod, now = new Date()): Promise<StatisticsReport> {
  const { complaint, petition, mediation } = await statisticsOffRequest(["complaint", "petition", "mediation"], period, now);
  return { complaint: complaint!, petition: petition!, mediation: mediation! };
}

/** The worker's side: one at a time, so that reports never crowd out the deadline steps; results are kept briefly. */
export const statisticsJobs = defineJob<StatisticsJobData>({
  queue: "statistics",
  what: "statistics job",
  payload: z.object({
    kinds: z.array(z.enum(CASE_KINDS)).min(1),
    start: z.string().datetime(),
    end: z.string().datetime(),
    now: z.string().datetime(),
  }),
  jobOptions: () => ({ attempts: 1, removeOnComplete: { age: 600, count: 200 }, removeOnFail: { age: 24 * 3600 } }),
  worker: { concurrency: 1, logFailedJobs: true },
  process: (job: Job<StatisticsJobData>) => {
    const { kinds, start, end, now } = job.data;
    return compute(kinds, { start: new Date(start), end: new Date(end) }, new Date(now));
  },
});
