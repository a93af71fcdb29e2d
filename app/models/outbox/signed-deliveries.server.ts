import { createHmac, timingSafeEqual } from "node:crypto";
import { subDays } from "date-fns";
import { prisma } from "~/db.server";
import { isUniqueViolation } from "../errors";

/**
 * Signed deliveries between systems (docs/integrations.md "Signatures"): our events to the webhook, the
 * SMS gateway and platforms' callbacks, a partner Greenline's callbacks to us, the gateway's receipts.
 * Each attempt carries its delivery id and the time it was sent, and the signature covers both with the
 * body, so that a captured delivery cannot be sent again later, nor under another id.
 */
export const SIGNATURE_HEADER = "x-greenline-signature";
export const TIMESTAMP_HEADER = "x-greenline-timestamp";
export const DELIVERY_HEADER = "x-greenline-event";

/** How far a signed delivery's time may be from our clock, either way (clocks of two servers differ a little). */
export const SIGNATURE_WINDOW_SECONDS = 300;
const DELIVERY_ID = /^[\w.:-]{1,200}$/;

const signatureOf = (secret: string, timestamp: string, deliveryId: string, body: string) =>
  `sha256=${createHmac("sha256", secret).update(`${timestamp}.${deliveryId}.${body}`).digest("hex")}`;

/** The headers of one attempt of a delivery, signed under `secret` at `at`. */
export function signedHeaders(secret: string, delivery: { id: string; body: string }, at: Date): Record<string, string> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return {
    [SIGNATURE_HEADER]: signatureOf(secret, timestamp, delivery.id, delivery.body),
    [TIMESTAMP_HEADER]: timestamp,
    [DELIVERY_HEADER]: delivery.id,
  };
}

export type SignatureCheck = { outcome: "valid"; deliveryId: string } | { outcome: "badSignature" } | { outcome: "expired" };

/**
 * Whether a received body is signed under `secret`: the signature must hold over the sent time, the
 * delivery id and the body, and the time must be within the window of our clock. A signature is
 * checked before the time, so that nobody without the secret learns anything from the answer.
 */
export function checkSignature(secret: string, headers: Headers, body: string, now = new Date()): SignatureCheck {
  const signature = headers.get(SIGNATURE_HEADER);
  const timestamp = headers.get(TIMESTAMP_HEADER) ?? "";
  const deliveryId = headers.get(DELIVERY_HEADER) ?? "";
  if (!secret || !signature || !/^\d{1,12}$/.test(timestamp) || !DELIVERY_ID.test(deliveryId)) return { outcome: "badSignature" };
  const expected = Buffer.from(signatureOf(secret, timestamp, deliveryId, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { outcome: "badSignature" };
  if (Math.abs(Number(timestamp) - now.getTime() / 1000) > SIGNATURE_WINDOW_SECONDS) return { outcome: "expired" };
  return { outcome: "valid", deliveryId };
}

/** Whether this sender's delivery was received before (a repeat within the window changes nothing). */
export async function receivedBefore(sender: string, deliveryId: string) {
  return (await prisma.receivedDelivery.count({ where: { sender, deliveryId } })) > 0;
}

/**
 * Notes a delivery as received once it has taken effect (a delivery that failed may be sent again under
 * its id), and forgets those older than a day: by then their signatures have long expired.
 */
export async function noteReceived(sender: string, deliveryId: string, now = new Date()) {
  try {
    await prisma.receivedDelivery.create({ data: { sender, deliveryId, receivedAt: now } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error; // the same delivery twice at once: noted by the other
  }
  await prisma.receivedDelivery.deleteMany({ where: { receivedAt: { lt: subDays(now, 1) } } });
}
