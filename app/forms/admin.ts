import { DESTINATIONS } from "~/domain/destinations";
import { z } from "zod";
import { DEADLINE_UNITS, type DeadlineUnit } from "~/domain/deadlines";
import {
  type LocalDate,
  addLocalDays,
  isSupportedLocalDate,
  isSupportedYear,
  localDateOf,
  startOfLocalDay,
} from "~/domain/local-time";
import { MILESTONES } from "~/domain/policies";
import { MAX_TEMPLATE_LENGTH, MESSAGE_EVENTS, type MessageEvent, unknownVariables } from "~/domain/complainant-messages";
import { API_SCOPES, CREATING_SCOPES } from "~/domain/api-keys";
import { PARTNER_KINDS } from "~/domain/partners";
import { databaseId, localDate, localDateTime, optionalText } from "./fields";

/** The administrator's settings forms: the holiday calendar, deadline policy versions, the webhook, SMS templates. */

const supportedDate = z.string({ required_error: "required" }).refine(isSupportedLocalDate, "dateTime");
/** The calendar year the page was showing, to return to it. */
const shownYear = z.number().int().refine(isSupportedYear).optional();

export const calendarSchemas = {
  set: z.object({
    intent: z.literal("set"),
    year: shownYear,
    date: supportedDate,
    type: z.enum(["holiday", "workday"]),
    name: optionalText(30),
  }),
  remove: z.object({ intent: z.literal("remove"), year: shownYear, date: supportedDate }),
  import: z
    .object({
      intent: z.literal("import"),
      year: shownYear,
      file: z.instanceof(File).optional(),
      csv: optionalText(200_000),
    })
    .refine((value) => value.file || value.csv, { path: ["csv"], message: "required" }),
};
export type CalendarIntent = keyof typeof calendarSchemas;
export const isCalendarIntent = (value: unknown): value is CalendarIntent =>
  typeof value === "string" && Object.hasOwn(calendarSchemas, value);

const wholeNumber = (min: number) =>
  z
    .number({ required_error: "required", invalid_type_error: "wholeNumber" })
    .int("wholeNumber")
    .min(min, "wholeNumber")
    .max(10_000, "wholeNumber");

/** A new version of a deadline policy, based on an existing one; its milestones keep their names and starts. */
export const policyVersionSchema = z.object({
  baseId: databaseId("required"),
  effectiveFrom: localDateTime,
  milestones: z
    .array(
      z.object({
        milestone: z.enum(MILESTONES),
        from: z.enum(["received", "accepted"]),
        amount: wholeNumber(1),
        unit: z.enum(DEADLINE_UNITS as [DeadlineUnit, ...DeadlineUnit[]]),
      }),
    )
    .min(1, "required"),
  warningLeadWorkingDays: wholeNumber(0),
  warningLeadHours: wholeNumber(0),
  supervisionAfterWorkingDays: wholeNumber(0),
  returnDecisionWorkingDays: wholeNumber(1),
  signForWorkingDays: wholeNumber(1),
});

/** The outgoing webhook: an empty address turns it off; an empty secret keeps the stored one. */
export const webhookSettingsSchema = z.object({
  intent: z.literal("save"),
  destination: z.enum(DESTINATIONS),
  url: optionalText(500),
  secret: optionalText(200),
});

/** An administrator's actions on one account's page: lift a sign-in block, end one session or all. */
export const accountActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("unlock") }),
  z.object({ intent: z.literal("endSession"), sessionId: databaseId("required") }),
  z.object({ intent: z.literal("endAll") }),
]);

/** A ledger import: check an uploaded file, or apply the one checked before (by its token). */
export const ledgerImportSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("check"),
    ledger: z.instanceof(File, { message: "noFile" }).refine((file) => file.size > 0, "noFile"),
  }),
  z.object({
    intent: z.literal("apply"),
    token: z.string({ required_error: "required" }).max(100),
    fileName: z.string().max(200).default(""),
  }),
]);

/** A template may name only the variables (a typo would reach every complainant as it is); empty is the default. */
const messageTemplate = optionalText(MAX_TEMPLATE_LENGTH).refine(
  (value) => !value || unknownVariables(value).length === 0,
  "unknownVariable",
);

