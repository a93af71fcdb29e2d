import { z } from "zod";
import { URGENCIES } from "~/domain/case-kinds";
import { parseLocalDateTime } from "~/domain/local-time";
import { MAX_DATABASE_ID } from "./fields";

/**
 * The intake form, shared by the browser (validation as one types) and the server (the truth).
 * Messages are catalogue keys under "error.".
 */
const fieldsSchema = z.object({
  /** Complaints and petitions share this form; mediation applications have their own (app/forms/mediation.ts). */
  kind: z.enum(["complaint", "petition"]).default("complaint"),
  channel: z.string({ required_error: "required" }),
  receivedAt: z.string({ required_error: "required" }).refine((value) => parseLocalDateTime(value) !== null, "dateTime"),
  anonymous: z.boolean().optional(),
  complainantName: z.string().trim().max(50, "tooLong").optional(),
  complainantPhone: z
    .string()
    .trim()
    .regex(/^[\d\s-]{7,20}$/, "phoneFormat")
    .optional(),
  consentToDisclose: z.boolean().optional(),
  townshipId: z
    .number({ required_error: "required", invalid_type_error: "required" })
    .int("unknownTownship")
    .min(1, "unknownTownship")
    .max(MAX_DATABASE_ID, "unknownTownship"),
  category: z.string({ required_error: "required" }),
  subject: z.string().trim().max(200, "tooLong").optional(),
  address: z.string().trim().max(200, "tooLong").optional(),
  description: z.string({ required_error: "required" }).trim().min(1, "required").max(4000, "tooLong"),
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
    receivedAt: parseLocalDateTime(value.receivedAt)!,
    complainantName: value.anonymous ? null : (value.complainantName ?? null),
    complainantPhone: value.anonymous ? null : (value.complainantPhone ?? null),
    consentToDisclose: !value.anonymous && Boolean(value.consentToDisclose),
    townshipId: value.townshipId,
    category: value.category,
    subject: value.subject ?? "",
    address: value.address ?? "",
    description: value.description,
    urgency: value.urgency,
  };
}
