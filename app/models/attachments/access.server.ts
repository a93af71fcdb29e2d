import { subHours } from "date-fns";
import { prisma } from "~/db.server";
import { carriesAttachments } from "~/domain/attachments";
import { parseCaseNo } from "~/domain/case-kinds";
import type { Actor } from "~/domain/roles";
import { allowedActions, canViewCase, mustMaskIdentity } from "~/domain/workflow";
import { assistingUnitIds } from "~/domain/assisting";
import { type DerivedVariant, type UploadLimits, derivedPath, objectPath, uploadLimits } from "./store.server";
import { caseAttachmentBytes } from "../case/actions/attachments.server";
import { CASE_FOR_CHANGE } from "../case/actions/context.server";
import { snapshotOf } from "../case/service.server";
import { ActionNotAllowedError, CaseNotFoundError } from "../errors";

/**
 * Who sees which attachment, and which file of it (decision 0014). Township staff never see one marked
 * confidential (in line with the complainant masking); a withdrawn one is shown only to the desk and
 * administrators, with its reason; the unchanged original of a photo is for the desk and administrators,
 * everyone else is shown the screen version, which carries no metadata.
 */
const SEES_WITHDRAWN_AND_ORIGINALS = ["dispatcher", "admin"];

export function attachmentVisibleTo(actor: Actor, attachment: { confidential: boolean; withdrawnAt: Date | null }) {
  if (attachment.confidential && mustMaskIdentity(actor)) return false;
  if (attachment.withdrawnAt && !SEES_WITHDRAWN_AND_ORIGINALS.includes(actor.role)) return false;
  return true;
}

export const mayDownloadOriginal = (actor: Actor) => SEES_WITHDRAWN_AND_ORIGINALS.includes(actor.role);

/** How the case page shows a file: a picture (its versions ready), a picture still being made, or a download. */
export function previewOf(file: { contentType: string; derived: string }): "image" | "pending" | "download" {
  if (!file.contentType.startsWith("image/")) return "download";
  return file.derived === "ready" ? "image" : file.derived === "pending" ? "pending" : "download";
}

/**
 * What this actor may upload now, decided before a byte of the body is read (docs/security.md
 * "Uploads"): to a case, only one they can see and may take a step with files on (else the case is not
 * found, or the step not allowed); at intake (no case yet), the per-file limit. Both within what the
 * account has left of its hourly budget.
 */
export async function uploadAllowance(actor: Actor, caseNo: string | null, now = new Date()): Promise<UploadLimits> {
  let caseBytes = 0;
  if (caseNo !== null) {
    if (!parseCaseNo(caseNo)) throw new CaseNotFoundError(caseNo.slice(0, 30));
    const record = await prisma.case.findUnique({ where: { caseNo }, include: CASE_FOR_CHANGE });
    const snapshot = record ? snapshotOf(record) : null;
    if (!record || !snapshot || !canViewCase(actor, snapshot)) throw new CaseNotFoundError(caseNo, record !== null);
    if (!allowedActions(actor, snapshot).some(carriesAttachments)) throw new ActionNotAllowedError("upload");
    caseBytes = await caseAttachmentBytes(prisma, record.id);
  }
  return uploadLimits({ caseBytes, hourBytes: await bytesUploadedSince(actor.id, subHours(now, 1)) });
}

async function bytesUploadedSince(userId: number, since: Date) {
  const rows = await prisma.attachment.findMany({
    where: { uploadedById: userId, uploadedAt: { gte: since } },
    select: { file: { select: { size: true } } },
  });
  return rows.reduce((sum, row) => sum + row.file.size, 0);
}

export type AttachmentVariant = DerivedVariant | "original";

/**
 * The file to send for one attachment of one case to this viewer, or null (a 404, exactly as for a
 * case or attachment that does not exist). An image's original goes to the desk and administrators
 * only; others asking for it get the screen version, or, for a picture the worker cannot read, the
 * original as a download.
 */
export async function attachmentFileFor(actor: Actor, caseNo: string, attachmentId: number, variant: AttachmentVariant) {
  if (!parseCaseNo(caseNo)) return null;
  const attachment = await prisma.attachment.findFirst({
    where: { id: attachmentId, case: { caseNo } },
    include: { case: { select: { assignedToId: true, assisting: { select: { unitId: true, submittedAt: true } } } }, file: true },
  });
  const scope = attachment && { ...attachment.case, assistingUnitIds: assistingUnitIds(attachment.case.assisting) };
  if (!attachment || !scope || !canViewCase(actor, scope) || !attachmentVisibleTo(actor, attachment)) return null;
  const isImage = attachment.file.contentType.startsWith("image/");
  const derivedReady = isImage && attachment.file.derived === "ready";
  let chosen: AttachmentVariant = variant;
  // A picture no version can be made of is a file like any other: its original, as a download, for everyone who may see it.
  if (!isImage || attachment.file.derived === "unsupported") chosen = "original";
  else if (variant === "original" && !mayDownloadOriginal(actor)) chosen = "screen";
  if (chosen !== "original" && !derivedReady) {
    // No version to show: the original for those who may have it, nothing for the others.
    if (!mayDownloadOriginal(actor) && isImage) return null;
    chosen = "original";
  }
  return chosen === "original"
    ? {
        path: objectPath(attachment.sha256),
        contentType: attachment.file.contentType,
        fileName: attachment.fileName,
        download: variant === "original" || isImage,
      }
    : {
        path: derivedPath(attachment.sha256, chosen),
        contentType: "image/webp",
        fileName: attachment.fileName.replace(/\.[^.]*$/, "") + ".webp",
        download: false,
      };
}
