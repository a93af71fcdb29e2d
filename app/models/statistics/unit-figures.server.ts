import { prisma } from "~/db.server";
import { unitRateChart } from "~/charts.server";
import { type MessageKey, t } from "~/i18n";
import { type UnitRankingView, unitRankingTable } from "./figure-entries";
import { isOverdueAt } from "~/domain/deadlines";
import type { StatisticsPeriod } from "~/domain/statistics";
import { type ConclusionFacts, REPEAT_COMPLAINT_DAYS, type UnitFigures, type UnitRate, unitFigures } from "~/domain/unit-figures";

const MS_PER_DAY = 86_400_000;
/** The kinds a unit handles and answers for: mediations are the bureau's mediators' own. */
const HANDLED_KINDS = ["complaint", "petition"];

export interface UnitRanking {
  units: (UnitFigures & { name: string; kind: string })[];
}

/**
 * The figures units are ranked by for a period (docs/domain.md "Figures units are ranked by"): the holds
 * of assignments made in the period, and the complaints and petitions concluded in it by the unit holding
 * them, read in a few queries and counted by app/domain/unit-figures.ts.
 */
export async function unitRanking(period: StatisticsPeriod, now = new Date()): Promise<UnitRanking> {
  const inPeriod = { gte: period.start, lt: period.end };
  const concludedWhere = { kind: { in: HANDLED_KINDS }, concludedAt: inPeriod, assignedToId: { not: null } };
  const [units, holds, concluded, returned, holdsOfConcluded] = await Promise.all([
    prisma.township.findMany({
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: { id: true, name: true, kind: true, active: true },
    }),
    prisma.caseAssignment.findMany({
      where: { assignedAt: inPeriod },
      select: {
        unitId: true,
        answerDueAt: true,
        signedForAt: true,
        endedAt: true,
        endReason: true,
        submissions: true,
        sendBacks: true,
      },
    }),
    prisma.case.findMany({
      where: concludedWhere,
      select: {
        id: true,
        kind: true,
        assignedToId: true,
        concludedAt: true,
        dueAt: true,
        round: true,
        satisfaction: true,
        respondentId: true,
        category: true,
      },
    }),
    prisma.caseReturn.findMany({ where: { case: concludedWhere }, select: { caseId: true }, distinct: ["caseId"] }),
    prisma.caseAssignment.findMany({ where: { case: concludedWhere, sendBacks: { gt: 0 } }, select: { caseId: true } }),
  ]);
  const bounced = new Set([...returned, ...holdsOfConcluded].map((row) => row.caseId));
  const repeats = await laterComplaintsAboutTheSameUnits(concluded, period);
  const conclusions: ConclusionFacts[] = concluded.map((item) => ({
    unitId: item.assignedToId!,
    kind: item.kind,
    onTime: item.dueAt === null || !isOverdueAt(item.dueAt, item.concludedAt!),
    returnedSentBackOrReopened: item.round > 1 || bounced.has(item.id),
    satisfaction: item.satisfaction,
    repeated: isRepeated(item, repeats),
  }));
  // Every unit that worked in the period, and every active one (a unit without work ranks last, empty).
  const worked = new Set([...holds.map((hold) => hold.unitId), ...conclusions.map((item) => item.unitId)]);
  const shown = units.filter((unit) => unit.active || worked.has(unit.id));
  const figures = unitFigures(
    shown.map((unit) => unit.id),
    holds,
    conclusions,
    now,
  );
  return { units: figures.map((figure, index) => ({ ...figure, name: shown[index].name, kind: shown[index].kind })) };
}

type Concluded = { kind: string; concludedAt: Date | null; respondentId: number | null; category: string };
type LaterComplaint = { respondentId: number | null; category: string; receivedAt: Date };

/** Complaints about registered units received after the period's first conclusion, up to the repeat window past its end. */
function laterComplaintsAboutTheSameUnits(concluded: Concluded[], period: StatisticsPeriod): Promise<LaterComplaint[]> {
  const respondents = [...new Set(concluded.map((item) => item.respondentId).filter((id): id is number => id !== null))];
  if (respondents.length === 0) return Promise.resolve([]);
  return prisma.case.findMany({
    where: {
      kind: "complaint",
      respondentId: { in: respondents },
      receivedAt: { gte: period.start, lt: new Date(period.end.getTime() + REPEAT_COMPLAINT_DAYS * MS_PER_DAY) },
    },
    select: { respondentId: true, category: true, receivedAt: true },
  });
}

/** 重复投诉: a complaint about the same registered unit and category within the window after the conclusion. */
function isRepeated(item: Concluded, later: LaterComplaint[]): boolean {
  if (item.kind !== "complaint" || item.respondentId === null || item.concludedAt === null) return false;
  const from = item.concludedAt.getTime();
  const until = from + REPEAT_COMPLAINT_DAYS * MS_PER_DAY;
  return later.some(
    (other) =>
      other.respondentId === item.respondentId &&
      other.category === item.category &&
      other.receivedAt.getTime() > from &&
      other.receivedAt.getTime() <= until,
  );
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
