import { parseWithZod } from "@conform-to/zod";
import { defaultKindFor, familyOfContentType } from "~/domain/attachments";
import { attachmentFieldsSchema } from "~/forms/case-actions/attachments";
import { t } from "~/i18n";
import { type ReceivedFile, type UploadLimits, limitsInMegabytes, receiveUpload } from "~/models/attachments/store.server";
import type { NewAttachment } from "~/models/case/actions/attachments.server";
import { isMultipart, readFormData, readFormWithFiles } from "./request-input.server";

/**
 * A step's form as a route reads it: with its files streamed to storage and checked as they arrive
 * (when the form carries any), what the form says about them, and the messages for the files refused.
 */
export async function readStepForm(request: Request, limits: () => Promise<UploadLimits>) {
  if (!isMultipart(request)) return { formData: await readFormData(request), files: [] as ReceivedFile[] };
  const within = await limits();
  let accepted = 0;
  return readFormWithFiles(request, async (data, fileName) => {
    const received = await receiveUpload(data, fileName, { ...within, caseBytesLeft: within.caseBytesLeft - accepted });
    if (!received.problem) accepted += received.size;
    return received;
  });
}

/** Each refused file's name and reason, in the user's language. */
export function refusedFileMessages(files: ReceivedFile[]): string[] {
  const limits = limitsInMegabytes();
  return files
    .filter((file) => file.problem)
    .map((file) =>
      t(`attachment.problem.${file.problem!}`, {
        fileName: file.fileName,
        limit: file.problem === "caseFull" ? limits.perCase : limits.perFile,
      }),
    );
}

/**
 * The attachments of a step from its received files and the form's kind, caption and confidentiality,
 * with its submission key; null when those fields are not what the form offers (a crafted post).
 */
export function stepEvidence(formData: FormData, files: ReceivedFile[], action: string) {
  const evidence = parseWithZod(formData, { schema: attachmentFieldsSchema });
  if (evidence.status !== "success") return null;
  const { attachmentKind, attachmentCaption, attachmentConfidential, submissionKey } = evidence.value;
  const attachments: NewAttachment[] = files.map((file) => ({
    sha256: file.sha256,
    size: file.size,
    contentType: file.contentType!,
    fileName: file.fileName,
    kind: attachmentKind ?? defaultKindFor(action, familyOfContentType(file.contentType)),
    caption: attachmentCaption ?? "",
    confidential: Boolean(attachmentConfidential),
  }));
  return { attachments, submissionKey };
}
