import { t } from "~/i18n";
import type { CaseView } from "~/models/case/view.server";
import { showDateTime } from "~/utils/format";
import { DueMarkerDot } from "./case-markers";

/**
 * The case's lead unit and its assisting units (主办/协办, docs/domain.md): each assisting unit's
 * instruction, clock and part, shown to whoever may read the case.
 */
export function CaseAssisting({ view }: { view: CaseView }) {
  if (view.assisting.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="assisting-heading">
      <h2 id="assisting-heading">{t("assisting.title")}</h2>
      <p>
        {t("assisting.lead")}：{view.assignedTo?.name ?? t("common.none")}
      </p>
      <ol className="timeline">
        {view.assisting.map((part) => (
          <li key={part.id} data-part={part.unit.name}>
            <div>
              <strong>{part.unit.name}</strong>
              <span className="muted">
                {" "}
                · {t("assisting.requested", { at: showDateTime(part.requestedAt), days: part.workingDays })}
              </span>
            </div>
            <div>{t("assisting.instructionIs", { instruction: part.instruction })}</div>
            {part.submittedAt ? (
              <>
                <div>{t("assisting.submittedAt", { at: showDateTime(part.submittedAt) })}</div>
                <div className="recorded">{part.partText}</div>
              </>
            ) : (
              <div>
                <DueMarkerDot marker={part.marker} />
                {t("assisting.dueBy", { due: showDateTime(part.dueAt) })}
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
