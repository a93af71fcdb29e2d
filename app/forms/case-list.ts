import { CASE_KINDS, type CaseKind } from "~/domain/case-kinds";
import { CASE_LIST_SORTS, type CaseListQuery, type CaseListSort } from "~/domain/case-list";
import { isSupportedLocalDate } from "~/domain/local-time";
import { z } from "zod";
import { MAX_DATABASE_ID, databaseId, requiredText } from "./fields";
import { CASE_STATES, type CaseState } from "~/domain/workflow";

/** Beyond this a page number is a typo or a probe (a million cases make 33,334 pages). */
const MAX_PAGE = 100_000;
/** Search terms and filter values are short; a longer one is cut, not searched whole. */
const MAX_QUERY_LENGTH = 100;

/** Reads the list's filters from the URL; anything unreadable is ignored rather than failing the page. */
export function parseCaseListQuery(params: URLSearchParams): CaseListQuery {
  const text = (name: string) => params.get(name)?.trim().slice(0, MAX_QUERY_LENGTH) || undefined;
  const state = text("state");
  const kind = text("kind");
  const sort = text("sort");
  const townshipId = Number(text("township"));
  const page = Number(text("page"));
  const receivedFrom = text("from");
  const receivedTo = text("to");
  return {
    state: CASE_STATES.includes(state as CaseState) ? (state as CaseState) : undefined,
    kind: CASE_KINDS.includes(kind as CaseKind) ? (kind as CaseKind) : undefined,
    townshipId: Number.isInteger(townshipId) && townshipId > 0 && townshipId <= MAX_DATABASE_ID ? townshipId : undefined,
    category: text("category"),
    channel: text("channel"),
    receivedFrom: receivedFrom && isSupportedLocalDate(receivedFrom) ? receivedFrom : undefined,
    receivedTo: receivedTo && isSupportedLocalDate(receivedTo) ? receivedTo : undefined,
    overdue: params.get("overdue") === "1" ? true : undefined,
    q: text("q"),
    sort: CASE_LIST_SORTS.includes(sort as CaseListSort) ? (sort as CaseListSort) : "received_desc",
    page: Number.isInteger(page) && page > 0 && page <= MAX_PAGE ? page : 1,
  };
}

/**
 * The list's filters as the query string a link or a saved filter carries: only what the list reads, in
 * one order, without the page; the default sort is left out. Read back by parseCaseListQuery.
 */
export function caseListSearch(query: CaseListQuery): string {
  const params = new URLSearchParams();
  const set = (name: string, value: string | number | undefined) => {
    if (value !== undefined && value !== "") params.set(name, String(value));
  };
  set("q", query.q);
  set("state", query.state);
  set("kind", query.kind);
  set("township", query.townshipId);
  set("category", query.category);
  set("channel", query.channel);
  set("from", query.receivedFrom);
  set("to", query.receivedTo);
  if (query.overdue) params.set("overdue", "1");
  if (query.sort !== "received_desc") params.set("sort", query.sort);
  return params.toString();
}

/** Saving the filters in view under a name, and removing a saved one (docs/working-pages.md, "Saved filters"). */
export const savedFilterSchemas = {
  saveFilter: z.object({ intent: z.literal("saveFilter"), name: requiredText(30) }),
  deleteFilter: z.object({ intent: z.literal("deleteFilter"), filterId: databaseId("badRequest") }),
};

export const isSavedFilterIntent = (intent: unknown): intent is keyof typeof savedFilterSchemas =>
  intent === "saveFilter" || intent === "deleteFilter";
