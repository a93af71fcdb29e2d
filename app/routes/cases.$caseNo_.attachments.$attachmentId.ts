import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { type AttachmentVariant, attachmentFileFor } from "~/models/attachments/access.server";
import { readStoredFile, storedFileSize } from "~/models/attachments/store.server";
import { requireUser } from "~/session.server";
import { parseByteRange } from "~/utils/byte-range";
import { parseId } from "~/utils/forms";
import { searchParamsOf } from "~/utils/request-input.server";
import { t } from "~/i18n";

const VARIANTS: readonly AttachmentVariant[] = ["thumb", "screen", "original"];

/**
 * One attachment's file, to a viewer who may see the case and the attachment (a 404 otherwise, as for one
 * that does not exist). Never from public/: sent with its recognised type (helmet adds `nosniff` to every
 * answer), a file name, and byte ranges for audio players.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const requested = searchParamsOf(request).get("variant") ?? "original";
  const variant = VARIANTS.find((candidate) => candidate === requested) ?? "original";
  const attachmentId = parseId(params.attachmentId);
  const file = attachmentId ? await attachmentFileFor(user, params.caseNo!, attachmentId, variant) : null;
  const size = file ? await storedFileSize(file.path) : null;
  if (!file || size === null) throw new Response(t("error.notFound"), { status: 404 });
  const headers = new Headers({
    "Content-Type": file.contentType,
    "Content-Disposition": `${file.download ? "attachment" : "inline"}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    "Accept-Ranges": "bytes",
    // Private: what a user may see is decided per request; content never changes under one URL.
    "Cache-Control": "private, max-age=3600",
  });
  const range = parseByteRange(request.headers.get("range"), size);
  if (range === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  const body = createReadableStreamFromReadable(readStoredFile(file.path, range ?? undefined));
  if (!range) {
    headers.set("Content-Length", String(size));
    return new Response(body, { status: 200, headers });
  }
  headers.set("Content-Range", `bytes ${range.start}-${range.end}/${size}`);
  headers.set("Content-Length", String(range.end - range.start + 1));
  return new Response(body, { status: 206, headers });
}
