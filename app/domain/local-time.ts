/**
 * Day boundaries in Asia/Shanghai. China has kept UTC+8 without daylight saving since 1991,
 * so a fixed offset is exact for every date this system handles (docs/decisions/0003).
 * Instants are stored in UTC; a LocalDate is a "YYYY-MM-DD" string in Shanghai time.
 */
export type LocalDate = string;

const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

/** The Shanghai wall-clock fields of an instant. */
function shanghaiFields(instant: Date) {
  const shifted = new Date(instant.getTime() + OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

/**
 * The years Greenline reasons about: policies, the holiday calendar, statistics and search cover them.
 * A date outside (a typo such as 1900 or 9999) is refused where it is typed, never computed with.
 */
export const FIRST_SUPPORTED_YEAR = 2000;
export const LAST_SUPPORTED_YEAR = 2100;

export function isSupportedYear(year: number): boolean {
  return Number.isInteger(year) && year >= FIRST_SUPPORTED_YEAR && year <= LAST_SUPPORTED_YEAR;
}

/** A valid YYYY-MM-DD within the supported years. */
export function isSupportedLocalDate(value: string): boolean {
  return isLocalDate(value) && isSupportedYear(Number(value.slice(0, 4)));
}

export function isLocalDate(value: string): boolean {
  const match = LOCAL_DATE_PATTERN.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

export function localDateOf(instant: Date): LocalDate {
  const f = shanghaiFields(instant);
  return `${f.year}-${pad(f.month)}-${pad(f.day)}`;
}

function utcMidnightOf(date: LocalDate): number {
  if (!isLocalDate(date)) throw new RangeError(`Not a date: ${date}`);
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y, m - 1, d);
}

/** 00:00:00.000 Shanghai time of the date, as an instant. */
export function startOfLocalDay(date: LocalDate): Date {
  return new Date(utcMidnightOf(date) - OFFSET_MS);
}

/** The last instant of the date in Shanghai time (24:00 minus one millisecond). */
export function endOfLocalDay(date: LocalDate): Date {
  return new Date(utcMidnightOf(date) - OFFSET_MS + DAY_MS - 1);
}

export function addLocalDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(utcMidnightOf(date) + days * DAY_MS);
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

/** Whole calendar days from one date to another (negative when `to` is earlier). */
export function localDaysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((utcMidnightOf(to) - utcMidnightOf(from)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(utcMidnightOf(date)).getUTCDay();
}

export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

/** A Shanghai wall-clock time "YYYY-MM-DD HH:mm:ss" as an instant. */
export function instantFromLocal(date: LocalDate, hour = 0, minute = 0, second = 0): Date {
  return new Date(utcMidnightOf(date) - OFFSET_MS + ((hour * 60 + minute) * 60 + second) * 1000);
}

/** "YYYY-MM-DD HH:mm:ss" (or without seconds) in Shanghai time. */
export function formatLocalDateTime(instant: Date, withSeconds = true): string {
  const f = shanghaiFields(instant);
  const base = `${f.year}-${pad(f.month)}-${pad(f.day)} ${pad(f.hour)}:${pad(f.minute)}`;
  return withSeconds ? `${base}:${pad(f.second)}` : base;
}

/** An instant as ISO 8601 with Shanghai's offset (`2020-10-09T14:30:00+08:00`), as the APIs give times. */
export function toOffsetIso(instant: Date): string {
  return `${formatLocalDateTime(instant).replace(" ", "T")}+08:00`;
}

/** The value an <input type="datetime-local"> shows for an instant, in Shanghai time. */
export function toDateTimeLocalValue(instant: Date): string {
  return formatLocalDateTime(instant, false).replace(" ", "T");
}

const DATE_TIME_PATTERN = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Reads "YYYY-MM-DD", "YYYY-MM-DD HH:mm", "YYYY-MM-DDTHH:mm" or with seconds as Shanghai time.
 * Returns null for anything else, including impossible dates.
 */
export function parseLocalDateTime(text: string): Date | null {
  const match = DATE_TIME_PATTERN.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = match;
  const date = `${y}-${pad(Number(mo))}-${pad(Number(d))}`;
  if (!isLocalDate(date)) return null;
  const [hour, minute, second] = [Number(h), Number(mi), Number(s)];
  if (hour > 23 || minute > 59 || second > 59) return null;
  return instantFromLocal(date, hour, minute, second);
}

export const MS_PER_HOUR = 60 * 60 * 1000;

/** 2026年3月8日: a date as official documents write it, in Shanghai time. */
export function chineseDateOf(instant: Date): string {
  const [year, month, day] = localDateOf(instant).split("-").map(Number);
  return `${year}年${month}月${day}日`;
}
