import { z } from "zod";
import { requiredText } from "../fields";

/** A leader's supervision instruction (督办意见) and the handling unit's acknowledgement. */
export const supervisionSchemas = {
  instruct: z.object({ text: requiredText() }).transform((value) => ({ action: "instruct" as const, text: value.text })),
  acknowledge: z.object({}).transform(() => ({ action: "acknowledge" as const })),
};
