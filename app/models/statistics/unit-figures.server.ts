import { prisma } from "~/db.server";
import { unitRateChart } from "~/charts.server";
import { type MessageKey, t } from "~/i18n";
import { type UnitRankingView, unitRankingTable } from "./figure-entries";
import type { StatisticsPeriod } from "~/domain/statistics";
import {
  REPEAT_COMPLAINT_DAYS,
  type UnitCounts,
  type UnitFigures,
  type UnitRate,
  emptyCounts,
  unitFigures,
} from "~/domain/unit-figures";
import { Params, indexedBy, instantPlus } from "../db/sql-dialect.server";

/** The kinds a unit handles and answers for: mediations are the bureau's mediators' own. */
const HANDLED_KINDS = ["complaint", "petition"];

export interface UnitRanking {
  units: (UnitFigures & { name: string; kind: string })[];
}

/**
 * The figures units are ranked by for a period (docs/domain.md "Figures units are ranked by"): the holds
 * of assignments made in the period, and the complaints and petitions concluded in it by the unit holding
 * them, counted per unit by two grouped queries (never by loading them) and made rates by
 * app/domain/unit-figures.ts.
 */
export async function unitRanking(period: StatisticsPeriod, now = new Date()): Promise<UnitRanking> {
  const [units, holds, conclusions] = await Promise.all([
    prisma.township.findMany({
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: { id: true, name: true, kind: true, active: true },
    }),
    holdCounts(period, now),
    conclusionCounts(period),
  ]);
  const counts = new Map<number, UnitCounts>();
  for (const row of [...holds, ...conclusions]) {
    const unitId = Number(row.unitId);
    const count = counts.get(unitId) ?? emptyCounts(unitId);
    for (const [key, value] of Object.entries(row)) if (key !== "unitId") count[key as keyof UnitCounts] = Number(value);
    counts.set(unitId, count);
  }
  // Every unit that worked in the period, and every active one (a unit without work ranks last, empty).
  const shown = units.filter((unit) => unit.active || counts.has(unit.id));
  const figures = unitFigures(
    shown.map((unit) => unit.id),
    [...counts.values()],
  );
  return { units: figures.map((figure, index) => ({ ...figure, name: shown[index].name, kind: shown[index].kind })) };
}

type CountRow = Record<string, number | bigint>;

/** The holds of assignments made in the period, per unit: answered by signing for it or returning it, whichever came first. */
function holdCounts(period: StatisticsPeriod, now: Date) {
  const params = new Params();
  const answeredAt = `CASE WHEN "endReason" = 'returned' AND "endedAt" IS NOT NULL AND ("signedForAt" IS NULL OR "endedAt" < "signedForAt")
    THEN "endedAt" ELSE "signedForAt" END`;
  const sql = `SELECT "unitId", COUNT(*) AS "assignments",
      SUM(CASE WHEN "answeredAt" IS NOT NULL OR "answerDueAt" < ${params.add(now)} THEN 1 ELSE 0 END) AS "judged",
      SUM(CASE WHEN "answeredAt" <= "answerDueAt" THEN 1 ELSE 0 END) AS "answeredInTime",
      SUM(CASE WHEN "endReason" = 'returned' THEN 1 ELSE 0 END) AS "returned",
      SUM("submissions") AS "submissions", SUM("sendBacks") AS "sendBacks"
    FROM (SELECT "unitId", "answerDueAt", "endReason", "submissions", "sendBacks", ${answeredAt} AS "answeredAt"
      FROM "CaseAssignment" WHERE "assignedAt" >= ${params.add(period.start)} AND "assignedAt" < ${params.add(period.end)}) h
    GROUP BY "unitId"`;
  return prisma.$queryRawUnsafe<CountRow[]>(sql, ...params.values);
}

/** Complaints and petitions concluded in the period, per unit holding them at the conclusion. */
function conclusionCounts(period: StatisticsPeriod) {
  const params = new Params();
  const window = REPEAT_COMPLAINT_DAYS * 86_400_000;
  const sql = `SELECT c."assignedToId" AS "unitId", COUNT(*) AS "concluded",
      SUM(CASE WHEN c."dueAt" IS NULL OR c."concludedAt" <= c."dueAt" THEN 1 ELSE 0 END) AS "onTime",
      SUM(CASE WHEN c."round" > 1
        OR EXISTS (SELECT 1 FROM "CaseReturn" r WHERE r."caseId" = c."id")
        OR EXISTS (SELECT 1 FROM "CaseAssignment" a WHERE a."caseId" = c."id" AND a."sendBacks" > 0) THEN 0 ELSE 1 END) AS "firstTime",
      SUM(CASE WHEN c."satisfaction" IS NOT NULL THEN 1 ELSE 0 END) AS "followedUp",
      SUM(CASE WHEN c."satisfaction" IS NOT NULL AND c."satisfaction" <> '不满意' THEN 1 ELSE 0 END) AS "satisfied",
      SUM(CASE WHEN c."kind" = 'complaint' THEN 1 ELSE 0 END) AS "complaints",
      SUM(CASE WHEN c."kind" = 'complaint' AND c."respondentId" IS NOT NULL AND EXISTS (
        SELECT 1 FROM "Case" o WHERE o."respondentId" = c."respondentId" AND o."kind" = 'complaint' AND o."category" = c."category"
          AND o."receivedAt" > c."concludedAt" AND o."receivedAt" <= ${instantPlus('c."concludedAt"', window)}) THEN 1 ELSE 0 END) AS "repeated"
    FROM "Case" c ${indexedBy("Case_ranking_concluded")}
    WHERE c."kind" IN (${HANDLED_KINDS.map((kind) => params.add(kind)).join(", ")})
      AND c."concludedAt" >= ${params.add(period.start)} AND c."concludedAt" < ${params.add(period.end)} AND c."assignedToId" IS NOT NULL
    GROUP BY c."assignedToId"`;
  return prisma.$queryRawUnsafe<CountRow[]>(sql, ...params.values);
}

/** The ranking by one rate as pages and the workbook show it: the chart's SVG, the header, the rows. */
export async function unitRankingView(period: StatisticsPeriod, by: UnitRate, now = new Date()): Promise<UnitRankingView> {
  const { header, rows, ranked } = unitRankingTable(await unitRanking(period, now), by);
  const label: MessageKey = `ranking.rate.${by}`;
  const worked = ranked.filter((unit) => unit.assignments > 0 || unit.concluded > 0);
  return {
    chart: unitRateChart(
      worked.map((unit) => ({ name: unit.name, rate: unit.rates[by].rate })),
      t(label),
    ),
    by: label,
    header,
    // Units without work in the period are left out of the table as of the chart.
    rows: rows.filter((_row, index) => ranked[index].assignments > 0 || ranked[index].concluded > 0),
  };
}
