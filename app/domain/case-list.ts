import type { CaseKind } from "./case-kinds";
import type { CaseState } from "./workflow";

/** The case list's filters, sort orders and page size: what the list query (app/models) and its URL form (app/forms) share. */
export const CASE_LIST_SORTS = ["received_desc", "received_asc", "due_asc", "updated_desc"] as const;
export type CaseListSort = (typeof CASE_LIST_SORTS)[number];
export const CASE_LIST_PAGE_SIZE = 30;

export interface CaseListQuery {
  state?: CaseState;
  kind?: CaseKind;
  townshipId?: number;
  category?: string;
  channel?: string;
  receivedFrom?: string;
  receivedTo?: string;
  overdue?: boolean;
  q?: string;
  sort: CaseListSort;
  page: number;
}
