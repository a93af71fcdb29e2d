import { Link } from "@remix-run/react";
import { t } from "~/i18n";
import type { IntakeLookups } from "~/models/case/intake-lookups.server";
import { showDateTime } from "~/utils/format";
import { StateBadge } from "./case-markers";

type LookupCase = IntakeLookups["callerHistory"][number];

function LookupTable({ cases }: { cases: LookupCase[] }) {
  return (
    <table>
      <tbody>
        {cases.map((item) => (
          <tr key={item.caseNo}>
            <td className="nowrap">
              <Link to={`/cases/${item.caseNo}`} target="_blank" rel="noreferrer">
                {item.caseNo}
              </Link>
              <br />
              <span className="muted">{showDateTime(item.receivedAt)}</span>
            </td>
            <td>
              <StateBadge state={item.state} overdue={item.overdue} /> {item.township.name}
              <br />
              {item.subject} {item.description.slice(0, 60)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The caller's history and the possible duplicates beside the intake form. */
export function IntakeLookupPanel({ lookups }: { lookups: IntakeLookups | undefined }) {
  if (!lookups) return <aside className="panel lookup muted">{t("intake.callerHistory")}</aside>;
  return (
    <aside className="panel lookup" aria-live="polite">
      <h3>{t("intake.callerHistory")}</h3>
      {lookups.callerHistory.length > 0 ? (
        <LookupTable cases={lookups.callerHistory} />
      ) : (
        <p className="muted">{t("intake.noCallerHistory")}</p>
      )}
      {lookups.duplicates.length > 0 ? (
        <>
          <h3>{t("intake.duplicates")}</h3>
          <LookupTable cases={lookups.duplicates} />
        </>
      ) : null}
    </aside>
  );
}
