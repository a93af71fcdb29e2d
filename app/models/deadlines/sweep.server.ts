import { config } from "~/config.server";
import { notifyOverdueReplies } from "../transfers-out/reply-clock.server";
import { requeuePendingWebhooks } from "../outbox/webhooks.server";
import { fireSteps } from "./ladder.server";
import { fireCardSteps } from "../enterprises/cards.server";
import { firePartSteps, fireReturnSteps } from "./side-clock-steps.server";

/**
 * The sweep, every minute across all workers: fires every due step the queue missed, in batches, and
 * catches up the other clocks that live in the database (webhook deliveries still pending, transfers'
 * overdue replies, cards' rectification deadlines, the desk's decisions on returns, assisting units' parts).
 */
export async function sweepDueSteps(now?: Date) {
  let fired = 0;
  for (;;) {
    const batch = await fireSteps(now, null, config().DEADLINE_BATCH_SIZE);
    fired += batch.length;
    if (batch.length === 0) break;
  }
  await requeuePendingWebhooks();
  await notifyOverdueReplies(now);
  fired += await fireCardSteps(now);
  fired += await fireReturnSteps(now);
  fired += await firePartSteps(now);
  return { fired };
}
