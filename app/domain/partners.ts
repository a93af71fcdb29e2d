import type { PublicStage } from "./case-lookup";

/**
 * Transfers out (docs/integrations.md "Transfers out"): to a partner running Greenline, through its
 * API, or to a body without it, by letter; moved there (移送) or handled by both (联合办理). Pure rules;
 * the records are in app/models/partners.server.ts.
 */

export const PARTNER_KINDS = ["greenline", "body"] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/**
 * - `transfer` (移送): the partner handles it; its reply is the result our desk answers the complainant with.
 * - `joint` (联合办理): both handle it and each keeps its own case; the partner's progress is shown beside ours.
 */
export const TRANSFER_MODES = ["transfer", "joint"] as const;

/** How a transfer stands with a partner Greenline: being sent (retried), received there, or given up. */
export const TRANSFER_DELIVERIES = ["sending", "delivered", "failed", "letter"] as const;

/** A partner's townships as stored with it (a JSON array of names, read from its API). */
export const partnerTownshipsOf = (stored: string): string[] => JSON.parse(stored) as string[];

/** The work-order number the partner keeps for our transfer: our case and the transfer, unique for its key. */
export const transferWorkOrderNo = (caseNo: string, transferId: number) => `${caseNo}-Y${transferId}`;

/** The delivery that reports our progress on a jointly handled case to the partner (not the transfer itself). */
export const jointProgressEventId = (transferId: number, auditEventId: number) => `joint-progress-${transferId}-${auditEventId}`;
export const isJointProgressEvent = (eventId: string) => eventId.startsWith("joint-progress-");

/** Which transfer a work-order number of ours names, if it is one. */
export function transferIdOfWorkOrder(workOrderNo: string): number | null {
  const match = /^[A-Z]{2}-\d{4}-\d{5}-Y(\d{1,9})$/.exec(workOrderNo);
  return match ? Number(match[1]) : null;
}

/**
 * Where partners post their answers to our transfers (the callback address of the key each issued us);
 * the signature tells which partner it is.
 */
export const PARTNER_CALLBACK_PATH = "/api/partner-callbacks";

/** A partner's stage as its answers report it: only these are taken. */
const REMOTE_STAGES: readonly PublicStage[] = ["received", "handling", "answered", "closed", "rejected", "merged"];
export const isRemoteStage = (value: unknown): value is PublicStage =>
  typeof value === "string" && (REMOTE_STAGES as readonly string[]).includes(value);

/** The partner's reply is awaited: not yet given, and the transfer reached it (or went by letter). */
export const awaitsReply = (transfer: { repliedAt: Date | null; delivery: string }) =>
  transfer.repliedAt === null && transfer.delivery !== "failed";

/** A reply to a transfer (移送) is the case's result, which the desk answers with; a joint case's is not. */
export const replyIsResult = (mode: string) => mode === "transfer";

/** An installation's address as an administrator enters it: http(s), no credentials, no query, no trailing slash. */
export function normalizedBaseUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (!["http:", "https:"].includes(url.protocol) || url.username || url.password || url.search || url.hash) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
