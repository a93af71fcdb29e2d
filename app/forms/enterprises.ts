import { z } from "zod";
import { CREDIT_GRADES } from "~/domain/credit-grades";
import { FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR } from "~/domain/local-time";

/** A year's credit grade entered on a unit's page (docs/domain.md "Credit grades"). */
export const creditGradeSchema = z.object({
  intent: z.literal("creditGrade"),
  year: z.coerce
    .number({ invalid_type_error: "year", required_error: "required" })
    .int("year")
    .min(FIRST_SUPPORTED_YEAR, "yearOutOfRange")
    .max(LAST_SUPPORTED_YEAR, "yearOutOfRange"),
  grade: z.enum(CREDIT_GRADES, { errorMap: () => ({ message: "required" }) }),
});
