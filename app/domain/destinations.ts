/**
 * Where our outgoing events go, set apart by an administrator: the webhook (a work-chat robot, which
 * gets notifications with case numbers and deadlines only) and the SMS gateway (messages to
 * complainants, with their phone). No identity ever reaches the chat.
 */
export const DESTINATIONS = ["webhook", "sms"] as const;
export type Destination = (typeof DESTINATIONS)[number];

/** Messages to complainants go to the SMS gateway; every other event of ours to the webhook. */
export const destinationOfEvent = (eventId: string): Destination => (eventId.startsWith("sms-") ? "sms" : "webhook");
