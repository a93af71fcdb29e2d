import type { DueMarker } from "~/domain/deadlines";
import { t, tKey } from "~/i18n";

export function DueMarkerDot({ marker }: { marker: DueMarker | null }) {
  if (!marker) return null;
  // role="img": a bare span may not carry a label (ARIA), and a screen reader would skip it.
  return (
    <span className={`marker marker-${marker}`} role="img" title={t(`marker.${marker}`)} aria-label={t(`marker.${marker}`)} />
  );
}

export function StateBadge({ state, overdue }: { state: string; overdue?: boolean }) {
  return (
    <span className={`state${overdue ? " state-overdue" : ""}`}>
      {tKey("state", state)}
      {overdue ? ` · ${t("field.overdue")}` : ""}
    </span>
  );
}
