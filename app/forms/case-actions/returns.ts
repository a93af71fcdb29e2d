import { z } from "zod";
import { RETURN_DECISIONS, RETURN_GROUNDS } from "~/domain/returns";
import { databaseId, requiredText } from "../fields";
import { MAX_ASSISTING_UNITS } from "~/domain/assisting";

/** A unit's return (退单) with its ground, and the desk's decision on it (裁定). */
export const returnSchemas = {
  return: z
    .object({
      ground: z.enum(RETURN_GROUNDS, { required_error: "required", invalid_type_error: "required" }),
      reason: requiredText(),
      suggestedUnitId: databaseId("unknownAssignee").optional(),
    })
    .transform((value) => ({
      action: "return" as const,
      ground: value.ground,
      reason: value.reason,
      suggestedUnitId: value.suggestedUnitId ?? null,
    })),
  decideReturn: z
    .object({
      decision: z.enum(RETURN_DECISIONS, { required_error: "required", invalid_type_error: "required" }),
      assigneeId: databaseId("unknownAssignee").optional(),
      /** With a lead unit: the units that assist it (协办), each given the default days for its part. */
      assistingIds: z.array(databaseId("unknownAssignee")).max(MAX_ASSISTING_UNITS, "assistingTooMany").default([]),
      reason: requiredText(),
    })
    .transform((value) => ({
      action: "decideReturn" as const,
      decision: value.decision,
      assigneeId: value.assigneeId ?? null,
      assistingIds: value.decision === "lead" ? value.assistingIds : [],
      reason: value.reason,
    })),
};
