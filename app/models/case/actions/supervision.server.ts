import { t } from "~/i18n";
import { notifyUsers, recipientsOfInstruction } from "../../outbox/notifications.server";
import { type CaseActionHandlers, requireText, staffIdOf } from "./context.server";

/** A leader's supervision instruction (督办意见), which notifies the handlers, and their acknowledgement. */
export const supervisionHandlers: CaseActionHandlers<"instruct" | "acknowledge"> = {
  async instruct({ tx, record, now, actor }, change) {
    const instruction = await tx.supervisionInstruction.create({
      data: { caseId: record.id, authorId: staffIdOf(actor, "instruct"), text: requireText("text", change.text), createdAt: now },
    });
    const webhookEventId = await notifyUsers(tx, await recipientsOfInstruction(tx, record), {
      eventId: `instruction-${instruction.id}`,
      caseRef: record,
      kind: "instruction",
      message: t("notify.instruction", { caseNo: record.caseNo, text: instruction.text }),
      at: now,
    });
    return { caseUpdate: {}, auditDetails: { instruction: instruction.text }, webhookEventId };
  },
  async acknowledge({ tx, record, now, actor }) {
    await tx.supervisionInstruction.updateMany({
      where: { caseId: record.id, acknowledgedAt: null },
      data: { acknowledgedAt: now, acknowledgedById: actor.id },
    });
    const township = record.assignedToId ? await tx.township.findUnique({ where: { id: record.assignedToId } }) : null;
    const authors = [...new Set(record.instructions.map((instruction) => instruction.authorId))];
    const webhookEventId = await notifyUsers(tx, authors, {
      eventId: `acknowledged-${record.id}-${now.getTime()}`,
      caseRef: record,
      kind: "acknowledged",
      message: t("notify.acknowledged", { caseNo: record.caseNo, township: township?.name ?? "" }),
      at: now,
    });
    return { caseUpdate: {}, webhookEventId };
  },
};
