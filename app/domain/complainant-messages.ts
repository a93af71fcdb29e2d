import { fillPlaceholders, placeholdersNotIn } from "./placeholders";
import type { CaseAction } from "./workflow";

/**
 * Text messages to the complainant (docs/domain.md "Messages to complainants"): which steps send one,
 * the variables a template may use, and how a template becomes the text. The bureau's SMS gateway sends
 * them; Greenline hands each one over as a signed `sms` webhook event.
 */

export const MESSAGE_EVENTS = ["receipt", "accepted", "rejected", "extended", "answered", "closed"] as const;
export type MessageEvent = (typeof MESSAGE_EVENTS)[number];

/** The step that sends each message (the receipt is sent at registration, which is not a case action). */
const EVENT_OF_ACTION: Partial<Record<CaseAction, MessageEvent>> = {
  accept: "accepted",
  reject: "rejected",
  approveExtension: "extended",
  conclude: "answered",
  concludeMediation: "answered",
  close: "closed",
};

export function messageEventOf(action: CaseAction): MessageEvent | null {
  return EVENT_OF_ACTION[action] ?? null;
}

/** What a template may say. Nothing here names a member of staff or anyone other than the complainant. */
export const MESSAGE_VARIABLES = [
  "bureau",
  "lookupUrl",
  "caseNo",
  "receivedDate",
  "dueDate",
  "reason",
  "days",
  "answer",
] as const;
export type MessageVariable = (typeof MESSAGE_VARIABLES)[number];
export type MessageValues = Record<MessageVariable, string>;

/** Invented values that show what a template gives, on the templates page. */
export const SAMPLE_VALUES: MessageValues = {
  bureau: "綦江区生态环境局",
  lookupUrl: "https://greenline.example.gov.cn/query",
  caseNo: "TS-2020-00733",
  receivedDate: "2020-10-09",
  dueDate: "2020-10-30",
  reason: "该事项不属于本局职责范围，已告知您向区住房城乡建委反映",
  days: "15",
  answer: "经现场核查，反映的餐饮油烟问题属实，已责令商户安装油烟净化设施并于10月20日完成整改。",
};

/** An SMS of a few segments is fine; a template (or an answer) longer than this is cut. */
export const MAX_MESSAGE_LENGTH = 300;
export const MAX_TEMPLATE_LENGTH = 300;

/** The placeholders a template uses that are not variables (a typo would otherwise be sent as is). */
export function unknownVariables(template: string): string[] {
  return placeholdersNotIn(template, MESSAGE_VARIABLES);
}

/** The text a template gives for one case; the whole message is kept within MAX_MESSAGE_LENGTH. */
export function renderMessage(template: string, values: MessageValues): string {
  const text = fillPlaceholders(template, values);
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : text;
}

/** Whether the complainant gets messages at all: a phone to send to, and no refusal at intake. */
export function receivesMessages(record: { complainantPhone: string | null; refusesMessages: boolean }): boolean {
  return Boolean(record.complainantPhone) && !record.refusesMessages;
}

/** Where the gateway stands with a message: the webhook's delivery, then the gateway's own receipt. */
export type MessageStatus = "notConfigured" | "pending" | "handedOver" | "handOverFailed" | "delivered" | "undelivered";

export function messageStatusOf(delivery: { status: string } | null, gatewayStatus: string | null): MessageStatus {
  if (gatewayStatus === "delivered") return "delivered";
  if (gatewayStatus === "failed") return "undelivered";
  if (!delivery) return "notConfigured";
  if (delivery.status === "delivered") return "handedOver";
  if (delivery.status === "failed") return "handOverFailed";
  return "pending";
}
