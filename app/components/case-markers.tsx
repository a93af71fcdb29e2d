import type { DueMarker } from "~/domain/deadlines";
import { t, tKey } from "~/i18n";

export function DueMarkerDot({ marker }: { marker: DueMarker | null }) {
  if (!marker) return null;
  return <span className={`marker marker-${marker}`} title={t(`marker.${marker}`)} aria-label={t(`marker.${marker}`)} />;
}

export function StateBadge({ state, overdue }: { state: string; overdue?: boolean }) {
  return (
    <span className={`state${overdue ? " state-overdue" : ""}`}>
      {tKey("state", state)}
      {overdue ? ` · ${t("field.overdue")}` : ""}
    </span>
  );
}
