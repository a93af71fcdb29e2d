import type { TimeLeft } from "~/domain/deadlines";
import { formatLocalDateTime } from "~/domain/local-time";
import { t } from "~/i18n";

/** Times are shown in Shanghai time whatever the browser's zone, on server and client alike. */
export function showDateTime(value: Date | string | null | undefined, withSeconds = false): string {
  if (!value) return "";
  return formatLocalDateTime(new Date(value), withSeconds);
}

export function showTimeLeft(left: TimeLeft): string {
  if (left.kind === "hours")
    return t(left.overdue ? "timeLeft.hours.overdue" : "timeLeft.hours", { hours: left.hours, minutes: left.minutes });
  if (!left.overdue && left.days === 0) return t("timeLeft.dueToday");
  const key = left.kind === "working_days" ? "timeLeft.working_days" : "timeLeft.calendar_days";
  return t(left.overdue ? `${key}.overdue` : key, { days: left.days });
}
