import { readFormData } from "~/utils/request-input.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { DEADLINE_UNITS, type DeadlineUnit } from "~/domain/deadlines";
import { parseLocalDateTime, toDateTimeLocalValue } from "~/domain/local-time";
import type { Milestone, PolicyRules } from "~/domain/policies";
import { t, tKey } from "~/i18n";
import { PolicyInputError, createPolicyVersion, listPolicyVersions } from "~/models/policies.server";
import { requireUser } from "~/session.server";
import { showDateTime } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  return { policies: await listPolicyVersions(), now: toDateTimeLocalValue(new Date()) };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request, ["admin"]);
  const form = await readFormData(request);
  const baseId = Number(form.get("baseId"));
  const effectiveFrom = parseLocalDateTime(String(form.get("effectiveFrom") ?? ""));
  const milestones = form.getAll("milestone").map((milestone, index) => ({
    milestone: String(milestone) as Milestone,
    from: String(form.getAll("from")[index]) as "received" | "accepted",
    amount: Number(form.getAll("amount")[index]),
    unit: String(form.getAll("unit")[index]) as DeadlineUnit,
  }));
  const rules: PolicyRules = {
    milestones,
    ladder: {
      warningLeadWorkingDays: Number(form.get("warningLeadWorkingDays")),
      warningLeadHours: Number(form.get("warningLeadHours")),
      supervisionAfterWorkingDays: Number(form.get("supervisionAfterWorkingDays")),
    },
  };
  if (!effectiveFrom) return data({ baseId, message: t("error.dateTime") }, { status: 400 });
  try {
    await createPolicyVersion(baseId, rules, effectiveFrom);
  } catch (error) {
    if (error instanceof PolicyInputError) {
      return data({ baseId, message: t("error.policyInvalid", { problems: error.problems.join("；") }) }, { status: 400 });
    }
    throw error;
  }
  return redirect("/admin/policies?saved=1");
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
  return (
    <>
      <h1>{t("admin.policies.title")}</h1>
      <p className="muted">{t("admin.policies.intro")}</p>
      {searchParams.get("saved") && !actionData ? <p className="flash flash-success">{t("admin.policies.saved")}</p> : null}
      {policies.map((policy) => (
        <section key={policy.id} className="panel" data-policy={policy.id}>
          <h2>
            {policy.name} <span className="muted">#{policy.id}</span>
            {currentIds.has(policy.id) ? <span className="state"> ✓</span> : null}
          </h2>
          <p className="muted">
            {t("admin.policies.scope")}：{tKey("kind", policy.kind)}
            {policy.urgency ? ` · ${tKey("urgency", policy.urgency)}` : ""} · {t("admin.policies.effectiveFrom")}{" "}
            {showDateTime(policy.effectiveFrom)} · {policy.caseCount} 件
          </p>
          {actionData?.baseId === policy.id ? (
            <p className="flash flash-error" role="alert">
              {actionData.message}
            </p>
          ) : null}
          <Form method="post">
            <input type="hidden" name="baseId" value={policy.id} />
            <table>
              <thead>
                <tr>
                  <th>{t("admin.policies.milestones")}</th>
                  <th>{t("field.amount")}</th>
                  <th>{t("field.unit")}</th>
                </tr>
              </thead>
              <tbody>
                {policy.rules.milestones.map((rule) => (
                  <tr key={rule.milestone}>
                    <td>
                      {tKey("milestone", rule.milestone)}（
                      {rule.from === "received" ? t("field.receivedAt") : t("field.acceptedAt")}起算）
                      <input type="hidden" name="milestone" value={rule.milestone} />
                      <input type="hidden" name="from" value={rule.from} />
                    </td>
                    <td>
                      <input name="amount" type="number" min={1} defaultValue={rule.amount} aria-label={t("field.amount")} />
                    </td>
                    <td>
                      <select name="unit" defaultValue={rule.unit} aria-label={t("field.unit")}>
                        {DEADLINE_UNITS.map((unit) => (
                          <option key={unit} value={unit}>
                            {tKey("unit", unit)}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="grid" style={{ marginTop: 8 }}>
              <div className="field">
                <label>{t("admin.policies.ladder")}</label>
                <span className="muted">
                  {t("admin.policies.ladderText", {
                    lead: policy.rules.ladder.warningLeadWorkingDays,
                    leadHours: policy.rules.ladder.warningLeadHours,
                    after: policy.rules.ladder.supervisionAfterWorkingDays,
                  })}
                </span>
                <div style={{ display: "flex", gap: 8 }}>
                  <input
                    name="warningLeadWorkingDays"
                    type="number"
                    min={0}
                    defaultValue={policy.rules.ladder.warningLeadWorkingDays}
                    aria-label="warning lead (working days)"
                  />
                  <input
                    name="warningLeadHours"
                    type="number"
                    min={0}
                    defaultValue={policy.rules.ladder.warningLeadHours}
                    aria-label="warning lead (hours)"
                  />
                  <input
                    name="supervisionAfterWorkingDays"
                    type="number"
                    min={0}
                    defaultValue={policy.rules.ladder.supervisionAfterWorkingDays}
                    aria-label="supervision after (working days)"
                  />
                </div>
              </div>
              <div className="field">
                <label htmlFor={`effective-${policy.id}`}>{t("admin.policies.effectiveFrom")}</label>
                <input id={`effective-${policy.id}`} name="effectiveFrom" type="datetime-local" defaultValue={now} />
              </div>
            </div>
            <div className="actions-row">
              <button type="submit" className="secondary">
                {t("admin.policies.newVersion")}
              </button>
            </div>
          </Form>
        </section>
      ))}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
