import { z } from "zod";
import { requiredText } from "./fields";

/** The complainant's progress lookup: the case number and the phone number given or the receipt's code. */
export const caseLookupSchema = z.object({
  caseNo: requiredText(30),
  proof: requiredText(30),
});
