import { prisma } from "~/db.server";
import type { CaseKind } from "~/domain/case-kinds";
import { type StatisticsPeriod, handledWithoutOverdue, onTimeRate } from "~/domain/statistics";

/**
 * The headline figures of DOMAIN.md "Statistics (统计口径)" for one kind and period, in one aggregate
 * query (never by loading cases). Instants are Unix milliseconds (docs/decisions/0002). A case's
 * conclusion is judged against the final due instant (after approved extensions) of its current
 * handling round. SQLite dialect.
 */
export async function headlineFigures(kind: CaseKind, period: StatisticsPeriod) {
  const start = period.start.getTime();
  const end = period.end.getTime();
  const inPeriod = (column: string) => `c."${column}" >= ${start} AND c."${column}" < ${end}`;
  const openAtEnd = `c."receivedAt" < ${end} AND (c."concludedAt" IS NULL OR c."concludedAt" >= ${end})
    AND (c."rejectedAt" IS NULL OR c."rejectedAt" >= ${end}) AND c."state" <> 'merged'`;
  const [row] = await prisma.$queryRawUnsafe<Record<string, bigint | number | null>[]>(
    `SELECT
       SUM(CASE WHEN ${inPeriod("receivedAt")} THEN 1 ELSE 0 END) AS "received",
       SUM(CASE WHEN ${inPeriod("acceptedAt")} THEN 1 ELSE 0 END) AS "accepted",
       SUM(CASE WHEN ${inPeriod("rejectedAt")} THEN 1 ELSE 0 END) AS "rejected",
       SUM(CASE WHEN c."state" = 'merged' AND ${inPeriod("receivedAt")} THEN 1 ELSE 0 END) AS "merged",
       SUM(CASE WHEN ${inPeriod("concludedAt")} THEN 1 ELSE 0 END) AS "concluded",
       SUM(CASE WHEN ${inPeriod("concludedAt")} AND c."concludedAt" <= m."dueAt" THEN 1 ELSE 0 END) AS "onTime",
       SUM(CASE WHEN ${openAtEnd} THEN 1 ELSE 0 END) AS "openAtEnd",
       SUM(CASE WHEN ${openAtEnd} AND m."dueAt" < ${end} THEN 1 ELSE 0 END) AS "overdueAtEnd"
     FROM "Case" c
     LEFT JOIN "CaseMilestone" m ON m."caseId" = c."id" AND m."round" = c."round" AND m."milestone" = 'conclude'
     WHERE c."kind" = ? AND c."receivedAt" < ${end}`,
    kind,
  );
  const count = (name: string) => Number(row?.[name] ?? 0);
  const concluded = count("concluded");
  const onTime = count("onTime");
  const figures = {
    received: count("received"),
    accepted: count("accepted"),
    rejected: count("rejected"),
    merged: count("merged"),
    concluded,
    onTime,
    overdue: concluded - onTime,
    openAtEnd: count("openAtEnd"),
    overdueAtEnd: count("overdueAtEnd"),
  };
  return { ...figures, onTimeRate: onTimeRate(onTime, concluded), handledWithoutOverdue: handledWithoutOverdue(figures) };
}
