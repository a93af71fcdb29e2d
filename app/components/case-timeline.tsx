import { t, tKey } from "~/i18n";
import type { CaseView } from "~/models/case/view.server";
import { showDateTime } from "~/utils/format";

type TimelineEvent = CaseView["timeline"][number];

const HIDDEN_DETAIL_KEYS = new Set([
  "version",
  "assignedToId",
  "mergedIntoId",
  "policyId",
  "townshipId",
  "nextDueAt",
  "attachments",
  "satisfactionSource",
  "ratedRound",
  "via",
]);
const VALUE_PREFIXES: Record<string, string> = {
  state: "state",
  milestone: "milestone",
  unit: "unit",
  step: "action",
  urgency: "urgency",
};

function showValue(value: unknown, key = ""): string {
  if (typeof value === "string" && VALUE_PREFIXES[key]) return tKey(VALUE_PREFIXES[key], value);
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
  if (typeof value === "number" && value > 1e12) return showDateTime(new Date(value), true);
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) return showDateTime(value, true);
  return String(value);
}

function fieldLabel(key: string): string {
  return tKey("field", key) === key ? key : tKey("field", key);
}

function Details({ event }: { event: TimelineEvent }) {
  const after = (event.after ?? {}) as Record<string, unknown>;
  const before = (event.before ?? {}) as Record<string, unknown>;
  const keys = Object.keys(after).filter((key) => !HIDDEN_DETAIL_KEYS.has(key));
  if (event.action === "register" || keys.length === 0) return null;
  return (
    <ul className="change">
      {keys.map((key) => (
        <li key={key}>
          {fieldLabel(key)}：{key in before ? `${showValue(before[key], key)} → ` : ""}
          {showValue(after[key], key)}
        </li>
      ))}
    </ul>
  );
}

/** The case's full history from the audit trail, oldest first. */
export function CaseTimeline({ events }: { events: TimelineEvent[] }) {
  return (
    <ol className="timeline">
      {events.map((event) => (
        <li key={event.id} data-action={event.action}>
          <div className="when">
            {showDateTime(event.at, true)} · {event.actorName ?? t("case.system")}
          </div>
          <strong>{tKey("action", event.action)}</strong>
          {event.reason ? (
            <div>
              {t("field.reason")}：{event.reason}
            </div>
          ) : null}
          <Details event={event} />
          {event.attachments.length > 0 ? (
            <ul className="change">
              {event.attachments.map((attachment) => (
                <li key={attachment.id}>
                  {tKey("attachment.kind", attachment.kind)}：<a href={`#attachment-${attachment.id}`}>{attachment.fileName}</a>
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
