import { type FormMetadata, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import type { z } from "zod";
import type { CaseAction } from "~/domain/workflow";
import { caseActionSchemas } from "~/forms/case-actions";
import { tKey } from "~/i18n";
import type { CaseView } from "~/models/case/view.server";
import type { loadCaseVocabulary } from "~/models/reference/reference-data.server";
import { FormErrors } from "../form-fields";
import { EvidenceFields, UploadStatus } from "./evidence-fields";
import { useResilientUpload } from "./resilient-upload";
import { carriesAttachments } from "~/domain/attachments";

/** What the case page's action answers when it refuses a submission: which form, and conform's reply. */
export interface CaseActionData {
  intent: string;
  result: SubmissionResult<string[]> | null;
  /** A refusal of the whole action (stale version, no longer allowed), shown at the top of the page. */
  message: string | null;
}

export type Vocabulary = Awaited<ReturnType<typeof loadCaseVocabulary>>;

/** What every action form gets from the case page. */
export interface ActionFormProps {
  view: CaseView;
  actionData: CaseActionData | null;
  /** This page load's submission key (a resend of the same step carries it again). */
  submissionKey: string;
}

type ActionInput<A extends CaseAction> = z.input<(typeof caseActionSchemas)[A]>;

/**
 * One action's conform form: validated in the browser by the action's schema as the server will
 * validate it, and given back the server's reply (errors, typed values) when the submission was for it.
 */
export function useCaseActionForm<A extends CaseAction>(
  action: A,
  actionData: CaseActionData | null,
  defaultValue?: Partial<Record<keyof ActionInput<A>, string | string[]>>,
) {
  return useForm<ActionInput<A>>({
    id: `action-${action}`,
    lastResult: actionData?.intent === action ? actionData.result : undefined,
    defaultValue: defaultValue as never,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: caseActionSchemas[action] as z.ZodTypeAny }),
  });
}

/**
 * A labelled part of the action area: the step's name as its heading, a line on what the step does, and
 * an id the page's step links jump to.
 */
export function StepSection({ id, title, hint, children }: { id: string; title: string; hint?: string; children: ReactNode }) {
  return (
    <section className="step" id={id} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {hint ? <p className="hint">{hint}</p> : null}
      {children}
    </section>
  );
}

/** Where a step's section is on the case page (the step links and the desk's queues point there). */
export const stepAnchor = (action: CaseAction) => `step-${action}`;

/**
 * The form element of an action: posts the action and the case version the user saw, is named by the
 * action (so that it is found by its role and name), and shows its form-level problems. It stands in its
 * own section unless it is one of a group (`inGroup`: the extension decision's two answers).
 */
export function ActionForm<Schema extends Record<string, unknown>>({
  view,
  action,
  form,
  submissionKey,
  danger,
  inGroup,
  children,
}: {
  view: CaseView;
  action: CaseAction;
  form: FormMetadata<Schema, string[]>;
  submissionKey: string;
  danger?: boolean;
  inGroup?: boolean;
  children?: ReactNode;
}) {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === action;
  const name = tKey("action", action);
  const withEvidence = carriesAttachments(action);
  const upload = useResilientUpload();
  const formProps = getFormProps(form);
  const element = (
    <Form
      method="post"
      encType={withEvidence ? "multipart/form-data" : undefined}
      {...formProps}
      onSubmit={(event) => {
        formProps.onSubmit(event);
        if (withEvidence) upload.onSubmit(event);
      }}
      className="action-form"
      data-action={action}
      aria-label={name}
    >
      <input type="hidden" name="intent" value={action} />
      <input type="hidden" name="version" value={view.version} />
      <input type="hidden" name="submissionKey" value={submissionKey} />
      {children}
      {withEvidence ? <EvidenceFields action={action} /> : null}
      {withEvidence ? <UploadStatus state={upload.state} onResend={upload.resend} /> : null}
      <FormErrors form={form} />
      <button type="submit" className={danger ? "danger" : undefined} disabled={busy || upload.state.phase === "sending"}>
        {name}
      </button>
    </Form>
  );
  if (inGroup) return element;
  return (
    <StepSection id={stepAnchor(action)} title={name} hint={tKey("step.hint", action)}>
      {element}
    </StepSection>
  );
}
