import { prisma } from "~/db.server";
import { splitApiKey } from "~/domain/api-keys";
import type { PartnerCallback } from "~/forms/api";
import type { Prisma } from "~/generated/prisma/client";
import {
  type PartnerKind,
  isRemoteStage,
  normalizedBaseUrl,
  partnerTownshipsOf,
  transferIdOfWorkOrder,
  transferWorkOrderNo,
} from "~/domain/partners";
import type { PartnerActor } from "~/domain/roles";
import { logger } from "~/logger.server";
import { changeCaseAtCurrentVersion } from "../case/service.server";
import { ActionNotAllowedError, InputError, StaleVersionError } from "../errors";
import { OutboundRefusedError, outboundFetch } from "../outbox/outbound.server";
import { callbackSigningSecret } from "../transfers-in/api-keys.server";
import { type SignatureCheck, checkSignature, noteReceived, receivedBefore } from "../outbox/signed-deliveries.server";

/**
 * Partners (docs/integrations.md "Transfers out"): the bodies cases are transferred to, configured by an
 * administrator at /admin/partners; and the answers a partner Greenline posts back about our transfers.
 */

/** The partners page's list: never the keys; a Greenline partner's townships as how many there are. */
export async function listPartners() {
  const partners = await prisma.partner.findMany({ orderBy: [{ active: "desc" }, { id: "asc" }], omit: { apiKey: true } });
  return partners.map(({ townships, ...partner }) => ({
    ...partner,
    townshipCount: townshipsOf(partner.kind === "greenline" ? townships : "[]").length,
  }));
}

const townshipsOf = (stored: string) => JSON.parse(stored) as string[];

/** What a transfer form offers: active partners, and each Greenline partner's townships. */
export async function partnerChoices() {
  const partners = await prisma.partner.findMany({
    where: { active: true },
    orderBy: { id: "asc" },
    select: { id: true, name: true, kind: true, replyDays: true, townships: true },
  });
  return partners.map((partner) => ({ ...partner, townships: partnerTownshipsOf(partner.townships) }));
}

/**
 * Asks a partner Greenline for its reference data with the key it issued us: proves the address and the
 * key before anything is sent, and gives the townships a transfer names.
 */
async function partnerTownships(baseUrl: string, apiKey: string): Promise<string[]> {
  let response: Response;
  try {
    response = await outboundFetch(`${baseUrl}/api/v1/reference`, {
      headers: { authorization: `Bearer ${apiKey}` },
      signal: AbortSignal.timeout(5000),
    });
  } catch (error) {
    if (error instanceof OutboundRefusedError) throw new InputError({ baseUrl: error.problem });
    throw new InputError({ baseUrl: "partnerUnreachable" }, [(error as Error).message]);
  }
  if (response.status === 401 || response.status === 403)
    throw new InputError({ apiKey: "partnerKeyRefused" }, [`HTTP ${response.status}`]);
  const body = (await response.json().catch(() => null)) as { townships?: unknown[] } | null;
  if (!response.ok || !Array.isArray(body?.townships))
    throw new InputError({ baseUrl: "partnerNotGreenline" }, [`HTTP ${response.status}`]);
  return body.townships.flatMap((township) => (typeof township === "string" ? [township.slice(0, 50)] : []));
}

export async function createPartner(input: {
  name: string;
  kind: PartnerKind;
  baseUrl?: string;
  apiKey?: string;
  replyDays: number;
}) {
  if (await prisma.partner.findUnique({ where: { name: input.name } })) throw new InputError({ name: "partnerNameTaken" });
  if (input.kind === "body") {
    return prisma.partner.create({ data: { name: input.name, kind: "body", replyDays: input.replyDays } });
  }
  const baseUrl = normalizedBaseUrl(input.baseUrl ?? "");
  if (!baseUrl) throw new InputError({ baseUrl: "partnerUrl" });
  if (!input.apiKey || !splitApiKey(input.apiKey)) throw new InputError({ apiKey: "partnerKey" });
  const townships = await partnerTownships(baseUrl, input.apiKey);
  return prisma.partner.create({
    data: {
      name: input.name,
      kind: "greenline",
      baseUrl,
      apiKey: input.apiKey.trim(),
      replyDays: input.replyDays,
      townships: JSON.stringify(townships),
    },
  });
}

/** Reads a Greenline partner's townships again (after it added one), checking the key still works. */
export async function refreshPartner(id: number) {
  const partner = await prisma.partner.findUnique({ where: { id } });
  if (!partner?.baseUrl || !partner.apiKey) throw new InputError({ id: "unknownPartner" });
  const townships = await partnerTownships(partner.baseUrl, partner.apiKey);
  await prisma.partner.update({ where: { id }, data: { townships: JSON.stringify(townships) } });
}

/** A partner no longer offered for new transfers; its transfers keep their history. */
export async function setPartnerActive(id: number, active: boolean) {
  await prisma.partner.updateMany({ where: { id }, data: { active } });
}

