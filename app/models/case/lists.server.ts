import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { type CaseDeadlineView, dueStatusOf } from "~/domain/case-deadlines";
import { dueMarker } from "~/domain/deadlines";
import { addLocalDays, startOfLocalDay } from "~/domain/local-time";
import type { Actor } from "~/domain/roles";
import { HANDLING_STATES, mustMaskIdentity } from "~/domain/workflow";
import { CASE_LIST_PAGE_SIZE, type CaseListQuery, type CaseListSort } from "~/domain/case-list";
import { loadUnitNames } from "../reference/reference-data.server";
import { searchClause } from "./search.server";

/** Lists of cases: the case list, inboxes and the desk's queues, with one due marker rule. */

/** The cases a township user may see: those assigned to their township or unit, and those it assists. */
export function scopeFor(actor: Actor): Prisma.CaseWhereInput {
  if (actor.role !== "township") return {};
  const unitId = actor.townshipId ?? -1;
  return { OR: [{ assignedToId: unitId }, { assisting: { some: { unitId } } }] };
}
const LIST_ORDER: Record<CaseListSort, Prisma.CaseOrderByWithRelationInput[]> = {
  received_desc: [{ receivedAt: "desc" }, { id: "desc" }],
  received_asc: [{ receivedAt: "asc" }, { id: "asc" }],
  due_asc: [{ nextDueAt: { sort: "asc", nulls: "last" } }, { id: "asc" }],
  updated_desc: [{ updatedAt: "desc" }, { id: "desc" }],
};

export const LIST_SELECT = {
  id: true,
  caseNo: true,
  kind: true,
  state: true,
  channel: true,
  category: true,
  urgency: true,
  subject: true,
  address: true,
  receivedAt: true,
  nextDueAt: true,
  nextWarningAt: true,
  overdue: true,
  townshipId: true,
  assignedToId: true,
} satisfies Prisma.CaseSelect;

/**
 * Listed cases with their township's and handling unit's names, from the kept names
 * (app/models/reference/kept.server.ts) rather than two more statements per list.
 */
export async function withUnitNames<T extends { townshipId: number; assignedToId: number | null }>(rows: T[]) {
  const names = await loadUnitNames(rows.flatMap((row) => [row.townshipId, row.assignedToId]));
  const named = (id: number) => ({ name: names.get(id) ?? String(id) });
  return rows.map((row) => ({
    ...row,
    township: named(row.townshipId),
    assignedTo: row.assignedToId === null ? null : named(row.assignedToId),
  }));
}

/**
 * The cases `dueStatusOf` (app/domain/case-deadlines.ts) marks red now, as a query: being handled, and
 * flagged overdue or past an open milestone's due instant. The open states lead the query to the small
 * open part of the (state, nextDueAt, overdue) index.
 */
export function overdueNow(now: Date): Prisma.CaseWhereInput {
  return { state: { in: [...HANDLING_STATES] }, OR: [{ overdue: true }, { nextDueAt: { lt: now } }] };
}

/** The cases `dueStatusOf` marks yellow now: being handled, past a warning instant, not overdue. */
export function dueSoonNow(now: Date): Prisma.CaseWhereInput {
  return { state: { in: [...HANDLING_STATES] }, overdue: false, nextDueAt: { gte: now }, nextWarningAt: { lte: now } };
}

/** The cases a list filter selects for this viewer (the list, its exports). */
export async function caseListWhere(
  actor: Actor,
  query: Omit<CaseListQuery, "sort" | "page">,
  now = new Date(),
): Promise<Prisma.CaseWhereInput> {
  return {
    AND: [
      scopeFor(actor),
      query.state ? { state: query.state } : {},
      query.kind ? { kind: query.kind } : {},
      query.townshipId ? { townshipId: query.townshipId } : {},
      query.category ? { category: query.category } : {},
      query.channel ? { channel: query.channel } : {},
      query.receivedFrom ? { receivedAt: { gte: startOfLocalDay(query.receivedFrom) } } : {},
      query.receivedTo ? { receivedAt: { lt: startOfLocalDay(addLocalDays(query.receivedTo, 1)) } } : {},
      query.overdue ? overdueNow(now) : {},
      query.q ? await searchClause(query.q, mustMaskIdentity(actor) ? scopeFor(actor) : null) : {},
    ],
  };
}

