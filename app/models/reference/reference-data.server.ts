import { createWorkCalendar, type CalendarEntry, type WorkCalendar } from "~/domain/calendar";
import type { DeadlinePolicy, PolicyRules } from "~/domain/policies";
import type { CaseKind, Urgency } from "~/domain/case-kinds";
import { prisma, type Transaction } from "~/db.server";

type Client = typeof prisma | Transaction;

const CALENDAR_CACHE_MS = 30_000;
let cachedCalendar: { loadedAt: number; calendar: WorkCalendar } | undefined;

/**
 * The holiday calendar as the deadline module needs it. Every change of a case needs it, so it is
 * kept for 30 s; an edit in this process clears it at once (other processes see it within 30 s).
 */
export async function loadWorkCalendar(db: Client = prisma): Promise<WorkCalendar> {
  if (cachedCalendar && Date.now() - cachedCalendar.loadedAt < CALENDAR_CACHE_MS) return cachedCalendar.calendar;
  const rows = await db.holidayDate.findMany();
  const calendar = createWorkCalendar(rows.map((row): CalendarEntry => ({ ...row, type: row.type as CalendarEntry["type"] })));
  cachedCalendar = { loadedAt: Date.now(), calendar };
  return calendar;
}

export function forgetCachedCalendar() {
  cachedCalendar = undefined;
}

export async function loadPolicies(db: Client = prisma): Promise<DeadlinePolicy[]> {
  const rows = await db.deadlinePolicy.findMany({ orderBy: { id: "asc" } });
  return rows.map(toDomainPolicy);
}

export function toDomainPolicy(row: {
  id: number;
  name: string;
  kind: string;
  channel: string | null;
  category: string | null;
  urgency: string | null;
  effectiveFrom: Date;
  rules: string;
}): DeadlinePolicy {
  return {
    ...row,
    kind: row.kind as CaseKind,
    urgency: row.urgency as Urgency | null,
    rules: JSON.parse(row.rules) as PolicyRules,
  };
}

export async function listTownships(options: { includeUnits?: boolean; includeInactive?: boolean } = {}) {
  return prisma.township.findMany({
    where: {
      ...(options.includeUnits ? {} : { kind: "township" }),
      ...(options.includeInactive ? {} : { active: true }),
    },
    orderBy: [{ kind: "asc" }, { sortOrder: "asc" }, { id: "asc" }],
  });
}

/** Sets or clears where a township's government sits (docs/decisions/0017); false if it is not a township. */
export async function setTownshipSeat(townshipId: number, seat: { latitude: number; longitude: number } | null) {
  const { count } = await prisma.township.updateMany({
    where: { id: townshipId, kind: "township" },
    data: { seatLatitude: seat?.latitude ?? null, seatLongitude: seat?.longitude ?? null },
  });
  return count === 1;
}

export async function listChannels() {
  return prisma.channel.findMany({ where: { active: true }, orderBy: { sortOrder: "asc" } });
}

export async function listCategories() {
  return prisma.category.findMany({ where: { active: true }, orderBy: { sortOrder: "asc" } });
}

/** Everything an intake or filter form offers, in one round trip per table. */
export async function loadCaseVocabulary() {
  const [townships, assignees, channels, categories] = await Promise.all([
    listTownships(),
    listTownships({ includeUnits: true }),
    listChannels(),
    listCategories(),
  ]);
  return { townships, assignees, channels, categories };
}
