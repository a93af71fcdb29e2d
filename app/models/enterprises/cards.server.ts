import { prisma, type Transaction } from "~/db.server";
import {
  type CardAction,
  type CardColour,
  CARD_RULES,
  allowedCardActions,
  isCardInForce,
  mayFollow,
  mayIssueCards,
  mayTakeCardAction,
  rectificationDeadline,
} from "~/domain/cards";
import type { LadderStep } from "~/domain/deadlines";
import { formatLocalDateTime, localDateOf } from "~/domain/local-time";
import { t, tKey } from "~/i18n";
import type { Actor } from "~/domain/roles";
import { ActionNotAllowedError, InputError, isUniqueViolation } from "../errors";
import { writeTransaction } from "../db/write-transaction.server";
import { fireSideClocks } from "../deadlines/side-clocks.server";
import { loadWorkCalendar } from "../reference/reference-data.server";
import { writeLedgerFile } from "../ledger/file.server";
import { afterNotificationCommit, notifyUsers, recipientsOfLadderStep, townshipStaff } from "../outbox/notifications.server";

/**
 * Red and yellow cards (docs/domain.md "Red and yellow cards"): issued by the desk, found rectified or not by
 * the handling unit, lifted by the desk; each step and each ladder step is an audit event of the card.
 * The rectification deadline's ladder fires from the deadline sweep, like a transfer's reply clock.
 */

export interface NewCard {
  colour: CardColour;
  reason: string;
  legalBasis: string;
  evidence: string;
  rectifyWorkingDays: number;
  penaltyDecisionNo?: string | null;
  /** The yellow card (of the same unit, not rectified) that a red one follows. */
  followsId?: number | null;
}

/** The card a submission (by its key and author) already issued or changed: a form sent again is that step. */
async function cardOfSubmission(actor: Actor, submissionKey: string | undefined) {
  if (!submissionKey) return null;
  const event = await prisma.auditEvent.findFirst({
    where: { submissionKey, actorId: actor.id, cardId: { not: null } },
    select: { card: true },
  });
  return event?.card ?? null;
}

/**
 * Issues a card to a unit; a red card that follows a yellow one ends that one as escalated. The same form
 * sent again (its submission key) returns the card it issued.
 */
export async function issueCard(actor: Actor, unitId: number, input: NewCard, now = new Date(), submissionKey?: string) {
  if (!mayIssueCards(actor)) throw new ActionNotAllowedError("issueCard");
  const unit = await prisma.regulatedUnit.findUnique({
    where: { id: unitId },
    select: { id: true, name: true, townshipId: true },
  });
  if (!unit) return null;
  const earlier = await cardOfSubmission(actor, submissionKey);
  if (earlier) return earlier;
  const deadline = rectificationDeadline(await loadWorkCalendar(), now, input.rectifyWorkingDays);
  const issuing = writeTransaction(async (tx) => {
    const follows = input.followsId
      ? await tx.unitCard.findFirst({ where: { id: input.followsId, unitId }, select: { id: true, colour: true, state: true } })
      : null;
    if (input.followsId && (!follows || !mayFollow(input.colour, follows)))
      throw new InputError({ followsId: "cardCannotFollow" });
    if (follows) {
      const ended = await tx.unitCard.updateMany({
        where: { id: follows.id, state: follows.state },
        data: { state: "escalated" },
      });
      if (ended.count === 0) throw new InputError({ followsId: "cardCannotFollow" });
    }
    const card = await tx.unitCard.create({
      data: {
        unitId,
        colour: input.colour,
        reason: input.reason,
        legalBasis: input.legalBasis,
        evidence: input.evidence,
        penaltyDecisionNo: input.colour === "red" ? (input.penaltyDecisionNo ?? null) : null,
        followsId: follows?.id ?? null,
        issuedAt: now,
        issuedById: actor.id,
        rectifyWorkingDays: input.rectifyWorkingDays,
        warningAt: deadline.warning,
        rectifyBy: deadline.overdue,
        supervisionAt: deadline.supervision,
        nextStep: "warning",
        nextStepAt: deadline.warning,
        state: "inForce",
      },
    });
    await tx.auditEvent.create({
      data: {
        cardId: card.id,
        actorId: actor.id,
        at: now,
        action: "issueCard",
        after: JSON.stringify({ unit: unit.name, colour: card.colour, rectifyBy: card.rectifyBy, follows: follows?.id ?? null }),
        submissionKey: submissionKey ?? null,
      },
    });
    if (follows) {
      await tx.auditEvent.create({
        data: {
          cardId: follows.id,
          actorId: actor.id,
          at: now,
          action: "escalateCard",
          after: JSON.stringify({ redCard: card.id }),
        },
      });
    }
    // The unit's township handles the rectification: its staff are told.
    const eventId = await notifyUsers(tx, await townshipStaff(tx, unit.townshipId), {
      eventId: `card-issued-${card.id}`,
      caseRef: null,
      kind: "cardIssued",
      message: t("notify.cardIssued", {
        unit: unit.name,
        card: tKey("card.colour", card.colour),
        due: formatLocalDateTime(card.rectifyBy),
      }),
      at: now,
    });
    return { card, eventId };
  });
  let issued: Awaited<typeof issuing>;
  try {
    issued = await issuing;
  } catch (error) {
    // The same form sent twice at once: the second loses on the key's uniqueness, and is the first.
    const first = isUniqueViolation(error) ? await cardOfSubmission(actor, submissionKey) : null;
    if (first) return first;
    throw error;
  }
  await afterNotificationCommit(issued.eventId);
  return issued.card;
}

