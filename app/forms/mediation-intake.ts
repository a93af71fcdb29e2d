import { z } from "zod";
import { localDateTime, optionalText, phoneNumber, requiredText } from "./fields";
import { type IntakeChoiceLists, typedCategory, typedTownshipId } from "./intake";

/** A mediation application (调解申请): the dispute, both parties, the claim; township and category typed as at intake. */
export const mediationIntakeSchemaFor = (choices: IntakeChoiceLists) =>
  z.object({
    channel: z.string({ required_error: "required" }),
    receivedAt: localDateTime,
    townshipId: typedTownshipId(choices),
    category: typedCategory(choices),
    applicantType: z.enum(["person", "unit"]),
    applicantName: requiredText(100),
    applicantPhone: phoneNumber,
    applicantAddress: optionalText(200),
    respondentType: z.enum(["person", "unit"]),
    respondentName: requiredText(100),
    respondentPhone: phoneNumber,
    respondentAddress: optionalText(200),
    description: requiredText(4000),
    claim: requiredText(2000),
    relatedCaseNo: optionalText(30),
  });

export type MediationIntakeSubmission = z.infer<ReturnType<typeof mediationIntakeSchemaFor>>;

/** The case service's intake and application from a valid form; the applicant is the case's complainant. */
export function mediationFromForm(value: MediationIntakeSubmission) {
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
      receivedAt: value.receivedAt,
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
