import { prisma } from "~/db.server";
import { sameDayLastYear } from "~/domain/home";
import { addLocalDays, localDateOf, startOfLocalDay } from "~/domain/local-time";
import type { Actor } from "~/domain/roles";
import { type StatisticsPeriod, rangePeriod, yearPeriod } from "~/domain/statistics";
import { dueSoonNow, listedCases, overdueNow, scopeFor } from "./lists.server";
import { statisticsOffRequest } from "../statistics/jobs.server";
import { supervisionBoard } from "../deadlines/supervision-board.server";

/** What each role's home page shows (issue 4): counts to act on, and the cases behind them. */

/** Due soon and overdue among the cases the actor may see, with counts of each. */
async function deadlinesOf(actor: Actor, now: Date) {
  const scope = scopeFor(actor);
  const [dueSoon, overdue] = [{ AND: [scope, dueSoonNow(now)] }, { AND: [scope, overdueNow(now)] }];
  const [dueSoonCount, overdueCount, dueSoonCases, overdueCases] = await Promise.all([
    prisma.case.count({ where: dueSoon }),
    prisma.case.count({ where: overdue }),
    listedCases(dueSoon, now, undefined, 30),
    listedCases(overdue, now, undefined, 30),
  ]);
  return { dueSoonCount, overdueCount, dueSoonCases, overdueCases };
}

/** The mediation sessions this user is to chair, from the start of today on. */
function upcomingSessions(actor: Actor, now: Date) {
  return prisma.mediationSession.findMany({
    where: {
      status: "scheduled",
      scheduledAt: { gte: startOfLocalDay(localDateOf(now)) },
      mediators: { some: { id: actor.id } },
    },
    select: { id: true, scheduledAt: true, place: true, case: { select: { caseNo: true, subject: true } } },
    orderBy: { scheduledAt: "asc" },
    take: 20,
  });
}

export async function dispatcherDashboard(actor: Actor, now = new Date()) {
  const [toAccept, toReview, deadlines, sessions] = await Promise.all([
    prisma.case.count({ where: { state: "registered" } }),
    prisma.case.count({ where: { state: "submitted" } }),
    deadlinesOf(actor, now),
    upcomingSessions(actor, now),
  ]);
  return { toAccept, toReview, ...deadlines, sessions };
}

export async function townshipDashboard(actor: Actor, now = new Date()) {
  const [inHand, deadlines, sessions] = await Promise.all([
    prisma.case.count({ where: { AND: [scopeFor(actor), { state: { in: ["assigned", "submitted"] } }] } }),
    deadlinesOf(actor, now),
    upcomingSessions(actor, now),
  ]);
  return { inHand, ...deadlines, sessions };
}

/** Today's intake, and today's callers who have called before (their cases across all time). */
export async function operatorDashboard(actor: Actor, now = new Date()) {
  const today = localDateOf(now);
  const receivedToday = { receivedAt: { gte: startOfLocalDay(today), lt: startOfLocalDay(addLocalDays(today, 1)) } };
  const [byKind, mine, phones] = await Promise.all([
    prisma.case.groupBy({ by: ["kind"], where: receivedToday, _count: { _all: true } }),
    listedCases({ ...receivedToday, createdById: actor.id }, now, [{ receivedAt: "desc" }, { id: "desc" }], 50),
    prisma.case.findMany({
      where: { ...receivedToday, complainantPhone: { not: null } },
      select: { complainantPhone: true },
      distinct: ["complainantPhone"],
    }),
  ]);
  const history = await prisma.case.findMany({
    where: { complainantPhone: { in: phones.map((p) => p.complainantPhone!) } },
    select: { caseNo: true, complainantPhone: true, complainantName: true, receivedAt: true, state: true },
    orderBy: { receivedAt: "desc" },
  });
  const byPhone = new Map<string, typeof history>();
  for (const item of history) byPhone.set(item.complainantPhone!, [...(byPhone.get(item.complainantPhone!) ?? []), item]);
  const repeatCallers = [...byPhone.entries()]
    .filter(([, cases]) => cases.length > 1)
    .map(([phone, cases]) => ({
      phone,
      name: cases.find((c) => c.complainantName)?.complainantName ?? null,
      count: cases.length,
      caseNos: cases.map((c) => c.caseNo),
    }))
    .sort((a, b) => b.count - a.count);
  const total = byKind.reduce((sum, row) => sum + row._count._all, 0);
  return { today, total, byKind: byKind.map((row) => ({ kind: row.kind, count: row._count._all })), mine, repeatCallers };
}

/** The year so far against the same days of last year, the monthly trend, and what is overdue where. */
export async function leaderDashboard(now = new Date()) {
  const today = localDateOf(now);
  const year = Number(today.slice(0, 4));
  const complaints = async (period: StatisticsPeriod) => (await statisticsOffRequest(["complaint"], period, now)).complaint!;
  const [thisYear, lastYearToDate, lastYear, board] = await Promise.all([
    complaints(rangePeriod(`${year}-01-01`, today)),
    complaints(rangePeriod(`${year - 1}-01-01`, sameDayLastYear(today))),
    complaints(yearPeriod(year - 1)),
    supervisionBoard(now),
  ]);
  return { year, today, thisYear, lastYearToDate, lastYear, overdueByHandler: board.byHandler, overdueTotal: board.rows.length };
}