/** A step on a card after issue (rectified or not, lifted), with its text, by the rule table. */
export async function changeCard(
  actor: Actor,
  unitId: number,
  cardId: number,
  action: CardAction,
  text: string,
  now = new Date(),
  submissionKey?: string,
): Promise<boolean> {
  // A form sent again finds its step done, before or (sent twice at once) after it lost the race.
  const done = async () => (await cardOfSubmission(actor, submissionKey))?.id === cardId;
  if (await done()) return true;
  const card = await prisma.unitCard.findFirst({
    where: { id: cardId, unitId },
    include: { unit: { select: { townshipId: true } } },
  });
  if (!card || !mayOpenCard(actor, card.unit.townshipId)) return false;
  if (!mayTakeCardAction(actor, { state: card.state, unitTownshipId: card.unit.townshipId }, action)) {
    // The same form's first copy may have taken the step between the check above and this read.
    if (await done()) return true;
    throw new ActionNotAllowedError(action);
  }
  const to = CARD_RULES[action].to;
  const data =
    action === "lift"
      ? { state: to, liftedAt: now, liftReason: text, nextStep: null, nextStepAt: null }
      : { state: to, outcomeAt: now, outcomeText: text, nextStep: null, nextStepAt: null };
  const step = writeTransaction(async (tx) => {
    // Conditional on the state read: of two steps at once, the second finds the card changed.
    const changed = await tx.unitCard.updateMany({ where: { id: card.id, state: card.state }, data });
    if (changed.count === 0) throw new ActionNotAllowedError(action);
    await tx.auditEvent.create({
      data: {
        cardId: card.id,
        actorId: actor.id,
        at: now,
        action,
        reason: action === "lift" ? text : null,
        before: JSON.stringify({ state: card.state }),
        after: JSON.stringify({ state: to, ...(action === "lift" ? {} : { outcomeText: text }) }),
        submissionKey: submissionKey ?? null,
      },
    });
  });
  try {
    await step;
  } catch (error) {
    if ((error instanceof ActionNotAllowedError || isUniqueViolation(error)) && (await done())) return true;
    throw error;
  }
  return true;
}

/** Township staff see the cards of their township's units; the register's other readers all cards. */
function mayOpenCard(actor: Pick<Actor, "role" | "townshipId">, unitTownshipId: number) {
  return actor.role !== "township" || actor.townshipId === unitTownshipId;
}

/** A unit's cards for its page, newest first, each with its history and the steps this viewer may take. */
export async function cardsOfUnit(actor: Actor, unit: { id: number; townshipId: number }, now = new Date()) {
  const cards = await prisma.unitCard.findMany({
    where: { unitId: unit.id },
    orderBy: [{ issuedAt: "desc" }, { id: "desc" }],
    include: {
      issuedBy: { select: { displayName: true } },
      auditEvents: { orderBy: { id: "asc" }, include: { actor: { select: { displayName: true } } } },
    },
  });
  return cards.map(({ auditEvents, issuedBy, ...card }) => ({
    ...card,
    issuedByName: issuedBy.displayName,
    overdue: card.state === "inForce" && card.rectifyBy.getTime() < now.getTime(),
    allowedActions: allowedCardActions(actor, { state: card.state, unitTownshipId: unit.townshipId }),
    history: auditEvents.map((event) => ({
      id: event.id,
      at: event.at,
      action: event.action,
      actorName: event.actor?.displayName ?? null,
      reason: event.reason,
    })),
  }));
}