/**
 * Which partner signed a callback: the active Greenline partner whose key signs it (a handful of rows),
 * with whether its time is within the window, or null; a deactivated partner's answers are refused like
 * forged ones. The signature is over the exact bytes received.
 */
export async function partnerOfSignature(
  raw: string,
  headers: Headers,
  now = new Date(),
): Promise<{ partner: Prisma.PartnerGetPayload<object>; check: SignatureCheck } | null> {
  const partners = await prisma.partner.findMany({ where: { kind: "greenline", active: true } });
  for (const partner of partners) {
    const check = checkSignature(callbackSigningSecret(partner.apiKey ?? ""), headers, raw, now);
    if (check.outcome !== "badSignature") return { partner, check };
  }
  return null;
}

/** Who sent a signed delivery, for recognising its repeats. */
const partnerSender = (partner: { id: number }) => `partner:${partner.id}`;

export type PartnerCallbackOutcome =
  "recorded" | "already-recorded" | "badSignature" | "expired" | "unreadable" | "unknownTransfer" | "conflict";

/**
 * A signed callback as `POST /api/partner-callbacks` received it: refused for its signature or its time
 * (docs/integrations.md "Signatures"), a repeat of a delivery already recorded (which changes nothing),
 * or recorded. Nothing of an unsigned body is parsed: `parse` (the route's schema) runs only on a
 * signed one, and answers null for a body that is not a callback.
 */
export async function receivePartnerCallback(
  raw: string,
  headers: Headers,
  parse: (raw: string) => PartnerCallback | null,
  now = new Date(),
): Promise<{ outcome: PartnerCallbackOutcome; partnerId: number | null }> {
  const signed = await partnerOfSignature(raw, headers, now);
  if (!signed || signed.check.outcome === "badSignature") return { outcome: "badSignature", partnerId: null };
  const { partner, check } = signed;
  const refused = (outcome: PartnerCallbackOutcome) => ({ outcome, partnerId: partner.id });
  if (check.outcome === "expired") return refused("expired");
  if (await receivedBefore(partnerSender(partner), check.deliveryId)) return refused("already-recorded");
  const callback = parse(raw);
  if (!callback) return refused("unreadable");
  try {
    if (!(await recordPartnerCallback(partner, callback, now))) return refused("unknownTransfer");
  } catch (error) {
    if (error instanceof StaleVersionError) return refused("conflict");
    throw error;
  }
  await noteReceived(partnerSender(partner), check.deliveryId, now);
  return refused("recorded");
}

/**
 * An answer a partner Greenline posted about a case we transferred to it (its callback to the key it
 * issued us): its case number and stage are kept with the transfer, and its answer becomes the
 * transfer's reply, recorded on our case through the case service. A repeated or older answer changes
 * nothing. False when the answer names no transfer of ours to that partner.
 */
export async function recordPartnerCallback(
  partner: { id: number; name: string },
  callback: PartnerCallback,
  now = new Date(),
): Promise<boolean> {
  const transferId = transferIdOfWorkOrder(callback.workOrderNo);
  const transfer = transferId
    ? await prisma.caseTransfer.findFirst({
        where: { id: transferId, partnerId: partner.id },
        include: { case: { select: { caseNo: true } } },
      })
    : null;
  // The whole number must be the transfer's: TS-2026-00001-Y7 does not name transfer 7 of TS-2026-00052.
  if (!transfer || callback.workOrderNo !== transferWorkOrderNo(transfer.case.caseNo, transfer.id)) return false;
  const at = callback.at ?? now;
  if (!transfer.remoteUpdatedAt || transfer.remoteUpdatedAt.getTime() <= at.getTime()) {
    const stage = callback.case?.stage;
    await prisma.caseTransfer.update({
      where: { id: transfer.id },
      data: {
        remoteCaseNo: callback.caseNo ?? transfer.remoteCaseNo,
        remoteStage: isRemoteStage(stage) ? stage : transfer.remoteStage,
        remoteUpdatedAt: at,
        delivery: "delivered",
      },
    });
  }
  const answer = callback.event === "answered" ? (callback.case?.answer ?? "").trim().slice(0, 4000) : "";
  if (answer && transfer.repliedAt === null) await recordReply(partner, transfer.id, transfer.case.caseNo, answer, now);
  return true;
}

/** The partner's answer as the transfer's reply, by the partner itself, at the case's current version. */
async function recordReply(partner: { id: number; name: string }, transferId: number, caseNo: string, text: string, now: Date) {
  const actor: PartnerActor = { id: null, role: "partner", townshipId: null, partnerId: partner.id, name: partner.name };
  try {
    await changeCaseAtCurrentVersion(actor, caseNo, { action: "transferReply", transferId, text }, { now });
  } catch (error) {
    if (!(error instanceof ActionNotAllowedError)) throw error;
    // The case went on without it (concluded meanwhile): the answer stays on the transfer for the desk.
    await prisma.caseTransfer.updateMany({
      where: { id: transferId, repliedAt: null },
      data: { replyText: text, repliedAt: now },
    });
    logger.info({ caseNo, transferId }, "partner answer kept on the transfer: the case no longer takes replies");
  }
}
