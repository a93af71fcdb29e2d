import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { DueMarkerDot, StateBadge } from "~/components/case-markers";
import { NamedOptions } from "~/components/named-options";
import { SATISFACTION_LEVELS } from "~/domain/case-kinds";
import { DESK_QUEUES, type DeskQueue, PAGE_STEP, QUEUE_STEP, defaultQueue, isDeskQueue, pickValue } from "~/domain/desk-queues";
import { stepAnchor } from "~/components/case-actions/action-form";
import { deskStepSchema } from "~/forms/desk";
import { t, tKey } from "~/i18n";
import { type DeskQueueCase, deskQueue, deskQueueCounts, takeDeskStep } from "~/models/desk/queues.server";
import { listCategories, loadCaseVocabulary } from "~/models/reference/reference-data.server";
import { requireUser } from "~/session.server";
import { showDateTime } from "~/utils/format";
import { badRequest, readFormData, searchParamsOf } from "~/utils/request-input.server";

/**
 * 信访科工作台: the desk's queues as tabs with their counts, each listing its cases with the step they take
 * next, for one row or for the rows picked (docs/domain.md "The desk's queues").
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["dispatcher"]);
  const asked = searchParamsOf(request).get("queue");
  const counts = await deskQueueCounts();
  const queue = isDeskQueue(asked) ? asked : defaultQueue(counts);
  const [cases, categories, vocabulary] = await Promise.all([deskQueue(queue), listCategories(), loadCaseVocabulary()]);
  return {
    queue,
    counts,
    cases,
    assignees: vocabulary.assignees,
    categoryNames: Object.fromEntries(categories.map((c) => [c.code, c.name])),
    // One key per list shown: the same step sent again (a double click, a retry) takes nothing twice.
    submissionKey: crypto.randomUUID(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, ["dispatcher"]);
  const formData = await readFormData(request);
  // Empty choices ("the township reported in", no answer given) are no choice.
  const fields: Record<string, unknown> = {};
  for (const [name, value] of formData.entries()) {
    if (name !== "picked" && typeof value === "string" && value !== "") fields[name] = value;
  }
  const parsed = deskStepSchema.safeParse({ ...fields, picked: formData.getAll("picked").map(String) });
  if (!parsed.success) {
    const nothing = parsed.error.issues.some((issue) => issue.message === "nothingPicked");
    throw badRequest(t(nothing ? "desk.nothingPicked" : "error.badRequest"));
  }
  const outcome = await takeDeskStep(user, parsed.data);
  const back = new URLSearchParams({ queue: parsed.data.queue, done: parsed.data.action, count: String(outcome.done.length) });
  if (outcome.changed.length > 0) back.set("changed", outcome.changed.join(","));
  if (outcome.refused.length > 0) back.set("refused", outcome.refused.join(","));
  return redirect(`/dispatch?${back}`);
}

function Outcome() {
  const [params] = useSearchParams();
  const done = params.get("done");
  if (!done) return null;
  const left = [params.get("changed"), params.get("refused")].filter(Boolean).join(",");
  return (
    <p className={left ? "flash flash-error" : "flash flash-success"} role="status">
      {t("desk.done", { action: tKey("action", done), count: params.get("count") ?? "0" })}
      {left ? ` ${t("desk.leftAlone", { cases: left.split(",").join("、") })}` : null}
    </p>
  );
}

export default function DispatcherWorkspace() {
  const { queue, counts, cases, assignees, categoryNames, submissionKey } = useLoaderData<typeof loader>();
  const step = QUEUE_STEP[queue];
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <>
      <h1>{t("dispatch.title")}</h1>
      <Outcome />
      <nav aria-label={t("desk.queues")} className="tabs">
        {DESK_QUEUES.map((name) => (
          <Link
            key={name}
            to={`?queue=${name}`}
            className={name === queue ? "tab tab-current" : "tab"}
            aria-current={name === queue ? "page" : undefined}
          >
            {t(`dispatch.${name}`)} <span className="count">{counts[name]}</span>
          </Link>
        ))}
      </nav>
      <Form method="post" className="panel" aria-labelledby="queue-heading">
        <h2 id="queue-heading">
          {t(`dispatch.${queue}`)}（{counts[queue]}）
        </h2>
        <input type="hidden" name="queue" value={queue} />
        {step ? <input type="hidden" name="intent" value={step} /> : null}
        <input type="hidden" name="submissionKey" value={submissionKey} />
        {cases.length === 0 ? (
          <p className="muted">{t("dispatch.empty")}</p>
        ) : (
          <>
            {step ? <BulkBar queue={queue} assignees={assignees} busy={busy} /> : null}
            <QueueTable queue={queue} cases={cases} assignees={assignees} categoryNames={categoryNames} busy={busy} />
          </>
        )}
      </Form>
    </>
  );
}

type Assignees = { id: number; name: string }[];

/** The step for the picked rows: accept, assign (to one township, or each to its own), approve, close. */
function BulkBar({ queue, assignees, busy }: { queue: DeskQueue; assignees: Assignees; busy: boolean }) {
  const step = QUEUE_STEP[queue]!;
  return (
    <div className="actions-row bulk-bar">
      {step === "assign" ? (
        <label>
          {t("desk.assignTo")}{" "}
          <select name="assigneeId" defaultValue="">
            <option value="">{t("desk.ownTownship")}</option>
            <NamedOptions items={assignees} />
          </select>
        </label>
      ) : null}
      {step === "close" ? (
        <label>
          {t("field.satisfaction")}{" "}
          <select name="satisfaction" defaultValue="">
            <option value="">{t("desk.noAnswer")}</option>
            {SATISFACTION_LEVELS.map((level) => (
              <option key={level}>{level}</option>
            ))}
          </select>
        </label>
      ) : null}
      <button type="submit" disabled={busy}>
        {t("desk.forPicked", { action: tKey("action", step) })}
      </button>
    </div>
  );
}