/** The cards whose rectification is overdue, for the supervision board. */
export function overdueCards(now = new Date()) {
  return prisma.unitCard.findMany({
    where: { state: "inForce", rectifyBy: { lt: now } },
    orderBy: [{ rectifyBy: "asc" }, { id: "asc" }],
    select: {
      id: true,
      colour: true,
      issuedAt: true,
      rectifyBy: true,
      unit: { select: { id: true, name: true, township: { select: { name: true } } } },
    },
  });
}

/**
 * The public notice (公示): the cards in force and those issued or ended in the last year, newest first,
 * with what the public may read of them: the unit, its code, the card, the reason, the dates and the state.
 */
export async function publicCards(now = new Date()) {
  const yearAgo = new Date(now.getTime() - 365 * 86_400_000);
  const cards = await prisma.unitCard.findMany({
    where: {
      OR: [
        { state: { in: ["inForce", "rectified", "notRectified"] } },
        { issuedAt: { gte: yearAgo } },
        { liftedAt: { gte: yearAgo } },
      ],
    },
    orderBy: [{ issuedAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      colour: true,
      reason: true,
      issuedAt: true,
      rectifyBy: true,
      state: true,
      liftedAt: true,
      penaltyDecisionNo: true,
      unit: { select: { name: true, creditCode: true } },
    },
    take: 2000,
  });
  return cards.map((card) => ({ ...card, inForce: isCardInForce(card.state) }));
}

/** Fires the due ladder steps of cards whose rectification is awaited (from the deadline sweep). */
export async function fireCardSteps(now = new Date()): Promise<number> {
  const due = await prisma.unitCard.findMany({
    where: { state: "inForce", nextStepAt: { lte: now } },
    include: { unit: { select: { name: true, townshipId: true } } },
    orderBy: { nextStepAt: "asc" },
    take: 500,
  });
  // A card's due instant is its rectification deadline.
  const clocks = due.map((card) => ({ ...card, dueAt: card.rectifyBy }));
  return fireSideClocks(
    clocks,
    now,
    async (tx, card, step, next) =>
      (
        await tx.unitCard.updateMany({
          where: { id: card.id, state: "inForce", nextStep: step },
          data: { nextStep: next.step, nextStepAt: next.at },
        })
      ).count > 0,
    async (tx, card, step, passed) => {
      await tx.auditEvent.create({
        data: {
          cardId: card.id,
          actorId: null,
          at: now,
          action: step,
          after: JSON.stringify({ rectifyBy: card.rectifyBy, ...(passed ? { passed: true } : {}) }),
        },
      });
      return passed ? null : notifyCardStep(tx, card, step, now);
    },
  );
}

async function notifyCardStep(
  tx: Transaction,
  card: { id: number; colour: string; rectifyBy: Date; unit: { name: string; townshipId: number } },
  step: LadderStep,
  now: Date,
) {
  return notifyUsers(tx, await recipientsOfLadderStep(tx, card.unit.townshipId, step), {
    eventId: `card-${card.id}-${step}`,
    caseRef: null,
    kind: step,
    message: t(`notify.card.${step}`, {
      unit: card.unit.name,
      card: tKey("card.colour", card.colour),
      due: formatLocalDateTime(card.rectifyBy),
    }),
    at: now,
  });
}

/** The public notice as rows, headed: what the page shows and the XLSX holds, cell for cell. */
export async function publicCardRows(now = new Date()) {
  const cards = await publicCards(now);
  const header = ["unit", "code", "card", "reason", "issuedAt", "rectifyBy", "state", "liftedAt"].map((key) =>
    tKey("notices", key),
  );
  const rows = cards.map((card) => [
    card.unit.name,
    card.unit.creditCode,
    tKey("card.colour", card.colour),
    card.reason,
    localDateOf(card.issuedAt),
    localDateOf(card.rectifyBy),
    tKey("card.state", card.state),
    card.liftedAt ? localDateOf(card.liftedAt) : "",
  ]);
  return { header, rows, cards };
}

export async function publicCardsWorkbook(now = new Date()) {
  const { header, rows } = await publicCardRows(now);
  return writeLedgerFile([header, ...rows], "xlsx", t("notices.sheet"));
}
