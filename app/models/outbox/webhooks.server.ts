import { type Destination, destinationOfEvent } from "~/domain/destinations";
import { InputError } from "../errors";
import { prisma, type Transaction } from "~/db.server";
import { isJointProgressEvent } from "~/domain/partners";
import { logger } from "~/logger.server";
import { z } from "zod";
import { config } from "~/config.server";
import { defineJob, queueOrLeave } from "../jobs/queues.server";
import { OutboundRefusedError, outboundFetch, requireOutboundAddress } from "./outbound.server";
import { signedHeaders } from "./signed-deliveries.server";
import { isFinalRefusal, partnerRequestOf, recordPartnerAnswer, recordPartnerGivenUp } from "../transfers-out/deliveries.server";

/**
 * Outgoing events, each POSTed once as JSON, signed under its destination's secret
 * (app/domain/destinations.ts; the signature in ./signed-deliveries.server.ts), retried with exponential
 * backoff by its own queue so that a failing receiver never holds up deadline work; every attempt is recorded.
 */

export async function getDestinationSettings(destination: Destination) {
  const keys = [`${destination}.url`, `${destination}.secret`];
  const rows = await prisma.setting.findMany({ where: { key: { in: keys } } });
  const value = (key: string) => rows.find((row) => row.key === key)?.value ?? "";
  return { url: value(keys[0]), secret: value(keys[1]) };
}

const configuredCache = new Map<Destination, { loadedAt: number; configured: boolean }>();

/** Whether a destination's URL is set; asked by every notification, so kept for ten seconds per process. */
export async function destinationConfigured(tx: Transaction, destination: Destination): Promise<boolean> {
  const cached = configuredCache.get(destination);
  if (cached && Date.now() - cached.loadedAt < 10_000) return cached.configured;
  const setting = await tx.setting.findUnique({ where: { key: `${destination}.url` } });
  const configured = Boolean(setting?.value);
  configuredCache.set(destination, { loadedAt: Date.now(), configured });
  return configured;
}

/**
 * Pending deliveries for events, written in the caller's transaction so that they exist exactly when
 * the change does; none when no webhook is configured, and none twice for one event. Returns the event
 * ids to queue after commit.
 */
export async function recordWebhookDeliveries(
  tx: Transaction,
  events: { eventId: string; at: Date; payload: Record<string, unknown> }[],
): Promise<string[]> {
  const configured = new Map<Destination, boolean>();
  for (const destination of new Set(events.map((event) => destinationOfEvent(event.eventId)))) {
    configured.set(destination, await destinationConfigured(tx, destination));
  }
  const sent = events.filter((event) => configured.get(destinationOfEvent(event.eventId)));
  if (sent.length === 0) return [];
  const existing = new Set(
    (
      await tx.webhookDelivery.findMany({
        where: { eventId: { in: sent.map((event) => event.eventId) } },
        select: { eventId: true },
      })
    ).map((delivery) => delivery.eventId),
  );
  const fresh = sent.filter((event) => !existing.has(event.eventId));
  await tx.webhookDelivery.createMany({
    data: fresh.map((event) => ({
      eventId: event.eventId,
      status: "pending",
      createdAt: event.at,
      payload: JSON.stringify({ ...event.payload, eventId: event.eventId, at: event.at.toISOString() }),
    })),
  });
  return fresh.map((event) => event.eventId);
}

export async function saveDestinationSettings(destination: Destination, url: string, secret: string) {
  const trimmed = url.trim();
  if (trimmed && !/^https?:\/\/\S+$/.test(trimmed)) throw new InputError({ url: "webhookUrl" });
  if (trimmed) await requireOutboundAddress("url", trimmed);
  if (trimmed && secret.length < 16) throw new InputError({ secret: "webhookSecret" });
  const [urlKey, secretKey] = [`${destination}.url`, `${destination}.secret`];
  await prisma.$transaction([
    prisma.setting.upsert({ where: { key: urlKey }, create: { key: urlKey, value: trimmed }, update: { value: trimmed } }),
    prisma.setting.upsert({ where: { key: secretKey }, create: { key: secretKey, value: secret }, update: { value: secret } }),
  ]);
  configuredCache.delete(destination);
}

export const WEBHOOK_ATTEMPTS = 8;

/**
 * Deliveries have their own queue and worker, so a failing receiver never delays deadlines; every
 * attempt is recorded with the delivery, so failed attempts are not logged again.
 */
export const webhookJobs = defineJob<{ eventId: string }>({
  queue: "webhooks",
  what: "webhook delivery",
  payload: z.object({ eventId: z.string().min(1).max(200) }),
  jobOptions: () => ({
    attempts: WEBHOOK_ATTEMPTS,
    backoff: { type: "exponential", delay: config().WEBHOOK_RETRY_DELAY_MS },
    removeOnComplete: { age: 7 * 24 * 3600 },
    removeOnFail: { age: 30 * 24 * 3600 },
  }),
  worker: { concurrency: 4, logFailedJobs: false },
  process: (job) => deliverWebhook(job.data.eventId, { finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) }),
});