function QueueTable({
  queue,
  cases,
  assignees,
  categoryNames,
  busy,
}: {
  queue: DeskQueue;
  cases: DeskQueueCase[];
  assignees: Assignees;
  categoryNames: Record<string, string>;
  busy: boolean;
}) {
  const step = QUEUE_STEP[queue];
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const all = cases.map((item) => pickValue(item));
  const toggleAll = (on: boolean) => setPicked(on ? new Set(all) : new Set());
  return (
    <table className="cards queue">
      <thead>
        <tr>
          {step ? (
            <th>
              <input
                type="checkbox"
                aria-label={t("desk.pickAll")}
                checked={picked.size === all.length}
                onChange={(event) => toggleAll(event.target.checked)}
              />
            </th>
          ) : null}
          <th>{t("field.caseNo")}</th>
          <th>{t("field.subject")}</th>
          <th>{t("field.township")}</th>
          <th>{dueHeading(queue)}</th>
          <th>{t("desk.step")}</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((item) => {
          const value = pickValue(item);
          return (
            <tr key={item.caseNo} data-case-no={item.caseNo}>
              {step ? (
                <td>
                  <input
                    type="checkbox"
                    name="picked"
                    value={value}
                    aria-label={t("desk.pick", { caseNo: item.caseNo })}
                    checked={picked.has(value)}
                    onChange={(event) => {
                      const next = new Set(picked);
                      if (event.target.checked) next.add(value);
                      else next.delete(value);
                      setPicked(next);
                    }}
                  />
                </td>
              ) : null}
              <td data-label={t("field.caseNo")} className="nowrap">
                <Link to={`/cases/${item.caseNo}`}>{item.caseNo}</Link> <StateBadge state={item.state} overdue={item.overdue} />
              </td>
              <td data-label={t("field.subject")}>
                {item.subject}
                <div className="muted">
                  {categoryNames[item.category] ?? item.category} · {item.address}
                </div>
                {item.returns.map((open, index) => (
                  <div key={index} className="muted">
                    {t("desk.returnedBy", {
                      unit: open.fromUnit.name,
                      ground: tKey("returnGround", open.ground),
                      reason: open.reason,
                    })}
                    {open.suggestedUnit ? ` ${t("returns.suggested")}：${open.suggestedUnit.name}` : null}
                  </div>
                ))}
                {item.extensions.map((extension, index) => (
                  <div key={index} className="muted">
                    {t("desk.extensionAsked", {
                      amount: extension.amount,
                      milestone: tKey("milestone", extension.milestone),
                      reason: extension.reason,
                    })}
                  </div>
                ))}
              </td>
              <td data-label={t("field.township")}>{item.assignedTo?.name ?? item.township.name}</td>
              <td data-label={dueHeading(queue)} className="nowrap">
                {queue === "followUp" ? (
                  item.complainantPhone ? (
                    <a href={`tel:${item.complainantPhone.replace(/[^\d+]/g, "")}`}>
                      {t("desk.call", { name: item.complainantName ?? "", phone: item.complainantPhone })}
                    </a>
                  ) : (
                    <span className="muted">{t("desk.noPhone")}</span>
                  )
                ) : queue === "returned" && item.returns[0] ? (
                  <>
                    <DueMarkerDot marker={item.returns[0].marker} />
                    {showDateTime(item.returns[0].dueAt)}
                  </>
                ) : (
                  <>
                    <DueMarkerDot marker={item.marker} />
                    {showDateTime(item.nextDueAt)}
                  </>
                )}
              </td>
              <td data-label={t("desk.step")}>
                <RowStep queue={queue} item={item} assignees={assignees} busy={busy} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** What a queue's time column shows: the case's due time, a return's decision deadline, the phone to call. */
function dueHeading(queue: DeskQueue) {
  if (queue === "followUp") return t("field.complainantPhone");
  return queue === "returned" ? t("returns.decideBy") : t("field.due");
}

/** One row's own step: its button, with the row's township or the call's answer beside it. */
function RowStep({
  queue,
  item,
  assignees,
  busy,
}: {
  queue: DeskQueue;
  item: DeskQueueCase;
  assignees: Assignees;
  busy: boolean;
}) {
  const step = QUEUE_STEP[queue];
  if (!step) {
    const pageStep = PAGE_STEP[queue];
    return (
      <Link to={`/cases/${item.caseNo}${pageStep ? `#${stepAnchor(pageStep)}` : ""}`}>
        {queue === "returned" ? t("desk.decide") : t("desk.review")}
      </Link>
    );
  }
  const label = `${tKey("action", step)} ${item.caseNo}`;
  return (
    <div className="row-step">
      {step === "assign" ? (
        <select
          name={`assigneeId:${item.caseNo}`}
          defaultValue={item.townshipId}
          aria-label={t("desk.assigneeOf", { caseNo: item.caseNo })}
        >
          <NamedOptions items={assignees} />
        </select>
      ) : null}
      {step === "close" ? (
        <select name={`satisfaction:${item.caseNo}`} defaultValue="" aria-label={t("desk.answerOf", { caseNo: item.caseNo })}>
          <option value="">{t("desk.noAnswer")}</option>
          {SATISFACTION_LEVELS.map((level) => (
            <option key={level}>{level}</option>
          ))}
        </select>
      ) : null}
      <button type="submit" name="only" value={pickValue(item)} className="secondary" aria-label={label} disabled={busy}>
        {tKey("action", step)}
      </button>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
