import { type StepForm, handleStepForm, refusedFileMessages, stepEvidence } from "~/utils/step-files.server";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { type CaseActionData, CaseActionForms, CaseStepLinks } from "~/components/case-actions";
import { DueMarkerDot, StateBadge } from "~/components/case-markers";
import { MediationSection, PetitionFields, PrintLinks, RelatedMediations } from "~/components/case-kind-sections";
import { CaseTimeline } from "~/components/case-timeline";
import { INTAKE_ROLES } from "~/domain/roles";
import { isCaseAction } from "~/domain/workflow";
import { caseActionSchemas } from "~/forms/case-actions";
import { mayDownloadOriginal, uploadAllowance } from "~/models/attachments/access.server";
import { CaseAttachments } from "~/components/case-attachments";
import { ComplainantMessages } from "~/components/complainant-messages";
import { CaseTransfersOut } from "~/components/case-transfers-out";
import { CaseReturns, ProblemCaseNote } from "~/components/case-returns";
import { CaseAssisting } from "~/components/case-assisting";
import { CreditGradeBadge, RepeatWarningNote } from "~/components/unit-markers";
import { OptionalEntry } from "~/components/optional-entry";
import { t, tKey } from "~/i18n";
import { getCaseForViewer } from "~/models/case/view.server";
import { changeCase } from "~/models/case/service.server";
import { ActionNotAllowedError, InputError, CaseNotFoundError, StaleVersionError } from "~/models/errors";
import { loadCaseVocabulary } from "~/models/reference/reference-data.server";
import { partnerChoices } from "~/models/transfers-out/partners.server";
import { type SignedInUser, caseNotFound, requireUser } from "~/session.server";
import { replyErrors } from "~/utils/forms";
import { showDateTime, showTimeLeft } from "~/utils/format";
import { ReplyTemplatesContext } from "~/components/case-actions/reply-templates";
import { replyTemplatesForCase } from "~/models/replies/reply-templates.server";
import { config } from "~/config.server";
import { KnowledgeSearch } from "~/components/knowledge-search";
import { mayEditKnowledge } from "~/models/knowledge/entries.server";
import { mayOpenUnit } from "~/models/enterprises/register.server";

export const meta: MetaFunction = ({ params }) => [{ title: `${params.caseNo} · ${t("app.shortName")}` }];

