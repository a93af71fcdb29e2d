import { z } from "zod";
import { URGENCIES } from "~/domain/case-kinds";
import { type Choice, choiceFor } from "~/domain/typed-choice";
import { MAX_DATABASE_ID, localDateTime, optionalText, phoneNumber, requiredText } from "./fields";

/** The lists the intake's township and category are typed from (names, pinyin initials; app/domain/typed-choice.ts). */
export interface IntakeChoiceLists {
  townships: readonly Choice[];
  categories: readonly Choice[];
}

const townshipIdSchema = z
  .number({ required_error: "required", invalid_type_error: "required" })
  .int("unknownTownship")
  .min(1, "unknownTownship")
  .max(MAX_DATABASE_ID, "unknownTownship");

/** A typed name, stem or initials read as the one choice it means; text meaning none or several is refused. */
const typedChoice = (choices: readonly Choice[], unknown: string) =>
  z.string({ required_error: "required" }).transform((text, context) => {
    const choice = choiceFor(text, choices);
    if (choice) return choice.value;
    context.addIssue({ code: "custom", message: unknown });
    return z.NEVER;
  });

/** The township typed at intake (its name, stem or initials), read as its id. */
export const typedTownshipId = (choices: IntakeChoiceLists) =>
  typedChoice(choices.townships, "typedTownship").pipe(z.coerce.number().pipe(townshipIdSchema));

/** The category typed at intake, read as its code. */
export const typedCategory = (choices: IntakeChoiceLists) => typedChoice(choices.categories, "typedCategory");

/**
 * The intake form, shared by the browser (validation as one types) and the server (the truth).
 * Complaints and petitions share it; mediation applications have their own (./mediation-intake.ts).
 * Given the choice lists, the township and category are typed (the intake); without them they are the
 * id and code a select sends (the desk's edit of a case).
 */
const fieldsSchema = (choices?: IntakeChoiceLists) =>
  z.object({
    kind: z.enum(["complaint", "petition"]).default("complaint"),
    channel: z.string({ required_error: "required" }),
    // Empty means "when registered": the call is logged as it is taken (docs/working-pages.md).
    receivedAt: localDateTime.optional(),
    anonymous: z.boolean().optional(),
    complainantName: optionalText(50),
    complainantPhone: phoneNumber,
    consentToDisclose: z.boolean().optional(),
    refusesMessages: z.boolean().optional(),
    consentToPublish: z.boolean().optional(),
    townshipId: choices ? typedTownshipId(choices) : townshipIdSchema,
    category: choices ? typedCategory(choices) : z.string({ required_error: "required" }),
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

/** The intake typed by the operator, its township and category read from the lists. */
export const intakeSchemaFor = (choices: IntakeChoiceLists) => fieldsSchema(choices).and(identitySchema);

/** The same fields as the desk edits them: township and category chosen from selects. */
export const intakeSchema = fieldsSchema().and(identitySchema);

export type IntakeSubmission = z.infer<typeof intakeSchema>;

/**
 * The case service's intake fields from a valid intake (or edit) form: an anonymous report keeps no
 * identity; a received time left empty is the moment of registration.
 */
export function intakeFieldsFrom(value: IntakeSubmission, registeredAt = new Date()) {
  return {
    channel: value.channel,
    receivedAt: value.receivedAt ?? registeredAt,
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
