import { z } from "zod";
import { ALL_PAUSE_GROUNDS } from "~/domain/clock-pauses";
import { requiredText } from "../fields";

/** Pausing the conclusion clock by rule (with its ground, reason and legal basis), and resuming it. */
export const clockPauseSchemas = {
  pauseClock: z
    .object({
      ground: z.enum(ALL_PAUSE_GROUNDS as [string, ...string[]], { required_error: "required", invalid_type_error: "required" }),
      reason: requiredText(),
      legalBasis: requiredText(500),
    })
    .transform((value) => ({ action: "pauseClock" as const, ...value })),
  resumeClock: z.object({}).transform(() => ({ action: "resumeClock" as const })),
};