async function loadCase(request: Request, actor: Awaited<ReturnType<typeof requireUser>>, caseNo: string) {
  try {
    return await getCaseForViewer(actor, caseNo);
  } catch (error) {
    if (error instanceof CaseNotFoundError) throw await caseNotFound(request, actor, error);
    throw error;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const view = await loadCase(request, user, params.caseNo!);
  const needsVocabulary = (["assign", "edit", "return", "decideReturn", "requestAssistance"] as const).some((action) =>
    view.allowedActions.includes(action),
  );
  return {
    view,
    vocabulary: needsVocabulary ? await loadCaseVocabulary() : null,
    partners: view.allowedActions.includes("transferOut") ? await partnerChoices() : [],
    mayDownloadOriginals: mayDownloadOriginal(user),
    mayApplyMediation: (INTAKE_ROLES as readonly string[]).includes(user.role),
    mayKeepKnowledge: mayEditKnowledge(user),
    // The register's unit page, where this user may open it (township staff: their township's units).
    mayOpenRespondent: view.respondent ? mayOpenUnit(user, view.respondent) : false,
    replyTemplates: await replyTemplatesForCase(user, view, config().BUREAU_NAME),
    // One key per page load: a resend of a step's form after a dropped connection carries the same key
    // and finds the step instead of making it twice; a step taken reloads the page, and the next gets a new key.
    submissionKey: crypto.randomUUID(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const caseNo = params.caseNo!;
  try {
    return await handleStepForm(
      request,
      () => uploadAllowance(user, caseNo),
      (form) => takeStep(user, caseNo, form),
    );
  } catch (error) {
    // Decided before the body is read (an upload to a case not theirs), or by the step itself.
    if (error instanceof CaseNotFoundError) throw await caseNotFound(request, user, error);
    if (error instanceof ActionNotAllowedError) {
      return data({ intent: "", result: null, message: t("case.notAllowed") } satisfies CaseActionData, { status: 403 });
    }
    throw error;
  }
}

async function takeStep(user: SignedInUser, caseNo: string, { formData, files, keepFiles }: StepForm) {
  const intent = String(formData.get("intent") ?? "");
  if (!isCaseAction(intent)) {
    return data({ intent, result: null, message: t("case.notAllowed") } satisfies CaseActionData, { status: 400 });
  }
  const submission = parseWithZod(formData, { schema: caseActionSchemas[intent] });
  const refuse = (status: number, result: SubmissionResult<string[]>, message: string | null = null) =>
    data({ intent, result, message } satisfies CaseActionData, { status });
  const refused = refusedFileMessages(files);
  if (refused.length > 0) {
    return refuse(400, submission.reply({ formErrors: refused }), `${t("attachment.refused")}${refused.join(" ")}`);
  }
  if (submission.status !== "success") return refuse(400, submission.reply());
  // The form offers only valid kinds and keys; anything else is a crafted post.
  const evidence = stepEvidence(formData, files, intent);
  if (!evidence) return refuse(400, submission.reply({ formErrors: [t("error.badRequest")] }));
  try {
    await changeCase(user, caseNo, Number(formData.get("version")), submission.value, { ...evidence, keepFiles });
  } catch (error) {
    if (error instanceof StaleVersionError) return refuse(409, submission.reply(), t("case.stale"));
    if (error instanceof ActionNotAllowedError) return refuse(403, submission.reply(), t("case.notAllowed"));
    if (error instanceof InputError) return refuse(400, submission.reply({ fieldErrors: replyErrors(error.fieldErrors) }));
    throw error;
  }
  // Township staff lose sight of a case they return; send them back to their inbox, which says so.
  const stillVisible = intent !== "return";
  return redirect(stillVisible ? `/cases/${caseNo}?done=${intent}` : `/inbox?returned=${caseNo}`);
}

export default function CasePage() {
  const {
    view,
    vocabulary,
    partners,
    mayDownloadOriginals,
    mayApplyMediation,
    mayKeepKnowledge,
    mayOpenRespondent,
    submissionKey,
    replyTemplates,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const steps = { view, vocabulary, partners, actionData: actionData ?? null, submissionKey };

  return (
    <>
      <h1>
        {view.caseNo} <StateBadge state={view.state} overdue={view.overdue} />{" "}
        <span className="muted">{tKey("kind", view.kind)}</span>
      </h1>
      {done && !actionData ? (
        <p className="flash flash-success" role="status" data-done={done}>
          {t("case.done", { action: tKey("action", done) })}
        </p>
      ) : null}
      {actionData?.message ? (
        <p className="flash flash-error" role="alert">
          {actionData.message}
        </p>
      ) : null}
      <ProblemCaseNote view={view} />
      <CaseStepLinks {...steps} />
      <div className="two-columns">
        <div>
          <section className="panel" aria-labelledby="fields-heading">
            <h2 id="fields-heading">{t("case.fields")}</h2>
            <dl className="fields">
              <dt>{t("field.channel")}</dt>
              <dd>{view.channelName}</dd>
              <dt>{t("field.receivedAt")}</dt>
              <dd>{showDateTime(view.receivedAt)}</dd>
              <dt>{t("field.urgency")}</dt>
              <dd>{tKey("urgency", view.urgency)}</dd>
              <dt>{t("field.complainantName")}</dt>
              <dd>{view.complainantName ?? t("case.anonymous")}</dd>
              <dt>{t("field.complainantPhone")}</dt>
              <dd>{view.complainantPhone ?? t("common.none")}</dd>
              <dt>{t("field.consentToDisclose")}</dt>
              <dd>
                {view.consentToDisclose ? t("common.yes") : t("common.no")}
                {view.identityMasked ? <span className="muted"> · {t("case.identityMasked")}</span> : null}
              </dd>
              <dt>{t("field.consentToPublish")}</dt>
              <dd>{view.consentToPublish ? t("common.yes") : t("common.no")}</dd>
              <dt>{t("field.township")}</dt>
              <dd>{view.township.name}</dd>
              <dt>{t("field.assignedTo")}</dt>
              <dd>
                {view.assignedTo?.name ?? t("common.none")}
                {view.leadUnitName ? <span className="muted">（{t("returns.lead")}）</span> : null}
              </dd>
              <dt>{t("field.category")}</dt>
              <dd>{view.categoryName}</dd>
              <dt>{t("field.subject")}</dt>
              <dd>
                {view.subject || t("common.none")}
                {view.respondent && mayOpenRespondent ? (
                  <>
                    {" "}
                    <Link to={`/enterprises/${view.respondent.id}`}>
                      {t("case.respondentInRegister", { code: view.respondent.creditCode })}
                    </Link>
                  </>
                ) : null}
                {view.respondent?.creditGrades[0] ? <CreditGradeBadge {...view.respondent.creditGrades[0]} /> : null}
                <RepeatWarningNote warnings={view.repeatWarnings} />
              </dd>
              <dt>{t("field.address")}</dt>
              <dd>{view.address || t("common.none")}</dd>
              <OptionalEntry term={t("field.point")}>{view.point}</OptionalEntry>
              <dt>{t("field.description")}</dt>
              <dd>{view.description}</dd>
              <OptionalEntry term={t("field.workOrderNo")}>{view.workOrderNo}</OptionalEntry>
              <OptionalEntry term={t("field.platformDueAt")}>
                {view.platformDueAt && showDateTime(view.platformDueAt)}
              </OptionalEntry>
              <OptionalEntry term={t("field.sourceStage")}>
                {view.sourceStage && `${tKey("query.stage", view.sourceStage)} · ${showDateTime(view.sourceUpdatedAt!, true)}`}
              </OptionalEntry>
              <OptionalEntry term={t("field.resultText")}>{view.resultText}</OptionalEntry>
              <OptionalEntry term={t("field.replyText")}>
                {view.replyText ? (
                  <>
                    {view.replyText}
                    {mayKeepKnowledge ? (
                      <>
                        {" "}
                        <Link to={`/knowledge?fromCase=${view.caseNo}#knowledge-new-heading`}>{t("knowledge.fromCase")}</Link>
                      </>
                    ) : null}
                  </>
                ) : null}
              </OptionalEntry>
              <OptionalEntry term={t("field.decisionReason")}>{view.decisionReason}</OptionalEntry>
              <OptionalEntry term={t("field.satisfaction")}>
                {view.satisfaction && `${view.satisfaction}（${tKey("satisfaction.source", view.satisfactionSource ?? "call")}）`}
              </OptionalEntry>
              <OptionalEntry term={t("field.satisfactionComment")}>{view.satisfactionComment}</OptionalEntry>
              {view.mergedInto ? (
                <>
                  <dt>{t("field.mergedInto")}</dt>
                  <dd>
                    <Link to={`/cases/${view.mergedInto.caseNo}`}>{view.mergedInto.caseNo}</Link>
                  </dd>
                </>
              ) : null}
              {view.repeats.length > 0 ? (
                <>
                  <dt>{t("field.repeats")}</dt>
                  <dd>
                    {view.repeats.map((repeat) => (
                      <Link key={repeat.caseNo} to={`/cases/${repeat.caseNo}`} style={{ marginRight: 8 }}>
                        {repeat.caseNo}
                      </Link>
                    ))}
                  </dd>
                </>
              ) : null}
              {view.kind === "petition" ? (
                <PetitionFields view={view} />
              ) : (
                // A first round is every case's; the round is worth a line once the case is handled again.
                <OptionalEntry term={t("field.round")}>{view.round > 1 ? view.round : null}</OptionalEntry>
              )}
              <RelatedMediations view={view} mayApply={mayApplyMediation} />
              <dt>{t("field.createdBy")}</dt>
              <dd>{view.createdBy?.displayName ?? t("case.system")}</dd>
            </dl>
            <PrintLinks view={view} />
          </section>
          <MediationSection view={view} />
          <CaseReturns view={view} />
          <CaseAssisting view={view} />
          <section className="panel" aria-labelledby="milestones-heading">
            <h2 id="milestones-heading">{t("case.milestones")}</h2>
            <p className="muted">{t("case.policyNote", { policy: view.policyName })}</p>
            <table className="cards">
              <thead>
                <tr>
                  <th>{t("field.round")}</th>
                  <th>{t("case.milestones")}</th>
                  <th>{t("field.due")}</th>
                  <th>{t("field.state")}</th>
                </tr>
              </thead>
              <tbody>
                {view.milestones.map((milestone) => (
                  <tr key={milestone.id} data-milestone={milestone.milestone}>
                    <td data-label={t("field.round")}>{milestone.round}</td>
                    <td data-label={t("case.milestones")}>
                      {tKey("milestone", milestone.milestone)}（{milestone.amount} {tKey("unit", milestone.unit)}
                      {milestone.extendedBy > 0
                        ? `，${t("case.extendedBy", { amount: milestone.extendedBy, unit: tKey("unit", milestone.unit) })}`
                        : ""}
                      ）
                    </td>
                    <td data-label={t("field.due")} className="nowrap">
                      {showDateTime(milestone.dueAt, true)}
                    </td>
                    <td data-label={t("field.state")}>
                      {milestone.pausedAt && milestone.status === "open" ? (
                        t("pause.since", { at: showDateTime(milestone.pausedAt) })
                      ) : milestone.timeLeft ? (
                        <>
                          <DueMarkerDot marker={milestone.marker} />
                          {showTimeLeft(milestone.timeLeft)}
                        </>
                      ) : (
                        <>
                          {tKey("milestoneStatus", milestone.status)}
                          {milestone.status === "met" ? ` · ${milestone.metLate ? t("case.metLate") : t("case.metOnTime")}` : ""}
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {view.pendingExtension ? (
              <p>
                {t("case.pendingExtension", {
                  amount: view.pendingExtension.amount,
                  unit: tKey("unit", view.milestones.find((m) => m.milestone === view.pendingExtension!.milestone)?.unit ?? ""),
                  reason: view.pendingExtension.reason,
                })}
              </p>
            ) : null}
          </section>
          {view.instructions.length > 0 ? (
            <section className="panel" data-section="instructions" aria-labelledby="instructions-heading">
              <h2 id="instructions-heading">{t("field.instruction")}</h2>
              <ul>
                {view.instructions.map((instruction) => (
                  <li key={instruction.id}>
                    {showDateTime(instruction.createdAt)} · {instruction.author.displayName}：{instruction.text}
                    <span className="muted">
                      {" "}
                      ·{" "}
                      {instruction.acknowledgedAt
                        ? `${t("case.acknowledgedAt")} ${showDateTime(instruction.acknowledgedAt)}`
                        : t("case.notAcknowledged")}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <CaseAttachments view={view} mayDownloadOriginals={mayDownloadOriginals} />
          <CaseTransfersOut view={view} />
          <ComplainantMessages view={view} />
          <section className="panel" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{t("case.timeline")}</h2>
            <CaseTimeline events={view.timeline} />
          </section>
        </div>
        <section className="panel actions-panel" id="actions" aria-labelledby="actions-heading">
          <h2 id="actions-heading">{t("case.actions")}</h2>
          {view.allowedActions.length === 0 ? <p className="muted">{t("case.noActions")}</p> : null}
          <ReplyTemplatesContext.Provider value={replyTemplates}>
            <CaseActionForms {...steps} />
          </ReplyTemplatesContext.Provider>
          {view.allowedActions.length > 0 ? <KnowledgeSearch idPrefix="case" /> : null}
        </section>
      </div>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
