import { z } from "zod";
import { URGENCIES } from "~/domain/case-kinds";
import { MAX_DATABASE_ID, localDateTime, optionalText, phoneNumber, requiredText } from "./fields";

/**
 * The intake form, shared by the browser (validation as one types) and the server (the truth).
 * Complaints and petitions share it; mediation applications have their own (./mediation-intake.ts).
 */
const fieldsSchema = z.object({
  kind: z.enum(["complaint", "petition"]).default("complaint"),
  channel: z.string({ required_error: "required" }),
  receivedAt: localDateTime,
  anonymous: z.boolean().optional(),
  complainantName: optionalText(50),
  complainantPhone: phoneNumber,
  consentToDisclose: z.boolean().optional(),
  refusesMessages: z.boolean().optional(),
  consentToPublish: z.boolean().optional(),
  townshipId: z
    .number({ required_error: "required", invalid_type_error: "required" })
    .int("unknownTownship")
    .min(1, "unknownTownship")
    .max(MAX_DATABASE_ID, "unknownTownship"),
  category: z.string({ required_error: "required" }),
  subject: optionalText(200),
  address: optionalText(200),
  description: requiredText(4000),
  urgency: z.enum(URGENCIES).default("normal"),
  mergeInto: z.string().optional(),
});

// A separate part of the intersection, so that this check runs even while other fields are wrong
// (a refinement on the whole object would wait until every field parsed).
const identitySchema = z
  .object({ anonymous: z.boolean().optional(), complainantName: z.string().trim().optional() })
  .superRefine((value, context) => {
    if (!value.anonymous && !value.complainantName) {
      context.addIssue({ path: ["complainantName"], code: "custom", message: "nameOrAnonymous" });
    }
  });

export const intakeSchema = fieldsSchema.and(identitySchema);

export type IntakeSubmission = z.infer<typeof intakeSchema>;

/** The case service's intake fields from a valid intake (or edit) form: an anonymous report keeps no identity. */
export function intakeFieldsFrom(value: IntakeSubmission) {
  return {
    channel: value.channel,
    receivedAt: value.receivedAt,
    complainantName: value.anonymous ? null : (value.complainantName ?? null),
    complainantPhone: value.anonymous ? null : (value.complainantPhone ?? null),
    consentToDisclose: !value.anonymous && Boolean(value.consentToDisclose),
    refusesMessages: !value.anonymous && Boolean(value.refusesMessages),
    consentToPublish: Boolean(value.consentToPublish),
    townshipId: value.townshipId,
    category: value.category,
    subject: value.subject ?? "",
    address: value.address ?? "",
    description: value.description,
    urgency: value.urgency,
  };
}
