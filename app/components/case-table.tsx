import { Link } from "@remix-run/react";
import type { DueMarker } from "~/domain/deadlines";
import { t, tKey } from "~/i18n";
import { showDateTime } from "~/utils/format";
import { DueMarkerDot, StateBadge } from "./case-markers";

export interface ListedCase {
  caseNo: string;
  state: string;
  category: string;
  subject: string;
  address: string;
  receivedAt: Date | string;
  nextDueAt: Date | string | null;
  overdue: boolean;
  urgency: string;
  township: { name: string };
  assignedTo: { name: string } | null;
  marker: DueMarker | null;
  /** In an assisting unit's inbox: its own part's clock (协办), which is what it answers for. */
  myPart?: { dueAt: Date | string; submittedAt: Date | string | null; marker: DueMarker | null } | null;
}

/** The cases of a list, inbox or queue: number, state, where, what, received and due. */
export function CaseTable({ cases, categoryNames }: { cases: ListedCase[]; categoryNames: Record<string, string> }) {
  return (
    <table className="cards case-cards">
      <thead>
        <tr>
          <th>{t("field.caseNo")}</th>
          <th>{t("field.state")}</th>
          <th>{t("field.township")}</th>
          <th>{t("field.category")}</th>
          <th>{t("field.subject")}</th>
          <th>{t("field.receivedAt")}</th>
          <th>{t("field.due")}</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((item) => (
          <tr key={item.caseNo} data-case-no={item.caseNo}>
            <td data-label={t("field.caseNo")} className="nowrap cell-no">
              <Link to={`/cases/${item.caseNo}`}>{item.caseNo}</Link>
              {item.urgency === "urgent" ? (
                <span className="state state-overdue"> {tKey("urgency", "urgent").slice(0, 2)}</span>
              ) : null}
            </td>
            <td data-label={t("field.state")} className="cell-state">
              <StateBadge state={item.state} overdue={item.overdue} />
            </td>
            <td data-label={t("field.township")} className="cell-township">
              {item.township.name}
              {item.assignedTo && item.assignedTo.name !== item.township.name ? (
                <div className="muted">→ {item.assignedTo.name}</div>
              ) : null}
            </td>
            <td data-label={t("field.category")} className="cell-category">
              {categoryNames[item.category] ?? item.category}
            </td>
            <td data-label={t("field.subject")} className="cell-subject">
              <div>{item.subject}</div>
              <div className="muted">{item.address}</div>
            </td>
            <td data-label={t("field.receivedAt")} className="nowrap cell-received">
              {showDateTime(item.receivedAt)}
            </td>
            <td data-label={item.myPart ? t("assisting.partDue") : t("field.due")} className="nowrap cell-due">
              {item.myPart ? (
                <>
                  <DueMarkerDot marker={item.myPart.marker} />
                  {item.myPart.submittedAt ? t("assisting.mineDone") : showDateTime(item.myPart.dueAt)}
                </>
              ) : (
                <>
                  <DueMarkerDot marker={item.marker} />
                  {showDateTime(item.nextDueAt)}
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
