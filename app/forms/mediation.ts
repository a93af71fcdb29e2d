import { z } from "zod";
import { databaseId } from "./fields";
import { parseLocalDateTime } from "~/domain/local-time";

/** A mediation application (调解申请): the dispute, both parties, the claim. Messages are catalogue keys. */
const text = (max: number) => z.string().trim().max(max, "tooLong").optional();
const required = (max: number) => z.string({ required_error: "required" }).trim().min(1, "required").max(max, "tooLong");
const phone = z
  .string()
  .trim()
  .regex(/^[\d\s-]{7,20}$/, "phoneFormat")
  .optional();

export const mediationSchema = z.object({
  channel: z.string({ required_error: "required" }),
  receivedAt: z.string({ required_error: "required" }).refine((value) => parseLocalDateTime(value) !== null, "dateTime"),
  townshipId: databaseId("required"),
  category: z.string({ required_error: "required" }),
  applicantType: z.enum(["person", "unit"]),
  applicantName: required(100),
  applicantPhone: phone,
  applicantAddress: text(200),
  respondentType: z.enum(["person", "unit"]),
  respondentName: required(100),
  respondentPhone: phone,
  respondentAddress: text(200),
  description: required(4000),
  claim: required(2000),
  relatedCaseNo: text(30),
});

export type MediationSubmission = z.infer<typeof mediationSchema>;

/** The case service's intake and application from a valid form; the applicant is the case's complainant. */
export function mediationFromForm(value: MediationSubmission) {
  const party = (role: "applicant" | "respondent") => ({
    role,
    type: value[`${role}Type`],
    name: value[`${role}Name`],
    phone: value[`${role}Phone`] ?? null,
    address: value[`${role}Address`] ?? "",
  });
  return {
    fields: {
      kind: "mediation" as const,
      channel: value.channel,
      receivedAt: parseLocalDateTime(value.receivedAt)!,
      complainantName: value.applicantName,
      complainantPhone: value.applicantPhone ?? null,
      consentToDisclose: false,
      townshipId: value.townshipId,
      category: value.category,
      subject: value.respondentName,
      address: value.respondentAddress ?? "",
      description: value.description,
      urgency: "normal" as const,
    },
    application: {
      parties: [party("applicant"), party("respondent")],
      claim: value.claim,
      relatedCaseNo: value.relatedCaseNo ?? null,
    },
  };
}
