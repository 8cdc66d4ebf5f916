// Local wall-clock helpers for Asia/Ho_Chi_Minh (UTC+7 all year: Vietnam has no daylight saving).
import { TIME_ZONE, validDate } from "../../knowledge/occurrences";

const hourFormat = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, hour: "2-digit", hourCycle: "h23" });

/** The hour of the day (0-23) in Asia/Ho_Chi_Minh at an instant. */
export function localHour(now: Date): number {
  return Number(hourFormat.format(now));
}

/**
 * Reads a local date-time "2023-06-01T08:00" (or a date "2023-06-01", meaning 00:00) as an
 * instant in Asia/Ho_Chi_Minh; null when it is not one.
 */
export function parseLocalDateTime(s: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s.trim());
  if (!m) return null;
  const [y, mo, day] = m[1].split("-").map(Number);
  if (!validDate(y, mo, day) || Number(m[2] ?? 0) > 23 || Number(m[3] ?? 0) > 59 || Number(m[4] ?? 0) > 59) return null;
  return new Date(`${m[1]}T${m[2] ?? "00"}:${m[3] ?? "00"}:${m[4] ?? "00"}+07:00`);
}

/** The instant of `hour`:00 local time on a calendar date. */
export function localInstant(date: string, hour: number, minute = 0): Date {
  return new Date(`${date}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00+07:00`);
}

const timeFormat = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** "08:00": the local wall-clock time of an instant. */
export function localTime(now: Date): string {
  return timeFormat.format(now);
}
