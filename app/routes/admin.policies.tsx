import { InputError } from "~/models/errors";
import { readFormData } from "~/utils/request-input.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { type SubmissionResult, getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { FieldError } from "~/components/field-error";
import { TextField } from "~/components/form-fields";
import { DEADLINE_UNITS } from "~/domain/deadlines";
import { policyVersionSchema } from "~/forms/admin";
import { toDateTimeLocalValue } from "~/domain/local-time";
import { type PolicyRules, returnDecisionLimit, signForLimit } from "~/domain/policies";
import { t, tKey } from "~/i18n";
import { createPolicyVersion, listPolicyVersions } from "~/models/deadlines/policies.server";
import { requireUser } from "~/session.server";
import { showDateTime } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  return { policies: await listPolicyVersions(), now: toDateTimeLocalValue(new Date()) };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request, ["admin"]);
  const submission = parseWithZod(await readFormData(request), { schema: policyVersionSchema });
  const baseId = submission.payload.baseId;
  if (submission.status !== "success") return data({ baseId, result: submission.reply(), message: null }, { status: 400 });
  const { milestones, warningLeadWorkingDays, warningLeadHours, supervisionAfterWorkingDays, effectiveFrom } = submission.value;
  const rules: PolicyRules = {
    milestones,
    ladder: { warningLeadWorkingDays, warningLeadHours, supervisionAfterWorkingDays },
    returnDecision: { amount: submission.value.returnDecisionWorkingDays, unit: "working_days" },
    signFor: { amount: submission.value.signForWorkingDays, unit: "working_days" },
  };
  try {
    await createPolicyVersion(submission.value.baseId, rules, effectiveFrom);
  } catch (error) {
    if (error instanceof InputError) {
      const message = t("error.policyInvalid", { problems: error.details.join("；") });
      return data({ baseId, result: submission.reply(), message }, { status: 400 });
    }
    throw error;
  }
  return redirect("/admin/policies?saved=1");
}

type PolicyVersion = Awaited<ReturnType<typeof loader>>["policies"][number];

