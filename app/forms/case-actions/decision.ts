import { z } from "zod";
import type { IntakeFields } from "~/domain/case-commands";
import type { LocalDate } from "~/domain/local-time";
import { localDate, requiredText } from "../fields";
import { intakeFieldsFrom, intakeSchema } from "../intake";

/** The desk's decisions (a petition's decision letter is dated today unless told) on a new case: edit the intake, accept, reject, merge into an open case. */
export const decisionSchemas = {
  edit: intakeSchema.transform(
    // The command names the fields to change; the form sends them all.
    (value): { action: "edit"; fields: Partial<Omit<IntakeFields, "kind">> } => {
      // A received time cleared in the edit keeps the one recorded (on the intake, empty means "now").
      const { receivedAt, ...fields } = intakeFieldsFrom(value);
      return { action: "edit", fields: value.receivedAt ? { ...fields, receivedAt } : fields };
    },
  ),
  accept: z
    .object({ letterDate: localDate().optional() })
    .transform((value): { action: "accept"; letterDate?: LocalDate | null } => ({
      action: "accept",
      letterDate: value.letterDate,
    })),
  reject: z
    .object({ reason: requiredText(), letterDate: localDate().optional() })
    .transform((value): { action: "reject"; reason: string; letterDate?: LocalDate | null } => ({
      action: "reject",
      reason: value.reason,
      letterDate: value.letterDate,
    })),
  merge: z
    .object({ targetCaseNo: requiredText(30) })
    .transform((value) => ({ action: "merge" as const, targetCaseNo: value.targetCaseNo })),
};
