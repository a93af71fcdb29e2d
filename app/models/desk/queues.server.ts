import { prisma } from "~/db.server";
import { DESK_QUEUES, type DeskQueue, MAX_PICKED } from "~/domain/desk-queues";
import { dueMarker } from "~/domain/deadlines";
import type { Actor } from "~/domain/roles";
import type { DeskStepCase, DeskStepCommand } from "~/forms/desk";
import type { Prisma } from "~/generated/prisma/client";
import type { CaseChange } from "~/forms/case-actions";
import { LIST_SELECT, withMarker, withUnitNames } from "../case/lists.server";
import { changeCase } from "../case/service.server";
import { ActionNotAllowedError, CaseNotFoundError, InputError, StaleVersionError } from "../errors";

/**
 * Which cases each queue holds (the extensions queue: cases with a request waiting for approval). The
 * queues of waiting returns and extensions start from those few rows' own index: asked as "cases with
 * some …", the database would look at every case ever received.
 */
async function queueWhere(queue: DeskQueue): Promise<Prisma.CaseWhereInput> {
  switch (queue) {
    case "toAccept":
      return { state: "registered" };
    case "returned": {
      const waiting = await prisma.caseReturn.findMany({ where: { decidedAt: null }, select: { caseId: true } });
      return { id: { in: [...new Set(waiting.map((row) => row.caseId))] } };
    }
    case "toAssign":
      return { state: "accepted", returns: { none: { decidedAt: null } } };
    case "toReview":
      return { state: "submitted" };
    case "extensions": {
      const pending = await prisma.extension.findMany({ where: { status: "pending" }, select: { caseId: true } });
      return { id: { in: [...new Set(pending.map((row) => row.caseId))] } };
    }
    case "followUp":
      return { state: "concluded" };
  }
}

/** Every queue's count, for the tabs. */
export async function deskQueueCounts(): Promise<Record<DeskQueue, number>> {
  const counts = await Promise.all(DESK_QUEUES.map(async (queue) => prisma.case.count({ where: await queueWhere(queue) })));
  return Object.fromEntries(DESK_QUEUES.map((queue, index) => [queue, counts[index]])) as Record<DeskQueue, number>;
}

/**
 * One queue's cases, the most urgent first (follow-up calls: the longest waiting first), with what its
 * list needs to act: the version seen, the township reported in (assignment's default), the pending
 * extension, the complainant's phone for the call (the desk sees it unmasked).
 */
export async function deskQueue(queue: DeskQueue, now = new Date()) {
  const rows = await prisma.case.findMany({
    where: await queueWhere(queue),
    select: {
      ...LIST_SELECT,
      version: true,
      complainantPhone: true,
      complainantName: true,
      extensions: { where: { status: "pending" }, select: { amount: true, milestone: true, reason: true } },
      returns: {
        where: { decidedAt: null },
        select: {
          ground: true,
          reason: true,
          warningAt: true,
          dueAt: true,
          fromUnit: { select: { name: true } },
          suggestedUnit: { select: { name: true } },
        },
      },
    },
    orderBy:
      queue === "followUp"
        ? [{ concludedAt: "asc" }, { id: "asc" }]
        : [{ nextDueAt: { sort: "asc", nulls: "last" } }, { id: "asc" }],
    take: MAX_PICKED,
  });
  // A return's row shows its decision's own clock, not the case's.
  return (await withUnitNames(rows)).map((row) => ({
    ...withMarker(row, now),
    returns: row.returns.map((open) => ({ ...open, marker: dueMarker(now, open.warningAt, open.dueAt) })),
  }));
}

export type DeskQueueCase = Awaited<ReturnType<typeof deskQueue>>[number];

/** What became of a list step: the cases it was taken on, and those left alone, with why. */
export interface DeskStepOutcome {
  done: string[];
  changed: string[];
  refused: string[];
}

/**
 * A step taken from a queue's list on each picked case, one change (and one audit event) per case
 * through the case service, as on the case page. A case that changed since the list was shown, or
 * that the step no longer fits, is left alone and named.
 */
export async function takeDeskStep(actor: Actor, command: DeskStepCommand): Promise<DeskStepOutcome> {
  const outcome: DeskStepOutcome = { done: [], changed: [], refused: [] };
  for (const picked of command.cases) {
    const change = await changeOf(command.action, picked);
    if (!change) {
      outcome.refused.push(picked.caseNo);
      continue;
    }
    try {
      await changeCase(actor, picked.caseNo, picked.version, change, {
        // One key per case of the submission: the same list step sent again takes nothing twice.
        submissionKey: `${command.submissionKey}-${picked.caseNo}`,
      });
      outcome.done.push(picked.caseNo);
    } catch (error) {
      const leftAlone = [StaleVersionError, ActionNotAllowedError, InputError, CaseNotFoundError].some(
        (kind) => error instanceof kind,
      );
      if (!leftAlone) throw error;
      // A step the case no longer allows because someone else moved it on is a change, not a refusal.
      (error instanceof StaleVersionError || (await changedSince(picked)) ? outcome.changed : outcome.refused).push(
        picked.caseNo,
      );
    }
  }
  return outcome;
}

async function changedSince(picked: DeskStepCase) {
  const current = await prisma.case.findUnique({ where: { caseNo: picked.caseNo }, select: { version: true } });
  return current !== null && current.version !== picked.version;
}

/** The command for one case: an assignment goes to the township chosen, else to the one reported in. */
async function changeOf(action: DeskStepCommand["action"], picked: DeskStepCase): Promise<CaseChange | null> {
  switch (action) {
    case "accept":
      return { action: "accept" };
    case "approveExtension":
      return { action: "approveExtension" };
    case "close":
      return { action: "close", satisfaction: picked.satisfaction };
    case "assign": {
      const assigneeId =
        picked.assigneeId ??
        (await prisma.case.findUnique({ where: { caseNo: picked.caseNo }, select: { townshipId: true } }))?.townshipId;
      return assigneeId ? { action: "assign", assigneeId } : null;
    }
  }
}
