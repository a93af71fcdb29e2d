import { z } from "zod";
import { CARD_ACTIONS, CARD_COLOURS, MAX_RECTIFY_WORKING_DAYS } from "~/domain/cards";
import { CREDIT_GRADES } from "~/domain/credit-grades";
import { FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR } from "~/domain/local-time";
import { databaseId, optionalText, requiredText, submissionKey } from "./fields";

/** The forms of a unit's page: a year's credit grade, a card issued, a step on a card (docs/domain.md). */
export const creditGradeSchema = z.object({
  intent: z.literal("creditGrade"),
  year: z.coerce
    .number({ invalid_type_error: "year", required_error: "required" })
    .int("year")
    .min(FIRST_SUPPORTED_YEAR, "yearOutOfRange")
    .max(LAST_SUPPORTED_YEAR, "yearOutOfRange"),
  grade: z.enum(CREDIT_GRADES, { errorMap: () => ({ message: "required" }) }),
});

export const issueCardSchema = z
  .object({
    intent: z.literal("issueCard"),
    colour: z.enum(CARD_COLOURS, { errorMap: () => ({ message: "required" }) }),
    reason: requiredText(500),
    legalBasis: requiredText(300),
    evidence: requiredText(2000),
    rectifyWorkingDays: z.coerce
      .number({ invalid_type_error: "rectifyWorkingDays", required_error: "required" })
      .int("rectifyWorkingDays")
      .min(1, "rectifyWorkingDays")
      .max(MAX_RECTIFY_WORKING_DAYS, "rectifyWorkingDays"),
    penaltyDecisionNo: optionalText(60),
    followsId: databaseId("cardCannotFollow").optional(),
    submissionKey: submissionKey.optional(),
  })
  // A red card rests on a penalty decision (行政处罚决定书).
  .refine((value) => value.colour !== "red" || Boolean(value.penaltyDecisionNo), {
    path: ["penaltyDecisionNo"],
    message: "penaltyDecisionRequired",
  });

export const cardStepSchema = z.object({
  intent: z.enum(CARD_ACTIONS),
  cardId: databaseId("badRequest"),
  text: requiredText(2000),
  submissionKey: submissionKey.optional(),
});
