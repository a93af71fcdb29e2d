import { ActionForm, type ActionFormProps, useCaseActionForm } from "./action-form";

export function AcknowledgeForm({ view, actionData }: ActionFormProps) {
  const [form] = useCaseActionForm("acknowledge", actionData);
  return <ActionForm view={view} action="acknowledge" form={form} />;
}
