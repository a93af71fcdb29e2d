import { t, tKey } from "~/i18n";
import type { CaseView } from "~/models/case/view.server";
import { showDateTime } from "~/utils/format";
import { DueMarkerDot } from "./case-markers";

/**
 * The case's returns and the desk's decisions (docs/domain.md "Returns are decided"): who returned it and
 * why, whom they suggested, the decision's clock while it waits, then the decision and its reason.
 */
export function CaseReturns({ view }: { view: CaseView }) {
  if (view.returns.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="returns-heading">
      <h2 id="returns-heading">{t("returns.title")}</h2>
      <ol className="timeline">
        {view.returns.map((row) => (
          <li key={row.id} data-return={row.decision ?? "open"}>
            <div>
              <strong>
                {t("returns.entry", {
                  at: showDateTime(row.returnedAt),
                  unit: row.fromUnit.name,
                  ground: tKey("returnGround", row.ground),
                })}
              </strong>
              <span className="muted"> · {row.returnedBy.displayName}</span>
            </div>
            <div className="recorded">{row.reason}</div>
            {row.suggestedUnit ? (
              <div>
                {t("returns.suggested")}：{row.suggestedUnit.name}
              </div>
            ) : null}
            {row.decision && row.decidedAt ? (
              <div>
                {t("returns.decision")}（{showDateTime(row.decidedAt)}
                {row.decidedBy ? ` · ${row.decidedBy.displayName}` : ""}）：
                {t("returns.decidedAs", {
                  decision: tKey("returnDecision", row.decision),
                  unit: row.decidedUnit?.name ?? "",
                })}
                {row.decisionReason ? <div>{t("timeline.reason", { reason: row.decisionReason })}</div> : null}
              </div>
            ) : (
              <div>
                <DueMarkerDot marker={row.marker} />
                {t("returns.undecided")} · {t("returns.decideBy")} {showDateTime(row.dueAt)}
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The banner of a problem case (问题工单), until the desk sets a lead unit. */
export function ProblemCaseNote({ view }: { view: CaseView }) {
  if (!view.problemCase) return null;
  return (
    <p className="flash flash-error" role="note" data-problem-case>
      {t("returns.problem", {
        since: showDateTime(view.problemCase.since),
        returns: view.returns.length,
        changes: view.unitChanges,
      })}
    </p>
  );
}
