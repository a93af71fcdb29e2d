import { ActionForm, type ActionFormProps, useCaseActionForm } from "./action-form";

export function AcknowledgeForm({ view, actionData, submissionKey }: ActionFormProps) {
  const [form] = useCaseActionForm("acknowledge", actionData);
  return <ActionForm view={view} submissionKey={submissionKey} action="acknowledge" form={form} />;
}
