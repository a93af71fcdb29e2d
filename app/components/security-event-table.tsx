import { t, tKey } from "~/i18n";
import { showDateTime } from "~/utils/format";

interface SecurityEventRow {
  id: number;
  at: Date | string;
  type: string;
  username: string | null;
  clientAddress: string | null;
  detail: Record<string, unknown>;
}

const detailText = (detail: Record<string, unknown>) =>
  Object.entries(detail)
    .map(([key, value]) =>
      key === "reason" && typeof value === "string" ? tKey("sessionEnd", value) : `${key}: ${String(value)}`,
    )
    .join("；");

/** Security log entries, newest first, as the administrator reads them. */
export function SecurityEventTable({ events }: { events: SecurityEventRow[] }) {
  if (events.length === 0) return <p>{t("security.none")}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>{t("security.at")}</th>
          <th>{t("security.type")}</th>
          <th>{t("security.username")}</th>
          <th>{t("security.clientAddress")}</th>
          <th>{t("security.detail")}</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.id} data-type={event.type}>
            <td>{showDateTime(event.at, true)}</td>
            <td>{tKey("securityEvent", event.type)}</td>
            <td>{event.username ?? "—"}</td>
            <td>{event.clientAddress ?? "—"}</td>
            <td>{detailText(event.detail)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
