import { type LocalDate, addLocalDays, dayOfWeek, isLocalDate, yearOf } from "./local-time";

/**
 * The working-day calendar: Monday to Friday, except public holidays, plus the weekend days the
 * State Council designates make-up working days (调休上班). The dates are data (HolidayDate rows).
 */
export type CalendarDayType = "holiday" | "workday";

export interface CalendarEntry {
  date: LocalDate;
  type: CalendarDayType;
  name?: string | null;
  /** The year whose official schedule lists this date. */
  scheduleYear: number;
}

export interface WorkCalendar {
  isWorkingDay(date: LocalDate): boolean;
  /** Whether the official schedule of the year is in the calendar. */
  hasScheduleFor(year: number): boolean;
  entryOn(date: LocalDate): CalendarEntry | undefined;
}

export function createWorkCalendar(entries: readonly CalendarEntry[]): WorkCalendar {
  const byDate = new Map(entries.map((entry) => [entry.date, entry]));
  const scheduledYears = new Set(entries.map((entry) => entry.scheduleYear));
  return {
    isWorkingDay(date) {
      const entry = byDate.get(date);
      if (entry) return entry.type === "workday";
      const weekday = dayOfWeek(date);
      return weekday !== 0 && weekday !== 6;
    },
    hasScheduleFor: (year) => scheduledYears.has(year),
    entryOn: (date) => byDate.get(date),
  };
}

/** The Nth working day after `date` (the day itself is not counted). */
export function addWorkingDays(calendar: WorkCalendar, date: LocalDate, count: number): LocalDate {
  let day = date;
  let counted = 0;
  while (counted < count) {
    day = addLocalDays(day, 1);
    if (calendar.isWorkingDay(day)) counted += 1;
  }
  return day;
}

/** The Nth working day before `date` (the day itself is not counted). */
export function subtractWorkingDays(calendar: WorkCalendar, date: LocalDate, count: number): LocalDate {
  let day = date;
  let counted = 0;
  while (counted < count) {
    day = addLocalDays(day, -1);
    if (calendar.isWorkingDay(day)) counted += 1;
  }
  return day;
}

/** `date` itself when it is a working day, otherwise the next working day. */
export function onOrNextWorkingDay(calendar: WorkCalendar, date: LocalDate): LocalDate {
  let day = date;
  while (!calendar.isWorkingDay(day)) day = addLocalDays(day, 1);
  return day;
}

/** Working days in the closed range [from, to]; 0 when `to` precedes `from`. */
export function workingDaysInRange(calendar: WorkCalendar, from: LocalDate, to: LocalDate): number {
  let count = 0;
  for (let day = from; day <= to; day = addLocalDays(day, 1)) {
    if (calendar.isWorkingDay(day)) count += 1;
  }
  return count;
}

/** Years in [fromYear, toYear] whose official schedule is missing from the calendar. */
export function missingScheduleYears(calendar: WorkCalendar, from: LocalDate, to: LocalDate): number[] {
  const missing: number[] = [];
  for (let year = yearOf(from); year <= yearOf(to); year += 1) {
    if (!calendar.hasScheduleFor(year)) missing.push(year);
  }
  return missing;
}

/** Parses the holiday CSV (`date,type,name,schedule_year`) that seeds and imports the calendar. */
export function parseHolidayCsv(text: string): { entries: CalendarEntry[]; errors: string[] } {
  const entries: CalendarEntry[] = [];
  const errors: string[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((line, index) => {
    if (index === 0 || line.trim() === "") return;
    const [date, type, name, scheduleYear] = line.split(",").map((cell) => cell.trim());
    const rowNumber = index + 1;
    if (!isLocalDate(date ?? "")) {
      errors.push(`row ${rowNumber}: "${date}" is not a date (YYYY-MM-DD)`);
    } else if (type !== "holiday" && type !== "workday") {
      errors.push(`row ${rowNumber}: type must be holiday or workday, not "${type}"`);
    } else if (!/^\d{4}$/.test(scheduleYear ?? "")) {
      errors.push(`row ${rowNumber}: schedule_year "${scheduleYear}" is not a year`);
    } else {
      entries.push({ date, type, name: name || null, scheduleYear: Number(scheduleYear) });
    }
  });
  return { entries, errors };
}
