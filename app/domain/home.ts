import type { LocalDate } from "./local-time";
import type { Role } from "./roles";

/** Where each role starts its working day. */
export function homePathFor(role: Role): string {
  switch (role) {
    case "operator":
      return "/intake"; // the hotline: a call is answered before anything else
    case "admin":
      return "/admin/users";
    case "dispatcher":
      return "/dispatch"; // the desk's queues: the work of the day starts there
    case "township":
      return "/inbox"; // the township's own cases
    case "leader":
      return "/"; // the dashboard: what is overdue, by unit
  }
}

/** The same day a year earlier, for "the year so far" against last year (29 February becomes the 28th). */
export function sameDayLastYear(date: LocalDate): LocalDate {
  const [year, month, day] = date.split("-").map(Number);
  const lastDay = new Date(Date.UTC(year - 1, month, 0)).getUTCDate();
  return `${year - 1}-${String(month).padStart(2, "0")}-${String(Math.min(day, lastDay)).padStart(2, "0")}`;
}
