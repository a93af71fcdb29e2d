import { Fragment, type ReactNode } from "react";
import type { CaseAction } from "~/domain/workflow";
import { t, tKey } from "~/i18n";
import type { CaseView } from "~/models/case/view.server";
import { type CaseActionData, type Vocabulary, stepAnchor } from "./action-form";
import { WithdrawAttachmentForm } from "./attachments";
import { AcceptForm, EditForm, MergeForm, RejectForm, SignForForm } from "./decision";
import { ExtensionDecision, RequestExtensionForm } from "./extensions";
import { AssignForm, CloseForm } from "./handling";
import { ConcludeMediationForm, FollowUpAgreementForm, MediationSessionForm } from "./mediation";
import { RequestReviewForm } from "./petition-review";
import { SetRespondentForm } from "./respondent";
import { DecideReturnForm, ReturnForm } from "./returns";
import { PauseClockForm, ResumeClockForm } from "./clock-pauses";
import { RequestAssistanceForm, SubmitPartForm } from "./assisting";
import { AcknowledgeForm } from "./supervision";
import { ReasonForm, TextForm } from "./text-forms";
import { type PartnerChoices, TransferOutForm, TransferReplyForm } from "./transfers-out";

export type { CaseActionData } from "./action-form";

interface StepsProps {
  view: CaseView;
  vocabulary: Vocabulary | null;
  partners: PartnerChoices;
  actionData: CaseActionData | null;
  submissionKey: string;
}

/**
 * Exactly the steps this user may take on the case now, in the order of the work, each with the anchor
 * of its section and its form. The forms live by family beside their schemas' families
 * (app/forms/case-actions/).
 */
function caseSteps({ view, vocabulary, partners, actionData, submissionKey }: StepsProps) {
  const allowed = new Set(view.allowedActions);
  const props = { view, actionData, submissionKey };
  const steps: { action: CaseAction; anchor: string; title: string; form: ReactNode }[] = [];
  const add = (action: CaseAction, form: ReactNode, when = allowed.has(action)) => {
    if (when) steps.push({ action, anchor: stepAnchor(action), title: tKey("action", action), form });
  };
  add("signFor", <SignForForm {...props} />);
  add("acknowledge", <AcknowledgeForm {...props} />);
  add("instruct", <TextForm {...props} action="instruct" />);
  add("accept", <AcceptForm {...props} />);
  add("reject", <RejectForm {...props} />);
  add("requestReview", <RequestReviewForm {...props} />);
  add("mediationSession", <MediationSessionForm {...props} />);
  add("concludeMediation", <ConcludeMediationForm {...props} />);
  add("followUpAgreement", <FollowUpAgreementForm {...props} />);
  add("merge", <MergeForm {...props} />);
  if (vocabulary) add("decideReturn", <DecideReturnForm {...props} vocabulary={vocabulary} />);
  if (vocabulary) add("assign", <AssignForm {...props} vocabulary={vocabulary} />);
  add("onSite", <TextForm {...props} action="onSite" />);
  add("note", <TextForm {...props} action="note" />);
  add("submitPart", <SubmitPartForm {...props} unitId={props.view.viewerUnitId} />);
  add("submit", <TextForm {...props} action="submit" quoteParts />);
  add("transferReply", <TransferReplyForm {...props} />);
  add("requestExtension", <RequestExtensionForm {...props} />);
  if (vocabulary) add("return", <ReturnForm {...props} vocabulary={vocabulary} />);
  const mayApprove = allowed.has("approveExtension");
  const mayRefuse = allowed.has("refuseExtension");
  if (mayApprove || mayRefuse) {
    steps.push({
      action: mayApprove ? "approveExtension" : "refuseExtension",
      anchor: "step-extension",
      title: t("case.extensionDecision"),
      form: <ExtensionDecision {...props} mayApprove={mayApprove} mayRefuse={mayRefuse} />,
    });
  }
  add("resumeClock", <ResumeClockForm {...props} />);
  add("conclude", <TextForm {...props} action="conclude" />);
  add("sendBack", <ReasonForm {...props} action="sendBack" danger />);
  add("close", <CloseForm {...props} />);
  add("reopen", <ReasonForm {...props} action="reopen" />);
  add("transferOut", <TransferOutForm {...props} partners={partners} />, allowed.has("transferOut") && partners.length > 0);
  add("pauseClock", <PauseClockForm {...props} />);
  if (vocabulary) add("requestAssistance", <RequestAssistanceForm {...props} vocabulary={vocabulary} />);
  add("setRespondent", <SetRespondentForm {...props} />);
  add("withdrawAttachment", <WithdrawAttachmentForm {...props} />);
  if (vocabulary) add("edit", <EditForm {...props} vocabulary={vocabulary} />);
  return steps;
}

/** The action area: one labelled section per step. */
export function CaseActionForms(props: StepsProps) {
  return (
    <>
      {caseSteps(props).map((step) => (
        <Fragment key={step.anchor}>{step.form}</Fragment>
      ))}
    </>
  );
}

/**
 * Links to each step's section from the top of the page; on a phone they stay at the top of the screen
 * while the case is read, so the actions are one tap away however far down they are.
 */
export function CaseStepLinks(props: StepsProps) {
  const steps = caseSteps(props);
  if (steps.length === 0) return null;
  return (
    <nav className="step-links" aria-label={t("case.stepsNav")}>
      {steps.map((step) => (
        <a key={step.anchor} href={`#${step.anchor}`}>
          {step.title}
        </a>
      ))}
    </nav>
  );
}
