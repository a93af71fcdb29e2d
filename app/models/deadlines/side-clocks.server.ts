import type { Transaction } from "~/db.server";
import { type LadderStep, warningIsPassed } from "~/domain/deadlines";
import { writeTransaction } from "../db/write-transaction.server";
import { afterNotificationCommit } from "../outbox/notifications.server";

/**
 * The clocks beside a case's milestones that make no case overdue — a card's rectification, a return's
 * decision, an assisting unit's part — each a row with its own ladder instants and next step, fired by the
 * deadline sweep (decisions 0022 and 0023).
 */
export interface SideClock {
  id: number;
  nextStep: string | null;
  warningAt: Date;
  dueAt: Date;
  supervisionAt: Date;
}

const FOLLOWING: Record<LadderStep, LadderStep | null> = { warning: "overdue", overdue: "supervision", supervision: null };

/**
 * Fires each row's due step once: `claim` moves the row to its following step only if it is still at
 * this one (two sweeps at once fire it once); `record` writes the step's audit event and notices and
 * returns their webhook event, queued after commit. A warning reached only once the clock was overdue
 * is recorded as passed, without a notice.
 */
export async function fireSideClocks<Row extends SideClock>(
  rows: readonly Row[],
  now: Date,
  claim: (tx: Transaction, row: Row, step: LadderStep, next: { step: LadderStep | null; at: Date | null }) => Promise<boolean>,
  record: (tx: Transaction, row: Row, step: LadderStep, passed: boolean) => Promise<string | null>,
): Promise<number> {
  let fired = 0;
  for (const row of rows) {
    const step = row.nextStep as LadderStep;
    const following = FOLLOWING[step];
    const instants: Record<LadderStep, Date> = { warning: row.warningAt, overdue: row.dueAt, supervision: row.supervisionAt };
    const eventId = await writeTransaction(async (tx) => {
      if (!(await claim(tx, row, step, { step: following, at: following ? instants[following] : null }))) return null;
      fired += 1;
      return record(tx, row, step, warningIsPassed(step, row.dueAt, now));
    });
    await afterNotificationCommit(eventId);
  }
  return fired;
}
