import type { z } from "zod";
import type { CaseAction } from "~/domain/workflow";
import { attachmentSchemas } from "./attachments";
import { decisionSchemas } from "./decision";
import { extensionSchemas } from "./extensions";
import { handlingSchemas } from "./handling";
import { mediationSchemas } from "./mediation";
import { petitionReviewSchemas } from "./petition-review";
import { respondentSchemas } from "./respondent";
import { returnSchemas } from "./returns";
import { clockPauseSchemas } from "./clock-pauses";
import { assistingSchemas } from "./assisting";
import { supervisionSchemas } from "./supervision";
import { transferOutSchemas } from "./transfers-out";

/**
 * One schema per case action, grouped by family. Each reads its form (through conform, in the browser and
 * on the server) and yields the command the case service takes; messages are catalogue keys under "error.".
 */
export const caseActionSchemas = {
  ...decisionSchemas,
  ...handlingSchemas,
  ...extensionSchemas,
  ...petitionReviewSchemas,
  ...mediationSchemas,
  ...supervisionSchemas,
  ...attachmentSchemas,
  ...transferOutSchemas,
  ...respondentSchemas,
  ...returnSchemas,
  ...clockPauseSchemas,
  ...assistingSchemas,
} satisfies { [A in CaseAction]: z.ZodType<{ action: A }, z.ZodTypeDef, unknown> };

/** A change to a case, as the case service (`changeCase`) accepts it: what the action's schema yields. */
export type CaseChange = z.output<(typeof caseActionSchemas)[CaseAction]>;

/** The command of one action. */
export type CaseChangeOf<A extends CaseAction> = Extract<CaseChange, { action: A }>;
