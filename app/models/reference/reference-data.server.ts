import { createWorkCalendar, type CalendarEntry, type WorkCalendar } from "~/domain/calendar";
import type { DeadlinePolicy, PolicyRules } from "~/domain/policies";
import type { CaseKind, Urgency } from "~/domain/case-kinds";
import { prisma, type Transaction } from "~/db.server";
import { isUniqueViolation } from "../errors";
import { forgetReference, keptReference } from "./kept.server";

/** The holiday calendar as the deadline module needs it: every change of a case needs it, so it is kept (./kept.server.ts). */
export function loadWorkCalendar(): Promise<WorkCalendar> {
  return keptReference("calendar", async (db) => {
    const rows = await db.holidayDate.findMany();
    return createWorkCalendar(rows.map((row): CalendarEntry => ({ ...row, type: row.type as CalendarEntry["type"] })));
  });
}

/** Every version of every deadline policy, oldest first: every registration chooses from them, so they are kept. */
export function loadPolicies(): Promise<DeadlinePolicy[]> {
  return keptReference("policies", async (db) =>
    (await db.deadlinePolicy.findMany({ orderBy: { id: "asc" } })).map(toDomainPolicy),
  );
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

export async function listTownships(
  options: { includeUnits?: boolean; includeInactive?: boolean } = {},
  db: Transaction = prisma,
) {
  return db.township.findMany({
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
    const unit = await prisma.township.create({ data: { name, kind: "unit", sortOrder: (last?.sortOrder ?? 0) + 1 } });
    await forgetReference("intakeVocabulary", "unitNames");
    return unit;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/** Takes a handling unit out of the lists of assignment and assistance, or back; false if it is not a unit. */
export async function setHandlingUnitActive(unitId: number, active: boolean) {
  const { count } = await prisma.township.updateMany({ where: { id: unitId, kind: "unit" }, data: { active } });
  await forgetReference("intakeVocabulary");
  return count === 1;
}

/** Sets or clears where a township's government sits (docs/decisions/0017); false if it is not a township. */
export async function setTownshipSeat(townshipId: number, seat: { latitude: number; longitude: number } | null) {
  const { count } = await prisma.township.updateMany({
    where: { id: townshipId, kind: "township" },
    data: { seatLatitude: seat?.latitude ?? null, seatLongitude: seat?.longitude ?? null },
  });
  await forgetReference("intakeVocabulary");
  return count === 1;
}

export async function listChannels(db: Transaction = prisma) {
  return db.channel.findMany({ where: { active: true }, orderBy: { sortOrder: "asc" } });
}

export async function listCategories(db: Transaction = prisma) {
  return db.category.findMany({ where: { active: true }, orderBy: { sortOrder: "asc" } });
}

/**
 * Everything an intake or filter form offers (active townships, units, channels, categories). Every form
 * and every intake post reads it, so it is kept; a change of a township or unit forgets it.
 */
export function loadCaseVocabulary() {
  return keptReference("intakeVocabulary", async (db) => {
    const [townships, assignees, channels, categories] = await Promise.all([
      listTownships({}, db),
      listTownships({ includeUnits: true }, db),
      listChannels(db),
      listCategories(db),
    ]);
    return { townships, assignees, channels, categories };
  });
}

/**
 * Every township's and unit's name by id, in use or not (who a signed-in user works for, the lists'
 * columns). Read again when one of `ids` is not among them: a unit added since (names never change).
 */
export async function loadUnitNames(ids: Iterable<number | null> = []): Promise<Map<number, string>> {
  const read = async (db: Transaction) => {
    const rows = await db.township.findMany({ select: { id: true, name: true } });
    return new Map(rows.map((row) => [row.id, row.name]));
  };
  const names = await keptReference("unitNames", read);
  for (const id of ids) if (id !== null && !names.has(id)) return keptReference("unitNames", read, true);
  return names;
}
