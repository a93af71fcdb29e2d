import { EXTENSION_RULES } from "~/domain/kind-rules";
import type { CaseKind } from "~/domain/case-kinds";
import { t, tKey } from "~/i18n";
import { showDateTime } from "~/utils/format";
import { TextAreaField, TextField } from "../form-fields";
import { ActionForm, type ActionFormProps, StepSection, useCaseActionForm } from "./action-form";
import { ReplyTemplatePicker } from "./reply-templates";

export function RequestExtensionForm({ view, actionData, submissionKey }: ActionFormProps) {
  const [form, fields] = useCaseActionForm("requestExtension", actionData);
  return (
    <ActionForm view={view} submissionKey={submissionKey} action="requestExtension" form={form}>
      <TextField
        meta={fields.amount}
        type="number"
        min={1}
        max={EXTENSION_RULES[view.kind as CaseKind].max}
        label={t("field.amount")}
      />
      <TextAreaField meta={fields.reason} label={tKey("step.reason", "requestExtension")} />
      <ReplyTemplatePicker action="requestExtension" fieldId={fields.reason.id} />
    </ActionForm>
  );
}

/** The desk's answer to an extension request, beside the request it answers: approve or refuse. */
export function ExtensionDecision({
  mayApprove,
  mayRefuse,
  ...props
}: ActionFormProps & { mayApprove: boolean; mayRefuse: boolean }) {
  const request = props.view.pendingExtension;
  const unit = props.view.milestones.find((m) => m.milestone === request?.milestone)?.unit ?? "";
  return (
    <StepSection id="step-extension" title={t("case.extensionDecision")}>
      {request ? (
        <p>
          {t("case.extensionRequested", {
            at: showDateTime(request.requestedAt),
            milestone: tKey("milestone", request.milestone),
            amount: request.amount,
            unit: tKey("unit", unit),
            reason: request.reason,
          })}
        </p>
      ) : null}
      <div className="step-pair">
        {mayApprove ? <ApproveExtensionForm {...props} /> : null}
        {mayRefuse ? <RefuseExtensionForm {...props} /> : null}
      </div>
    </StepSection>
  );
}

function RefuseExtensionForm({ view, actionData, submissionKey }: ActionFormProps) {
  const [form, fields] = useCaseActionForm("refuseExtension", actionData);
  return (
    <ActionForm view={view} submissionKey={submissionKey} action="refuseExtension" form={form} danger inGroup>
      <TextAreaField meta={fields.reason} label={tKey("step.reason", "refuseExtension")} />
    </ActionForm>
  );
}

function ApproveExtensionForm({ view, actionData, submissionKey }: ActionFormProps) {
  const [form, fields] = useCaseActionForm("approveExtension", actionData);
  return (
    <ActionForm view={view} submissionKey={submissionKey} action="approveExtension" form={form} inGroup>
      {EXTENSION_RULES[view.kind as CaseKind].partyNotice ? (
        <TextAreaField
          meta={fields.partyNotice}
          label={t(view.kind === "petition" ? "petition.partyNotice" : "mediation.partyNotice")}
        />
      ) : null}
      <TextAreaField meta={fields.note} label={t("step.note.approveExtension")} />
    </ActionForm>
  );
}
