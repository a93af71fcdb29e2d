import type { CaseView } from "~/models/case/view.server";
import type { CaseActionData, Vocabulary } from "./action-form";
import { WithdrawAttachmentForm } from "./attachments";
import { AcceptForm, EditForm, MergeForm, RejectForm } from "./decision";
import { ApproveExtensionForm, RequestExtensionForm } from "./extensions";
import { AssignForm, CloseForm } from "./handling";
import { ConcludeMediationForm, FollowUpAgreementForm, MediationSessionForm } from "./mediation";
import { RequestReviewForm } from "./petition-review";
import { AcknowledgeForm } from "./supervision";
import { ReasonForm, TextForm } from "./text-forms";
import { type PartnerChoices, TransferOutForm, TransferReplyForm } from "./transfers-out";

export type { CaseActionData } from "./action-form";

/**
 * Exactly the actions this user may take on the case now, one form each. The forms live by family
 * beside their schemas' families (app/forms/case-actions/).
 */
export function CaseActionForms({
  view,
  vocabulary,
  actionData,
  submissionKey,
  partners,
}: {
  view: CaseView;
  vocabulary: Vocabulary | null;
  partners: PartnerChoices;
  actionData: CaseActionData | null;
  submissionKey: string;
}) {
  const allowed = new Set(view.allowedActions);
  const props = { view, actionData, submissionKey };
  return (
    <>
      {allowed.has("acknowledge") ? <AcknowledgeForm {...props} /> : null}
      {allowed.has("instruct") ? <TextForm {...props} action="instruct" label="field.instruction" /> : null}
      {allowed.has("accept") ? <AcceptForm {...props} /> : null}
      {allowed.has("reject") ? <RejectForm {...props} /> : null}
      {allowed.has("requestReview") ? <RequestReviewForm {...props} /> : null}
      {allowed.has("mediationSession") ? <MediationSessionForm {...props} /> : null}
      {allowed.has("concludeMediation") ? <ConcludeMediationForm {...props} /> : null}
      {allowed.has("followUpAgreement") ? <FollowUpAgreementForm {...props} /> : null}
      {allowed.has("merge") ? <MergeForm {...props} /> : null}
      {allowed.has("assign") && vocabulary ? <AssignForm {...props} vocabulary={vocabulary} /> : null}
      {allowed.has("onSite") ? <TextForm {...props} action="onSite" label="field.note" /> : null}
      {allowed.has("note") ? <TextForm {...props} action="note" label="field.note" /> : null}
      {allowed.has("submit") ? <TextForm {...props} action="submit" label="field.resultText" /> : null}
      {allowed.has("transferReply") ? <TransferReplyForm {...props} /> : null}
      {allowed.has("requestExtension") ? <RequestExtensionForm {...props} /> : null}
      {allowed.has("return") ? <ReasonForm {...props} action="return" danger /> : null}
      {allowed.has("approveExtension") ? <ApproveExtensionForm {...props} /> : null}
      {allowed.has("refuseExtension") ? <ReasonForm {...props} action="refuseExtension" danger /> : null}
      {allowed.has("conclude") ? <TextForm {...props} action="conclude" label="field.replyText" /> : null}
      {allowed.has("sendBack") ? <ReasonForm {...props} action="sendBack" danger /> : null}
      {allowed.has("close") ? <CloseForm {...props} /> : null}
      {allowed.has("reopen") ? <ReasonForm {...props} action="reopen" /> : null}
      {allowed.has("transferOut") && partners.length > 0 ? <TransferOutForm {...props} partners={partners} /> : null}
      {allowed.has("withdrawAttachment") ? <WithdrawAttachmentForm {...props} /> : null}
      {allowed.has("edit") && vocabulary ? <EditForm {...props} vocabulary={vocabulary} /> : null}
    </>
  );
}