/** Queues the deliveries of committed events; duplicates are ignored by job id, a failure is left to the sweep. */
export async function queueWebhookDeliveries(eventIds: string[]) {
  await queueOrLeave(
    webhookJobs,
    eventIds.map((eventId) => ({ name: "deliver", data: { eventId }, opts: { jobId: `webhook-${eventId}` } })),
    "the sweep will catch up",
  );
}

/** Queues every delivery still pending (the sweep, after a lost queue). */
export async function requeuePendingWebhooks() {
  const pending = await prisma.webhookDelivery.findMany({ where: { status: "pending" }, select: { eventId: true }, take: 1000 });
  await queueWebhookDeliveries(pending.map((delivery) => delivery.eventId));
  return pending.length;
}

/** Where a delivery goes: the API key's callback address (signed under the key), or the outgoing webhook. */
async function destinationOf(delivery: { apiKeyId: number | null; eventId: string }) {
  if (delivery.apiKeyId === null) return getDestinationSettings(destinationOfEvent(delivery.eventId));
  const key = await prisma.apiKey.findUnique({ where: { id: delivery.apiKeyId } });
  // The platform holds the key; the hex SHA-256 of its secret part (what we keep) is the signing secret.
  return { url: key?.callbackUrl ?? "", secret: key?.secretHash ?? "" };
}

/** What one attempt sends: a signed event to the webhook or a key's callback, or a transfer to a partner's API. */
async function requestOf(
  delivery: { apiKeyId: number | null; caseTransferId: number | null; eventId: string; payload: string },
  sentAt: Date,
) {
  if (delivery.caseTransferId !== null) return partnerRequestOf(delivery);
  const { url, secret } = await destinationOf(delivery);
  if (!url) return null;
  return {
    url,
    headers: {
      "content-type": "application/json",
      ...signedHeaders(secret, { id: delivery.eventId, body: delivery.payload }, sentAt),
    },
  };
}

/**
 * One attempt. Throws on failure so that the queue retries; `finalAttempt` marks the delivery failed, as
 * does a partner's refusal that no retry can change (a 4xx other than 408 and 429).
 */
export async function deliverWebhook(eventId: string, options: { finalAttempt?: boolean; now?: Date } = {}) {
  const delivery = await prisma.webhookDelivery.findUnique({ where: { eventId } });
  if (!delivery || delivery.status === "delivered") return "nothing-to-do";
  // Signed at the moment it leaves, whatever time the caller records it under.
  const request = await requestOf(delivery, new Date());
  if (!request) return "not-configured";
  const now = options.now ?? new Date();
  const sendsTransfer = delivery.caseTransferId !== null && !isJointProgressEvent(eventId);
  let failure: string | null = null;
  // A partner's refusal that no retry can change (a 4xx other than 408 and 429).
  let refused = false;
  try {
    const response = await outboundFetch(request.url, {
      method: "POST",
      headers: request.headers,
      body: delivery.payload,
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) failure = `HTTP ${response.status}`;
    refused = delivery.caseTransferId !== null && isFinalRefusal(response.status);
    if (sendsTransfer) await recordPartnerAnswer(delivery.caseTransferId!, response, now);
  } catch (error) {
    failure = (error as Error).message;
    // An address the policy refuses is refused again at every retry: given up at once.
    if (error instanceof OutboundRefusedError) refused = true;
  }
  const givenUp = failure !== null && (refused || options.finalAttempt === true);
  await prisma.webhookDelivery.update({
    where: { eventId },
    data: failure
      ? { attempts: { increment: 1 }, lastError: failure, status: givenUp ? "failed" : "pending" }
      : { attempts: { increment: 1 }, lastError: null, status: "delivered", deliveredAt: now },
  });
  if (givenUp && sendsTransfer) await recordPartnerGivenUp(delivery.caseTransferId!, failure!);
  logger.info({ eventId, delivered: !failure, error: failure }, "webhook attempt");
  // Thrown for the queue to retry; a refusal for good would only be refused again.
  if (failure && !refused) throw new Error(`webhook ${eventId}: ${failure}`);
  return failure ? "refused" : "delivered";
}

export function recentWebhookDeliveries() {
  return prisma.webhookDelivery.findMany({ orderBy: { id: "desc" }, take: 50 });
}

/**
 * A pending delivery to the callback address of the key that transferred a case (docs/integrations.md
 * "Transfers in"), written in the step's transaction; none when the key has no callback address.
 */
export async function recordCallbackDelivery(
  tx: Transaction,
  callback: { apiKeyId: number; eventId: string; at: Date; payload: Record<string, unknown> },
): Promise<string | null> {
  const key = await tx.apiKey.findUnique({ where: { id: callback.apiKeyId }, select: { callbackUrl: true } });
  if (!key?.callbackUrl) return null;
  await tx.webhookDelivery.create({
    data: {
      apiKeyId: callback.apiKeyId,
      eventId: callback.eventId,
      status: "pending",
      createdAt: callback.at,
      payload: JSON.stringify({ ...callback.payload, eventId: callback.eventId, at: callback.at.toISOString() }),
    },
  });
  return callback.eventId;
}
