import { type DeadlineUnit, ladderInstants } from "~/domain/deadlines";
import { PAUSABLE_MILESTONE, dueWithPauses, mayPauseOn, minutesBetween, pausedAmount } from "~/domain/clock-pauses";
import type { CaseKind } from "~/domain/case-kinds";
import { InputError } from "../../errors";
import { rearmMovedSteps } from "../../deadlines/ladder.server";
import { type CaseActionHandlers, requireText, staffIdOf } from "./context.server";

/**
 * Clocks that pause by rule (docs/domain.md "Clocks that pause"): pausing stops the conclusion clock's
 * ladder (its next step has no instant, so nothing fires); resuming adds the days the pause took, in the
 * milestone's unit, places the ladder again from the new due instant and arms the steps still ahead.
 */
export const clockPauseHandlers: CaseActionHandlers<"pauseClock" | "resumeClock"> = {
  async pauseClock(context, change) {
    const { tx, record, actor, now } = context;
    if (!mayPauseOn(record.kind as CaseKind, change.ground)) throw new InputError({ ground: "pauseGroundNotForKind" });
    const reason = requireText("reason", change.reason);
    const legalBasis = requireText("legalBasis", change.legalBasis);
    const milestone = record.milestones.find(
      (m) => m.milestone === PAUSABLE_MILESTONE && m.round === record.round && m.status === "open",
    )!;
    const paused = await tx.caseMilestone.updateMany({
      where: { id: milestone.id, status: "open", pausedAt: null },
      data: { pausedAt: now, nextStepAt: null },
    });
    if (paused.count === 0) throw new InputError({ form: "badRequest" });
    await tx.clockPause.create({
      data: {
        caseId: record.id,
        round: record.round,
        milestone: milestone.milestone,
        ground: change.ground,
        reason,
        legalBasis,
        pausedAt: now,
        pausedById: staffIdOf(actor, "pauseClock"),
      },
    });
    return { caseUpdate: {}, auditDetails: { ground: change.ground, legalBasis, milestone: milestone.milestone } };
  },

  async resumeClock(context) {
    const { tx, record, actor, now, calendar, policy } = context;
    const milestone = record.milestones.find((m) => m.status === "open" && m.pausedAt !== null)!;
    const unit = milestone.unit as DeadlineUnit;
    const added = pausedAmount(calendar, unit, milestone.pausedAt!, now);
    const pausedBy = milestone.pausedBy + added;
    const { dueAt } = dueWithPauses(calendar, { ...milestone, unit, pausedBy }, milestone.fixedDueAt);
    const steps = ladderInstants(
      calendar,
      { startAt: milestone.startAt, dueAt, amount: milestone.amount, unit },
      policy.rules.ladder,
    );
    await tx.caseMilestone.update({
      where: { id: milestone.id },
      data: { pausedAt: null, pausedBy, dueAt, warningAt: steps.warning, supervisionAt: steps.supervision },
    });
    await rearmMovedSteps(tx, milestone, steps, now);
    await tx.clockPause.updateMany({
      where: { caseId: record.id, resumedAt: null },
      data: { resumedAt: now, resumedById: staffIdOf(actor, "resumeClock"), addedDays: added },
    });
    const minutes = minutesBetween(milestone.pausedAt!, now);
    return {
      caseUpdate: { pausedMinutes: record.pausedMinutes + minutes },
      auditDetails: { milestone: milestone.milestone, addedDays: added, unit, dueAfter: dueAt, pausedMinutes: minutes },
    };
  },
};