/** A new version of one policy: its milestones' amounts and units, the ladder, and when it takes effect. */
function PolicyVersionForm({
  policy,
  now,
  result,
  message,
}: {
  policy: PolicyVersion;
  now: string;
  result?: SubmissionResult<string[]>;
  message?: string | null;
}) {
  const [form, fields] = useForm({
    id: `policy-${policy.id}`,
    lastResult: result,
    defaultValue: {
      milestones: policy.rules.milestones.map((rule) => ({ ...rule, amount: String(rule.amount) })),
      warningLeadWorkingDays: String(policy.rules.ladder.warningLeadWorkingDays),
      warningLeadHours: String(policy.rules.ladder.warningLeadHours),
      supervisionAfterWorkingDays: String(policy.rules.ladder.supervisionAfterWorkingDays),
      returnDecisionWorkingDays: String(returnDecisionLimit(policy.rules).amount),
      signForWorkingDays: String(signForLimit(policy.rules).amount),
      effectiveFrom: now,
    },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: policyVersionSchema }),
  });
  const rows = fields.milestones.getFieldList();
  return (
    <Form method="post" {...getFormProps(form)} aria-label={`${t("admin.policies.newVersion")} ${policy.name}`}>
      <input type="hidden" name="baseId" value={policy.id} />
      {message ? (
        <p className="flash flash-error" role="alert">
          {message}
        </p>
      ) : null}
      <table>
        <thead>
          <tr>
            <th>{t("admin.policies.milestones")}</th>
            <th>{t("admin.policies.amount")}</th>
            <th>{t("field.unit")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const rule = policy.rules.milestones[index];
            const cells = row.getFieldset();
            const name = `${tKey("milestone", rule.milestone)}（${rule.from === "received" ? t("field.receivedAt") : t("field.acceptedAt")}起算）`;
            return (
              <tr key={row.key}>
                <td>
                  {name}
                  <input type="hidden" name={cells.milestone.name} value={rule.milestone} />
                  <input type="hidden" name={cells.from.name} value={rule.from} />
                </td>
                <td>
                  <input
                    {...withoutKey(getInputProps(cells.amount, { type: "number" }))}
                    min={1}
                    aria-label={`${name} ${t("admin.policies.amount")}`}
                  />
                  <FieldError id={cells.amount.errorId} message={cells.amount.errors} />
                </td>
                <td>
                  <select {...withoutKey(getSelectProps(cells.unit))} aria-label={`${name} ${t("field.unit")}`}>
                    {DEADLINE_UNITS.map((unit) => (
                      <option key={unit} value={unit}>
                        {tKey("unit", unit)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted">
        {t("admin.policies.ladder")}：
        {t("admin.policies.ladderText", {
          lead: policy.rules.ladder.warningLeadWorkingDays,
          leadHours: policy.rules.ladder.warningLeadHours,
          after: policy.rules.ladder.supervisionAfterWorkingDays,
        })}
      </p>
      <div className="grid">
        <TextField
          meta={fields.warningLeadWorkingDays}
          type="number"
          min={0}
          label={t("admin.policies.warningLeadWorkingDays")}
        />
        <TextField meta={fields.warningLeadHours} type="number" min={0} label={t("admin.policies.warningLeadHours")} />
        <TextField
          meta={fields.supervisionAfterWorkingDays}
          type="number"
          min={0}
          label={t("admin.policies.supervisionAfterWorkingDays")}
        />
        <TextField
          meta={fields.returnDecisionWorkingDays}
          type="number"
          min={1}
          label={t("admin.policies.returnDecisionWorkingDays")}
        />
        <TextField meta={fields.signForWorkingDays} type="number" min={1} label={t("admin.policies.signForWorkingDays")} />
        <TextField meta={fields.effectiveFrom} type="datetime-local" label={t("admin.policies.effectiveFrom")} />
      </div>
      <div className="actions-row">
        <button type="submit" className="secondary">
          {t("admin.policies.newVersion")}
        </button>
      </div>
    </Form>
  );
}

/** conform's props carry React's key, which must not be spread. */
function withoutKey<T extends { key?: unknown }>({ key: _key, ...props }: T) {
  return props;
}

export default function AdminPolicies() {
  const { policies, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const currentIds = new Set<number>();
  const seenScopes = new Set<string>();
  for (const policy of policies) {
    const scope = [policy.kind, policy.channel, policy.category, policy.urgency].join("|");
    if (!seenScopes.has(scope) && new Date(policy.effectiveFrom) <= new Date()) {
      seenScopes.add(scope);
      currentIds.add(policy.id);
    }
  }
  const mine = (policyId: number) => actionData && String(actionData.baseId) === String(policyId);
  return (
    <>
      <h1>{t("admin.policies.title")}</h1>
      <p className="muted">{t("admin.policies.intro")}</p>
      {searchParams.get("saved") && !actionData ? (
        <p className="flash flash-success" role="status">
          {t("admin.policies.saved")}
        </p>
      ) : null}
      {policies.map((policy) => (
        <section key={policy.id} className="panel" data-policy={policy.id} aria-labelledby={`policy-${policy.id}-heading`}>
          <h2 id={`policy-${policy.id}-heading`}>
            {policy.name} <span className="muted">#{policy.id}</span>
            {currentIds.has(policy.id) ? <span className="state"> ✓</span> : null}
          </h2>
          <p className="muted">
            {t("admin.policies.scope")}：{tKey("kind", policy.kind)}
            {policy.urgency ? ` · ${tKey("urgency", policy.urgency)}` : ""} · {t("admin.policies.effectiveFrom")}{" "}
            {showDateTime(policy.effectiveFrom)} · {policy.caseCount} 件
          </p>
          <PolicyVersionForm
            policy={policy}
            now={now}
            result={mine(policy.id) ? actionData!.result : undefined}
            message={mine(policy.id) ? actionData!.message : null}
          />
        </section>
      ))}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
