import { localDateOf } from "./local-time";
import { fillPlaceholders, placeholdersNotIn } from "./placeholders";
import type { CaseAction } from "./workflow";

/**
 * Reply templates (常用语, docs/working-pages.md "Replies written once"): texts the desk and the townships
 * write again and again, kept once by the administrator for everyone or by a user for themself, and put
 * into a step's text with the case's own values.
 */
export const REPLY_PURPOSES = ["answer", "result", "rejection", "sendBack", "extension"] as const;
export type ReplyPurpose = (typeof REPLY_PURPOSES)[number];

/** The step text each purpose is written for. */
const PURPOSE_OF_STEP: Partial<Record<CaseAction, ReplyPurpose>> = {
  conclude: "answer",
  submit: "result",
  reject: "rejection",
  sendBack: "sendBack",
  return: "sendBack",
  requestExtension: "extension",
};

export function replyPurposeOf(action: CaseAction): ReplyPurpose | null {
  return PURPOSE_OF_STEP[action] ?? null;
}

/** What a template may name; nothing here names the complainant (townships read these texts too). */
export const REPLY_VARIABLES = ["caseNo", "receivedDate", "dueDate", "township", "today", "bureau"] as const;
export type ReplyVariable = (typeof REPLY_VARIABLES)[number];
export type ReplyValues = Record<ReplyVariable, string>;

export const MAX_REPLY_TEMPLATE_LENGTH = 2000;

export function unknownReplyVariables(body: string): string[] {
  return placeholdersNotIn(body, REPLY_VARIABLES);
}

/** The values of one case, as its page fills a template. */
export function replyValuesOf(
  record: { caseNo: string; receivedAt: Date; dueAt: Date | null; townshipName: string | null },
  bureau: string,
  now: Date,
): ReplyValues {
  return {
    caseNo: record.caseNo,
    receivedDate: localDateOf(record.receivedAt),
    dueDate: record.dueAt ? localDateOf(record.dueAt) : "",
    township: record.townshipName ?? "",
    today: localDateOf(now),
    bureau,
  };
}

/** What a case page offers: per purpose, each template's title and its text filled for the case. */
export type FilledReplyTemplates = Partial<Record<ReplyPurpose, { id: number; title: string; text: string }[]>>;

export function fillReplyTemplate(body: string, values: ReplyValues): string {
  return fillPlaceholders(body, values);
}

/** Invented values that show what a template gives, on the templates page. */
export const SAMPLE_REPLY_VALUES: ReplyValues = {
  caseNo: "TS-2020-00733",
  receivedDate: "2020-10-09",
  dueDate: "2020-10-30",
  township: "古南街道",
  today: "2020-10-20",
  bureau: "綦江区生态环境局",
};
