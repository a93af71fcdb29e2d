import { readFileSync } from "node:fs";
import path from "node:path";
import { createWorkCalendar, parseHolidayCsv } from "~/domain/calendar";

/** The official calendar the application seeds, read from the project's own copy. */
export function officialCalendar() {
  const text = readFileSync(path.join(__dirname, "../../prisma/reference/cn-holidays.csv"), "utf8");
  const { entries, errors } = parseHolidayCsv(text);
  if (errors.length > 0) throw new Error(errors.join("\n"));
  return createWorkCalendar(entries);
}
