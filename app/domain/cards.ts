import type { WorkCalendar } from "./calendar";
import { DEFAULT_LADDER, type LadderStep, computeDueAt, ladderInstants } from "./deadlines";
import type { Role } from "./roles";

/**
 * Red and yellow cards (红黄牌, docs/domain.md "Red and yellow cards"): a warning to a unit that exceeds its
 * limits, with a rectification deadline on the bureau's calendar that runs on the escalation ladder. Pure
 * rules: which card may be issued from which, who may take each step in which state, and the deadline.
 */

export const CARD_COLOURS = ["yellow", "red"] as const;
export type CardColour = (typeof CARD_COLOURS)[number];

/**
 * inForce: issued, its rectification awaited; rectified / notRectified: the handling unit's finding;
 * escalated: a yellow card a red one followed; lifted: ended by the desk with a reason.
 */
export const CARD_STATES = ["inForce", "rectified", "notRectified", "escalated", "lifted"] as const;
export type CardState = (typeof CARD_STATES)[number];

export const CARD_ACTIONS = ["recordRectified", "recordNotRectified", "lift"] as const;
export type CardAction = (typeof CARD_ACTIONS)[number];

interface CardRule {
  from: readonly CardState[];
  to: CardState;
  /** Township staff act on the cards of their own township's units only. */
  roles: readonly Role[];
}

/** The one author of a card's state after issue. */
export const CARD_RULES: Record<CardAction, CardRule> = {
  recordRectified: { from: ["inForce", "notRectified"], to: "rectified", roles: ["dispatcher", "township"] },
  recordNotRectified: { from: ["inForce"], to: "notRectified", roles: ["dispatcher", "township"] },
  lift: { from: ["inForce", "rectified", "notRectified"], to: "lifted", roles: ["dispatcher"] },
};

/** Who issues cards: the desk. */
export const CARD_ISSUERS: readonly Role[] = ["dispatcher"];
export const mayIssueCards = (actor: { role: string }) => (CARD_ISSUERS as readonly string[]).includes(actor.role);

/** A rectification deadline of 1 to 180 working days. */
export const MAX_RECTIFY_WORKING_DAYS = 180;

export function mayTakeCardAction(
  actor: { role: string; townshipId: number | null },
  card: { state: string; unitTownshipId: number },
  action: CardAction,
): boolean {
  const rule = CARD_RULES[action];
  if (!(rule.from as readonly string[]).includes(card.state)) return false;
  if (!(rule.roles as readonly string[]).includes(actor.role)) return false;
  return actor.role !== "township" || actor.townshipId === card.unitTownshipId;
}

export const allowedCardActions = (
  actor: { role: string; townshipId: number | null },
  card: { state: string; unitTownshipId: number },
) => CARD_ACTIONS.filter((action) => mayTakeCardAction(actor, card, action));

/** A red card may follow a yellow one its unit did not rectify; a yellow card follows nothing. */
export function mayFollow(colour: CardColour, previous: { colour: string; state: string } | null): boolean {
  if (previous === null) return true;
  return colour === "red" && previous.colour === "yellow" && previous.state === "notRectified";
}

/** Whether the card is in force: issued and neither lifted nor followed by a red card. */
export const isCardInForce = (state: string) => state === "inForce" || state === "rectified" || state === "notRectified";

/**
 * The rectification deadline: the end of the last of `workingDays` working days after the day issued
 * (the case deadlines' counting), and the ladder's warning and supervision around it.
 */
export function rectificationDeadline(calendar: WorkCalendar, issuedAt: Date, workingDays: number): Record<LadderStep, Date> {
  const { dueAt } = computeDueAt(calendar, issuedAt, workingDays, "working_days");
  return ladderInstants(calendar, { startAt: issuedAt, dueAt, amount: workingDays, unit: "working_days" }, DEFAULT_LADDER);
}
