import type { CaseAction } from "./workflow";

/**
 * The petition desk's queues (docs/domain.md "The desk's queues"): each is one tab of /dispatch, with the
 * step most of its cases take next, which the desk can take from the list, for one case or many.
 */
export const DESK_QUEUES = ["toAccept", "returned", "toAssign", "toReview", "extensions", "followUp"] as const;
export type DeskQueue = (typeof DESK_QUEUES)[number];

/** Cases a queue lists, and one list step may take at once. */
export const MAX_PICKED = 100;

export const isDeskQueue = (value: unknown): value is DeskQueue =>
  typeof value === "string" && (DESK_QUEUES as readonly string[]).includes(value);

/** The step a queue's list offers (null: the case page decides, as a review needs the answer's text). */
export const QUEUE_STEP: Record<DeskQueue, DeskStep | null> = {
  toAccept: "accept",
  returned: null,
  toAssign: "assign",
  toReview: null,
  extensions: "approveExtension",
  followUp: "close",
};

/** The step a queue's cases take on the case page, where the list offers none: its section is linked. */
export const PAGE_STEP: Record<DeskQueue, CaseAction | null> = {
  toAccept: null,
  returned: "decideReturn",
  toAssign: null,
  toReview: "conclude",
  extensions: null,
  followUp: null,
};

export const DESK_STEPS = ["accept", "assign", "approveExtension", "close"] as const satisfies readonly CaseAction[];
export type DeskStep = (typeof DESK_STEPS)[number];

/** A case picked in a list, with the version the desk saw: a case changed since is left alone. */
export interface PickedCase {
  caseNo: string;
  version: number;
}

const PICK = /^([A-Z]{2}-\d{4}-\d{5})@(\d{1,9})$/;

/** `TS-2026-00001@3` as a picked case, or null. */
export function parsePick(value: string): PickedCase | null {
  const match = PICK.exec(value);
  return match ? { caseNo: match[1], version: Number(match[2]) } : null;
}

export const pickValue = (picked: PickedCase) => `${picked.caseNo}@${picked.version}`;

/** The queue to open when none is asked for: the first with something in it, else the first. */
export function defaultQueue(counts: Record<DeskQueue, number>): DeskQueue {
  return DESK_QUEUES.find((queue) => counts[queue] > 0) ?? DESK_QUEUES[0];
}