export const messageTemplatesSchema = z.object(
  Object.fromEntries(MESSAGE_EVENTS.map((event) => [event, messageTemplate])) as Record<MessageEvent, typeof messageTemplate>,
);

/** A new API key, from /admin/api-keys or `greenline api-key add` (docs/integrations.md). */
export const apiKeySchema = z
  .object({
    name: z.string({ required_error: "required" }).trim().min(1, "required").max(50, "tooLong"),
    scopes: z
      .array(z.enum(API_SCOPES, { invalid_type_error: "scopesRequired" }), { required_error: "scopesRequired" })
      .min(1, "scopesRequired"),
    channel: optionalText(30),
    callbackUrl: optionalText(500).refine((value) => !value || /^https?:\/\/\S+$/.test(value), "callbackUrl"),
    // A key that expired before it was made is a typo: the last day of use is today or later.
    expiresOn: localDate("dateTime")
      .refine((day) => day >= localDateOf(new Date()), "expiresInPast")
      .optional(),
    rateLimit: z.coerce
      .number({ invalid_type_error: "rateLimit" })
      .int("rateLimit")
      .min(1, "rateLimit")
      .max(100_000, "rateLimit")
      .default(600),
  })
  .refine((value) => value.channel || !value.scopes.some((scope) => CREATING_SCOPES.includes(scope)), {
    path: ["channel"],
    message: "channelRequired",
  })
  // A key valid "until" a day may be used all that day (Shanghai time).
  .transform(({ expiresOn, ...value }) => ({
    ...value,
    expiresAt: expiresOn ? startOfLocalDay(addLocalDays(expiresOn as LocalDate, 1)) : null,
  }));

export const revokeApiKeySchema = z.object({ intent: z.literal("revoke"), id: databaseId("badRequest") });

const degrees = (limit: number) =>
  z.number({ invalid_type_error: "coordinate" }).min(-limit, "coordinate").max(limit, "coordinate").optional();

/** A township's seat (docs/decisions/0017): both coordinates, or neither to clear it. */
export const townshipSeatSchema = z
  .object({ townshipId: databaseId("badRequest"), latitude: degrees(90), longitude: degrees(180) })
  .superRefine((value, context) => {
    if ((value.latitude === undefined) !== (value.longitude === undefined)) {
      context.addIssue({ path: [value.latitude === undefined ? "latitude" : "longitude"], code: "custom", message: "seatPair" });
    }
  });

/**
 * The handling units beside the townships (departments, 执法队…) the desk assigns to and asks to assist: one
 * added by its name, one taken out of (or back into) the lists by the administrator.
 */
export const handlingUnitSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("addUnit"),
    name: z.string({ required_error: "required" }).trim().min(2, "unitNameLength").max(40, "unitNameLength"),
  }),
  z.object({ intent: z.literal("setUnitActive"), unitId: databaseId("badRequest"), active: z.enum(["true", "false"]) }),
]);

/** A partner cases are transferred to (docs/integrations.md "Transfers out"). */
export const partnerSchema = z
  .object({
    intent: z.literal("add"),
    name: z.string({ required_error: "required" }).trim().min(1, "required").max(60, "tooLong"),
    kind: z.enum(PARTNER_KINDS, { required_error: "required", invalid_type_error: "required" }),
    baseUrl: optionalText(300),
    apiKey: optionalText(100),
    replyDays: z
      .number({ required_error: "replyDays", invalid_type_error: "replyDays" })
      .int("replyDays")
      .min(1, "replyDays")
      .max(90, "replyDays"),
  })
  .superRefine((value, context) => {
    if (value.kind !== "greenline") return;
    if (!value.baseUrl) context.addIssue({ path: ["baseUrl"], code: "custom", message: "partnerUrl" });
    if (!value.apiKey) context.addIssue({ path: ["apiKey"], code: "custom", message: "partnerKey" });
  });

/** Re-reading a partner's townships, or turning it off and on. */
export const partnerActionSchema = z.object({
  intent: z.enum(["refresh", "deactivate", "activate"]),
  id: databaseId("badRequest"),
});
