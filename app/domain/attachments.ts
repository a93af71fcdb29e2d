import type { CaseAction } from "./workflow";

/**
 * Evidence kept with a case (docs/domain.md, "Attachments"): what kinds there are, which steps may carry
 * them, and which files are accepted, judged by their content and never by their name alone.
 */

export const ATTACHMENT_KINDS = ["sitePhoto", "rectificationPhoto", "letterScan", "agreement", "recording", "other"] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** The steps that record work, and so may carry evidence; intake carries it as the step "register". */
export const ACTIONS_WITH_ATTACHMENTS = [
  "onSite",
  "submit",
  "requestExtension",
  "acknowledge",
  "mediationSession",
  "concludeMediation",
  "conclude",
  "note",
] as const satisfies readonly CaseAction[];
export type ActionWithAttachments = (typeof ACTIONS_WITH_ATTACHMENTS)[number];

export const carriesAttachments = (action: string): action is ActionWithAttachments =>
  (ACTIONS_WITH_ATTACHMENTS as readonly string[]).includes(action);

export type ContentFamily = "image" | "pdf" | "audio" | "document";

/** A file type Greenline accepts: what its content starts with, and the names it may have. */
export interface ContentType {
  mime: string;
  family: ContentFamily;
  extensions: readonly string[];
  /** Browsers show it inline (images they decode, PDF, most audio); others are offered as downloads. */
  inline: boolean;
}

const TYPES = {
  jpeg: { mime: "image/jpeg", family: "image", extensions: ["jpg", "jpeg"], inline: true },
  png: { mime: "image/png", family: "image", extensions: ["png"], inline: true },
  webp: { mime: "image/webp", family: "image", extensions: ["webp"], inline: true },
  heic: { mime: "image/heic", family: "image", extensions: ["heic", "heif"], inline: false },
  pdf: { mime: "application/pdf", family: "pdf", extensions: ["pdf"], inline: true },
  mp3: { mime: "audio/mpeg", family: "audio", extensions: ["mp3"], inline: true },
  m4a: { mime: "audio/mp4", family: "audio", extensions: ["m4a", "aac", "mp4"], inline: true },
  aac: { mime: "audio/aac", family: "audio", extensions: ["aac"], inline: true },
  wav: { mime: "audio/wav", family: "audio", extensions: ["wav"], inline: true },
  amr: { mime: "audio/amr", family: "audio", extensions: ["amr"], inline: false },
  docx: {
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    family: "document",
    extensions: ["docx"],
    inline: false,
  },
  xlsx: {
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    family: "document",
    extensions: ["xlsx"],
    inline: false,
  },
  doc: { mime: "application/msword", family: "document", extensions: ["doc"], inline: false },
  xls: { mime: "application/vnd.ms-excel", family: "document", extensions: ["xls"], inline: false },
} as const satisfies Record<string, ContentType>;

/** How many leading bytes `sniffContent` needs. */
export const SNIFF_BYTES = 64;

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/**
 * What the content is, from its first bytes, or null when it is none of the accepted types. Office
 * files share their containers (ZIP for docx/xlsx, OLE for doc/xls), so for those the name decides
 * which of the two it is; an image, a PDF or a recording is told by its content alone.
 */
export function sniffContent(head: Uint8Array, fileName: string): ContentType | null {
  const extension = extensionOf(fileName);
  if (startsWith(head, [0xff, 0xd8, 0xff])) return TYPES.jpeg;
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return TYPES.png;
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") return TYPES.webp;
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WAVE") return TYPES.wav;
  if (ascii(head, 0, 5) === "%PDF-") return TYPES.pdf;
  if (ascii(head, 0, 6) === "#!AMR\n" || ascii(head, 0, 9) === "#!AMR-WB\n") return TYPES.amr;
  if (ascii(head, 0, 3) === "ID3" || (head[0] === 0xff && head.length > 1 && (head[1] & 0xe6) === 0xe2)) return TYPES.mp3;
  if (head[0] === 0xff && head.length > 1 && (head[1] & 0xf6) === 0xf0) return TYPES.aac; // ADTS
  if (ascii(head, 4, 8) === "ftyp") {
    const brand = ascii(head, 8, 12);
    if (["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"].includes(brand)) return TYPES.heic;
    if (["M4A ", "M4B ", "mp42", "isom", "mp41", "3gp4", "3gp5", "3g2a"].includes(brand)) return TYPES.m4a;
    return null;
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    if (extension === "docx") return TYPES.docx;
    if (extension === "xlsx") return TYPES.xlsx;
    return null;
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (extension === "doc") return TYPES.doc;
    if (extension === "xls") return TYPES.xls;
    return null;
  }
  return null;
}

/** The family of a recognised content type (as stored), or null. */
export function familyOfContentType(contentType: string | null): ContentFamily | null {
  return Object.values(TYPES).find((type) => type.mime === contentType)?.family ?? null;
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot < 0 ? "" : fileName.slice(dot + 1).toLowerCase();
}

export type AttachmentProblem = "empty" | "tooLarge" | "unsupportedType" | "nameMismatch" | "caseFull" | "hourlyBudget";

/** Why a file cannot be kept with the case, or null. Messages are catalogue keys under "attachment.problem.". */
export function attachmentProblem(file: {
  fileName: string;
  size: number;
  type: ContentType | null;
  maxFileBytes: number;
  caseBytesLeft: number;
  hourBytesLeft: number;
}): AttachmentProblem | null {
  if (file.size === 0) return "empty";
  if (file.size > file.maxFileBytes) return "tooLarge";
  if (!file.type) return "unsupportedType";
  const extension = extensionOf(file.fileName);
  // A phone may send a photo without a usable name; a name that claims another type is refused.
  if (extension && !file.type.extensions.includes(extension)) return "nameMismatch";
  if (file.size > file.caseBytesLeft) return "caseFull";
  if (file.size > file.hourBytesLeft) return "hourlyBudget";
  return null;
}

/** The kind a file most likely is, for the form's default: photos at the scene, recordings, the rest "other". */
export function defaultKindFor(action: string, family: ContentFamily | null): AttachmentKind {
  if (family === "audio") return "recording";
  if (family === "image") return action === "submit" ? "rectificationPhoto" : "sitePhoto";
  if (action === "concludeMediation") return "agreement";
  return "other";
}
