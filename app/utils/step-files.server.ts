import { parseWithZod } from "@conform-to/zod";
import { defaultKindFor, familyOfContentType } from "~/domain/attachments";
import { attachmentFieldsSchema } from "~/forms/case-actions/attachments";
import { t } from "~/i18n";
import {
  type ReceivedFile,
  type UploadLimits,
  discardReceivedFiles,
  keepReceivedFiles,
  limitsInMegabytes,
  receiveUpload,
} from "~/models/attachments/store.server";
import type { NewAttachment } from "~/models/case/actions/attachments.server";
import { isMultipart, readFormData, readFormWithFiles } from "./request-input.server";

/** A step's form as its handler gets it: the values, the files received, and the one call that keeps them. */
export interface StepForm {
  formData: FormData;
  files: ReceivedFile[];
  /** Moves the accepted files into place: given to the case service, which calls it once the step has passed its checks. */
  keepFiles: () => Promise<void>;
}

/**
 * A step's form as a route reads and handles it. `allowance` decides, before a byte of the body is read,
 * whether this account may upload here at all (it throws when not) and how much. The files are streamed
 * to storage and checked as they arrive; whatever the handler does not keep (a refusal, an error, a
 * repeated submission) is removed when it returns or throws (docs/security.md "Uploads").
 */
export async function handleStepForm<Result>(
  request: Request,
  allowance: () => Promise<UploadLimits>,
  handle: (form: StepForm) => Promise<Result>,
): Promise<Result> {
  if (!isMultipart(request)) {
    return handle({ formData: await readFormData(request), files: [], keepFiles: async () => undefined });
  }
  const within = await allowance();
  let accepted = 0;
  const received: ReceivedFile[] = [];
  try {
    const { formData, files } = await readFormWithFiles(request, async (data, fileName) => {
      const file = await receiveUpload(data, fileName, {
        maxFileBytes: within.maxFileBytes,
        caseBytesLeft: within.caseBytesLeft - accepted,
        hourBytesLeft: within.hourBytesLeft - accepted,
      });
      received.push(file);
      if (!file.problem) accepted += file.size;
      return file;
    });
    return await handle({ formData, files, keepFiles: () => keepReceivedFiles(files) });
  } finally {
    await discardReceivedFiles(received);
  }
}

/** Each refused file's name and reason, in the user's language. */
export function refusedFileMessages(files: ReceivedFile[]): string[] {
  const limits = limitsInMegabytes();
  return files
    .filter((file) => file.problem)
    .map((file) =>
      t(`attachment.problem.${file.problem!}`, {
        fileName: file.fileName,
        limit: file.problem === "caseFull" ? limits.perCase : file.problem === "hourlyBudget" ? limits.perHour : limits.perFile,
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
