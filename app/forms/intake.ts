import { z } from "zod";
import { URGENCIES } from "~/domain/case-kinds";
import { parseLocalDateTime } from "~/domain/local-time";

/**
 * The intake form, shared by the browser (validation as one types) and the server (the truth).
 * Messages are catalogue keys under "error.".
 */
export const intakeSchema = z
  .object({
    channel: z.string({ required_error: "required" }),
    receivedAt: z
      .string({ required_error: "required" })
      .refine((value) => parseLocalDateTime(value) !== null, "dateTime"),
    anonymous: z.boolean().optional(),
    complainantName: z.string().trim().max(50, "tooLong").optional(),
    complainantPhone: z
      .string()
      .trim()
      .regex(/^[\d\s-]{7,20}$/, "phoneFormat")
      .optional(),
    consentToDisclose: z.boolean().optional(),
    townshipId: z.number({ required_error: "required", invalid_type_error: "required" }).int(),
    category: z.string({ required_error: "required" }),
    subject: z.string().trim().max(200, "tooLong").optional(),
    address: z.string().trim().max(200, "tooLong").optional(),
    description: z.string({ required_error: "required" }).trim().min(1, "required").max(4000, "tooLong"),
    urgency: z.enum(URGENCIES).default("normal"),
    mergeInto: z.string().optional(),
  })
  .superRefine((value, context) => {
    if (!value.anonymous && !value.complainantName) {
      context.addIssue({ path: ["complainantName"], code: "custom", message: "nameOrAnonymous" });
    }
  });

export type IntakeSubmission = z.infer<typeof intakeSchema>;
