import { createWorkCalendar, type CalendarEntry, type WorkCalendar } from "~/domain/calendar";
import type { DeadlinePolicy, PolicyRules } from "~/domain/policies";
import type { CaseKind, Urgency } from "~/domain/case-kinds";
import { prisma, type Transaction } from "~/db.server";
import { isUniqueViolation } from "../errors";

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

/**
 * Adds a handling unit (kind `unit`, after the others); null when a township or unit has that name. Units
 * are never deleted: cases and users refer to them; one taken out of use keeps its history.
 */
export async function addHandlingUnit(name: string) {
  if (await prisma.township.findUnique({ where: { name } })) return null;
  const last = await prisma.township.findFirst({ where: { kind: "unit" }, orderBy: { sortOrder: "desc" } });
  try {
    return await prisma.township.create({ data: { name, kind: "unit", sortOrder: (last?.sortOrder ?? 0) + 1 } });
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/** Takes a handling unit out of the lists of assignment and assistance, or back; false if it is not a unit. */
export async function setHandlingUnitActive(unitId: number, active: boolean) {
  const { count } = await prisma.township.updateMany({ where: { id: unitId, kind: "unit" }, data: { active } });
  return count === 1;
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
