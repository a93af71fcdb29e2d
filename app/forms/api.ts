import { z } from "zod";
import { CASE_KINDS, SATISFACTION_LEVELS, URGENCIES } from "~/domain/case-kinds";
import { CASE_STATES } from "~/domain/workflow";
import { PUBLIC_EVENTS, PUBLIC_STAGES } from "~/domain/case-lookup";
import { isCreditCode, normalizeCreditCode } from "~/domain/credit-code";
import { optionalText, phoneNumber, requiredText } from "./fields";

/**
 * The JSON API's requests and responses (docs/integrations.md). The OpenAPI document at
 * /api/v1/openapi.json is generated from these schemas, and the routes parse and build with them, so the
 * document cannot drift from what the server does. Text fields are the intake form's (./fields.ts).
 */

/** ISO 8601 with an offset (`2020-10-09T14:30:00+08:00`); a time without one is ambiguous and refused. */
export const isoInstant = z
  .string({ required_error: "required" })
  .datetime({ offset: true, message: "isoInstant" })
  .transform((value) => new Date(value))
  .refine((date) => date.getUTCFullYear() >= 2000 && date.getUTCFullYear() <= 2100, "isoInstant");

/** A work order transferred by a platform (12345, 12369) or a partner. The channel is the key's. */
export const transferInCaseSchema = z
  .object({
    workOrderNo: z
      .string({ required_error: "required" })
      .trim()
      .min(1, "required")
      .max(64, "tooLong")
      .regex(/^[\w.\-/]+$/, "workOrderNo")
      .describe("The platform's own work-order number; the same number always yields the same case."),
    kind: z.enum(["complaint", "petition"]).default("complaint"),
    receivedAt: isoInstant.describe("When the platform received the report."),
    dueAt: isoInstant.optional().describe("The platform's deadline for the answer; the earlier of it and the policy's applies."),
    complainantName: optionalText(50),
    complainantPhone: phoneNumber,
    consentToDisclose: z.boolean().default(false),
    refusesMessages: z.boolean().default(false),
    consentToPublish: z
      .boolean()
      .default(false)
      .describe("The complainant agreed that the description and the exact address may be published (Open311)."),
    township: requiredText(50).describe("The township or unit where it happened, by name (古南街道)."),
    category: requiredText(30).describe("A category code, as GET /api/v1/reference lists them."),
    subject: optionalText(200),
    respondentCode: z
      .string()
      .max(30, "tooLong")
      .transform(normalizeCreditCode)
      .refine(isCreditCode, "badCreditCode")
      .optional()
      .describe(
        "The respondent's unified social credit code (GB 32100), check characters included: a unit of the register links the case; another is kept as given.",
      ),
    address: optionalText(200),
    description: requiredText(4000),
    urgency: z.enum(URGENCIES).default("normal"),
  })
  .strict();

export type TransferInCase = z.output<typeof transferInCaseSchema>;

const limit = z.coerce.number({ invalid_type_error: "pageLimit" }).int("pageLimit").min(1, "pageLimit").max(100, "pageLimit");

export const caseListQuerySchema = z
  .object({
    kind: z.enum(CASE_KINDS).optional(),
    state: z.enum(CASE_STATES).optional(),
    receivedFrom: isoInstant.optional(),
    receivedTo: isoInstant.optional(),
    limit: limit.default(50),
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,20}$/, "cursor")
      .optional()
      .describe("From the previous page's nextCursor."),
  })
  .strict();

export const statisticsQuerySchema = z
  .object({
    year: z.coerce.number({ invalid_type_error: "year" }).int("year").min(2000, "year").max(2100, "year"),
    kind: z.enum(CASE_KINDS).default("complaint"),
  })
  .strict();

/**
 * How far ahead of our clock a reported time may be. A later one (9999-12-31) would outrank every correct
 * report after it, since older reports never overwrite newer ones.
 */
const REPORTED_CLOCK_SKEW_MS = 5 * 60_000;
const notAhead = (instant: Date) => instant.getTime() <= Date.now() + REPORTED_CLOCK_SKEW_MS;

/** A partner's own progress on a case it sent us for joint handling (docs/integrations.md "Transfers out"). */
export const jointProgressSchema = z
  .object({
    stage: z.enum(PUBLIC_STAGES, { required_error: "required", invalid_type_error: "stage" }),
    at: isoInstant.refine(notAhead, "reportedInFuture").describe("When the sender's case reached this stage."),
  })
  .strict();

/**
 * What a partner Greenline posts back about a case we transferred to it: its own transfer callback
 * (app/models/transfers-in/platform-callbacks.server.ts), of which we read the step, its case and its public course.
 */
export const partnerCallbackSchema = z.object({
  event: z.string().max(30),
  caseNo: z.string().max(30).optional(),
  workOrderNo: z.string().max(100),
  at: z
    .string()
    .datetime({ offset: true })
    .transform((value) => new Date(value))
    .refine(notAhead, "reportedInFuture")
    .optional(),
  case: z.object({ stage: z.string().max(30).optional(), answer: z.string().nullable().optional() }).optional(),
});

export type PartnerCallback = z.output<typeof partnerCallbackSchema>;

const time = z.string().describe("ISO 8601 with +08:00");

/** What a platform, a partner and the public may know of a case: its course, never who complained. */
export const publicCaseSchema = z.object({
  caseNo: z.string(),
  kind: z.enum(CASE_KINDS),
  stage: z.enum(PUBLIC_STAGES),
  channel: z.string(),
  category: z.string(),
  township: z.string(),
  workOrderNo: z.string().nullable(),
  receivedAt: time,
  acceptedAt: time.nullable(),
  rejectedAt: time.nullable(),
  rejectionReason: z.string().nullable(),
  dueAt: time.nullable(),
  answeredAt: time.nullable(),
  answer: z.string().nullable(),
  history: z.array(z.object({ at: time, event: z.enum(PUBLIC_EVENTS), text: z.string().nullable() })),
});

/** The bureau's own tools (scope `cases`) read the whole case, identity included. */
export const fullCaseSchema = publicCaseSchema.extend({
  state: z.enum(CASE_STATES),
  complainantName: z.string().nullable(),
  complainantPhone: z.string().nullable(),
  subject: z.string(),
  address: z.string(),
  description: z.string(),
  urgency: z.enum(URGENCIES),
  assignedTo: z.string().nullable(),
  overdue: z.boolean().describe("Red by the due rule: flagged overdue, or past an open milestone's due instant"),
  dueSoon: z.boolean().describe("Yellow by the due rule: past the policy's warning instant, not yet overdue"),
  satisfaction: z.enum(SATISFACTION_LEVELS).nullable(),
});

export const caseListSchema = z.object({
  cases: z.array(fullCaseSchema.or(publicCaseSchema)),
  nextCursor: z.string().nullable(),
});

export const transferInResultSchema = z.object({ created: z.boolean(), case: publicCaseSchema });

/** RFC 9457 problem details. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
});