/** One page of the case list for this viewer, in a stable order (ties broken by id). */
export async function listCases(actor: Actor, query: CaseListQuery, now = new Date()) {
  const where = await caseListWhere(actor, query, now);
  const [total, rows] = await Promise.all([
    prisma.case.count({ where }),
    pageOfCases(where, LIST_ORDER[query.sort], (query.page - 1) * CASE_LIST_PAGE_SIZE, CASE_LIST_PAGE_SIZE),
  ]);
  return {
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / CASE_LIST_PAGE_SIZE)),
    cases: rows.map((row) => withMarker(row, now)),
  };
}

/** A listed case with its due marker, by the one rule. */
export function withMarker<T extends CaseDeadlineView>(row: T, now: Date) {
  return { ...row, marker: dueStatusOf(row, now) };
}

/**
 * The township inbox: its open cases, the most urgent first; a case it assists shows its own part's
 * clock (the latest round's). The two halves of `scopeFor` are read each through its own index (the
 * unit's parts, then its own cases or those parts' cases), not as one OR over every open case.
 */
export async function townshipInbox(actor: Actor, now = new Date()) {
  const unitId = actor.townshipId ?? -1;
  const states = { in: ["assigned", "submitted"] };
  const parts = await prisma.assistingPart.findMany({
    where: { unitId, case: { state: states } },
    select: { caseId: true, dueAt: true, warningAt: true, submittedAt: true },
    orderBy: { round: "desc" },
  });
  const latestPart = new Map<number, (typeof parts)[number]>();
  for (const part of parts) if (!latestPart.has(part.caseId)) latestPart.set(part.caseId, part);
  const rows = await prisma.case.findMany({
    where: { state: states, OR: [{ assignedToId: unitId }, { id: { in: [...latestPart.keys()] } }] },
    select: LIST_SELECT,
    orderBy: LIST_ORDER.due_asc,
  });
  return (await withUnitNames(rows)).map((row) => {
    const part = row.assignedToId === unitId ? undefined : latestPart.get(row.id);
    return {
      ...withMarker(row, now),
      myPart: part
        ? {
            dueAt: part.dueAt,
            warningAt: part.warningAt,
            submittedAt: part.submittedAt,
            marker: part.submittedAt ? null : dueMarker(now, part.warningAt, part.dueAt),
          }
        : null,
    };
  });
}

/** Listed cases (the columns of a case table, with their due markers), the most urgent first unless told. */
export async function listedCases(where: Prisma.CaseWhereInput, now: Date, orderBy = LIST_ORDER.due_asc, take = 100) {
  const rows = await pageOfCases(where, orderBy, 0, take);
  return rows.map((row) => withMarker(row, now));
}

/**
 * A page of listed cases: the page's ids first, in order, from the indexes alone (the filter's and the
 * order's columns are in them, docs/decisions/0025), then those rows' columns; so thousands of matching
 * cases are ordered as index entries, not as whole rows.
 */
async function pageOfCases(
  where: Prisma.CaseWhereInput,
  orderBy: Prisma.CaseOrderByWithRelationInput[],
  skip: number,
  take: number,
) {
  const ids = await pageOfIds(where, orderBy, skip, take);
  return withUnitNames(inIdOrder(ids, await prisma.case.findMany({ where: { id: { in: ids } }, select: LIST_SELECT })));
}

/** The ids of a page of cases in the list's order, read from the indexes alone where they cover it. */
export async function pageOfIds(
  where: Prisma.CaseWhereInput,
  orderBy: Prisma.CaseOrderByWithRelationInput[],
  skip: number,
  take: number,
) {
  return (await prisma.case.findMany({ where, select: { id: true }, orderBy, skip, take })).map((row) => row.id);
}

/** Rows read by id, put back in the ids' order. */
export function inIdOrder<T extends { id: number }>(ids: number[], rows: T[]): T[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
