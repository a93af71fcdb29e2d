import type { Transaction } from "~/db.server";
import type { AttachmentKind } from "~/domain/attachments";
import type { CaseActor } from "~/domain/roles";
import { caseAttachmentsLimitBytes } from "../../attachments/store.server";
import { InputError } from "../../errors";
import { type CaseActionHandlers, type LoadedCase, requireText, staffIdOf } from "./context.server";

/** A file received for a step, with what the form said about it. */
export interface NewAttachment {
  sha256: string;
  size: number;
  contentType: string;
  fileName: string;
  kind: AttachmentKind;
  caption: string;
  confidential: boolean;
}

/**
 * Keeps the step's files with the case, in the step's transaction: the stored file once by its hash, an
 * attachment row naming the step (action, round, audit event). The case's total is checked again here,
 * where concurrent uploads to the same case are serialised; only then are the files moved into place
 * (`keepFiles`), so that a step refused by any check leaves none behind.
 */
export async function recordAttachments(
  tx: Transaction,
  step: { record: Pick<LoadedCase, "id" | "round">; action: string; auditEventId: number; actor: CaseActor; at: Date },
  attachments: NewAttachment[],
  keepFiles: () => Promise<void> = async () => undefined,
) {
  if (attachments.length === 0) return;
  const used = await caseAttachmentBytes(tx, step.record.id);
  const adding = attachments.reduce((sum, file) => sum + file.size, 0);
  if (used + adding > caseAttachmentsLimitBytes()) throw new InputError({ files: "caseFull" });
  await keepFiles();
  for (const file of attachments) {
    await tx.storedFile.upsert({
      where: { sha256: file.sha256 },
      create: { sha256: file.sha256, size: file.size, contentType: file.contentType, createdAt: step.at },
      update: {},
    });
    await tx.attachment.create({
      data: {
        caseId: step.record.id,
        round: step.record.round,
        action: step.action,
        auditEventId: step.auditEventId,
        kind: file.kind,
        caption: file.caption,
        fileName: file.fileName,
        sha256: file.sha256,
        confidential: file.confidential,
        uploadedById: staffIdOf(step.actor, step.action),
        uploadedAt: step.at,
      },
    });
  }
}

/** Bytes the case's attachments hold (withdrawn ones too: nothing is erased). */
export async function caseAttachmentBytes(db: Pick<Transaction, "attachment">, caseId: number): Promise<number> {
  const rows = await db.attachment.findMany({ where: { caseId }, select: { file: { select: { size: true } } } });
  return rows.reduce((sum, row) => sum + row.file.size, 0);
}

export const attachmentHandlers: CaseActionHandlers<"withdrawAttachment"> = {
  async withdrawAttachment({ tx, record, actor, now }, change) {
    const reason = requireText("reason", change.reason);
    const attachment = await tx.attachment.findFirst({
      where: { id: change.attachmentId, caseId: record.id, withdrawnAt: null },
    });
    if (!attachment) throw new InputError({ attachmentId: "unknownAttachment" });
    await tx.attachment.update({
      where: { id: attachment.id },
      data: { withdrawnAt: now, withdrawnById: actor.id, withdrawReason: reason },
    });
    return { caseUpdate: {}, auditDetails: { attachment: attachment.fileName, kind: attachment.kind } };
  },
};
