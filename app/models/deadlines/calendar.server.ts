import { InputError } from "../errors";
import { prisma } from "~/db.server";
import { type CalendarEntry, parseHolidayCsv } from "~/domain/calendar";
import { type DeadlineUnit, ladderInstants } from "~/domain/deadlines";
import { dueWithPauses } from "~/domain/clock-pauses";
import { endOfLocalDay, isLocalDate, localDateOf, startOfLocalDay, yearOf } from "~/domain/local-time";
import { recordAuditEvent } from "../case/audit.server";
import { refreshDerivedDeadlines } from "./derived-fields.server";
import { writeTransaction } from "../db/write-transaction.server";
import { rearmMovedSteps } from "./ladder.server";
import { scheduleCaseDeadlines } from "./queue.server";
import { loadWorkCalendar, toDomainPolicy } from "../reference/reference-data.server";
import { forgetReference } from "../reference/kept.server";

export async function listCalendarYear(year: number) {
  return prisma.holidayDate.findMany({ where: { scheduleYear: year }, orderBy: { date: "asc" } });
}

/** One day of the schedule, or null (what a removal takes away, for its undo). */
export function calendarDay(date: string) {
  return prisma.holidayDate.findUnique({ where: { date } });
}

export async function scheduledYears(): Promise<number[]> {
  const rows = await prisma.holidayDate.groupBy({ by: ["scheduleYear"], orderBy: { scheduleYear: "asc" } });
  return rows.map((row) => row.scheduleYear);
}

/**
 * Years whose schedule is missing although deadlines are being counted in them: this year, and next
 * year once the State Council usually publishes it (November) since deadlines reach into January.
 */
export async function missingCalendarYears(now = new Date()): Promise<number[]> {
  const thisYear = yearOf(localDateOf(now));
  const needed = now.getUTCMonth() >= 10 ? [thisYear, thisYear + 1] : [thisYear];
  const scheduled = new Set(await scheduledYears());
  return needed.filter((year) => !scheduled.has(year));
}

/** Adds, changes or removes days, then moves every open deadline that depends on them. */
export async function changeCalendar(actorId: number, change: { upsert?: CalendarEntry[]; remove?: string[] }, now = new Date()) {
  const upsert = change.upsert ?? [];
  const remove = change.remove ?? [];
  const problems = upsert
    .filter((entry) => !isLocalDate(entry.date) || !["holiday", "workday"].includes(entry.type))
    .map((entry) => `${entry.date}: not a valid day`);
  if (problems.length > 0) throw new InputError({ file: "csv" }, problems);
  await writeTransaction(async (tx) => {
    for (const entry of upsert) {
      await tx.holidayDate.upsert({
        where: { date: entry.date },
        create: { date: entry.date, type: entry.type, name: entry.name ?? null, scheduleYear: entry.scheduleYear },
        update: { type: entry.type, name: entry.name ?? null, scheduleYear: entry.scheduleYear },
      });
    }
    if (remove.length > 0) await tx.holidayDate.deleteMany({ where: { date: { in: remove } } });
  });
  await forgetReference("calendar");
  const changedDates = [...upsert.map((entry) => entry.date), ...remove];
  const moved = await recomputeDeadlinesAfterCalendarChange(actorId, changedDates, now);
  return { changedDays: changedDates.length, movedDeadlines: moved };
}

export async function importCalendarCsv(actorId: number, text: string, now = new Date()) {
  const { entries, errors } = parseHolidayCsv(text);
  if (errors.length > 0) throw new InputError({ file: "csv" }, errors);
  if (entries.length === 0) throw new InputError({ file: "csv" }, ["the file has no days"]);
  return changeCalendar(actorId, { upsert: entries }, now);
}

/**
 * Every open day-based milestone whose counting span includes a changed date is computed again
 * from its start, its amount, its approved extensions and the days its pauses added; each move is recorded in the case's
 * audit trail and its deadline jobs are rescheduled. Met milestones keep the due time they were
 * judged against.
 */
async function recomputeDeadlinesAfterCalendarChange(actorId: number, changedDates: string[], now: Date) {
  if (changedDates.length === 0) return 0;
  const earliest = changedDates.reduce((a, b) => (a < b ? a : b));
  const latest = changedDates.reduce((a, b) => (a > b ? a : b));
  const calendar = await loadWorkCalendar();
  const candidates = await prisma.caseMilestone.findMany({
    where: {
      status: "open",
      unit: { not: "hours" },
      fixedDueAt: null,
      // A paused clock is placed again when it resumes.
      pausedAt: null,
      startAt: { lte: endOfLocalDay(latest) },
      supervisionAt: { gte: startOfLocalDay(earliest) },
    },
    include: { case: { include: { policy: true } } },
  });
  const movedCaseIds = new Set<number>();
  for (const milestone of candidates) {
    const unit = milestone.unit as DeadlineUnit;
    const { dueAt } = dueWithPauses(calendar, { ...milestone, unit });
    const ladder = toDomainPolicy(milestone.case.policy).rules.ladder;
    const steps = ladderInstants(calendar, { startAt: milestone.startAt, dueAt, amount: milestone.amount, unit }, ladder);
    const unchanged =
      dueAt.getTime() === milestone.dueAt.getTime() &&
      steps.warning.getTime() === milestone.warningAt.getTime() &&
      steps.supervision.getTime() === milestone.supervisionAt.getTime();
    if (unchanged) continue;
    await writeTransaction(async (tx) => {
      await tx.caseMilestone.update({
        where: { id: milestone.id },
        data: { dueAt, warningAt: steps.warning, supervisionAt: steps.supervision },
      });
      await rearmMovedSteps(tx, milestone, steps, now);
      await refreshDerivedDeadlines(tx, [milestone.caseId]);
      if (dueAt.getTime() !== milestone.dueAt.getTime()) {
        await recordAuditEvent(tx, {
          caseId: milestone.caseId,
          actorId,
          at: now,
          action: "dueMovedByCalendar",
          before: { milestone: milestone.milestone, dueAt: milestone.dueAt },
          after: { milestone: milestone.milestone, dueAt },
        });
      }
    });
    movedCaseIds.add(milestone.caseId);
  }
  for (const caseId of movedCaseIds) await scheduleCaseDeadlines(caseId, now);
  return movedCaseIds.size;
}
