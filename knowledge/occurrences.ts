// Due dates of a schedule on the calendar: which last days a stated deadline falls on, per period.
// Dates are calendar dates in Asia/Ho_Chi_Minh written "YYYY-MM-DD"; nothing here reads the clock.
import type { Due, Period, ScheduleItem } from "./types";

export const TIME_ZONE = "Asia/Ho_Chi_Minh";

export interface Occurrence {
  period: Period;
  /** The reporting period the date belongs to: "2023", "2023-H1", "2023-Q2", "2023-09", "2023-9M". */
  periodKey: string;
  /** The date the text states, as YYYY-MM-DD ("trước ngày 10/6" -> 2023-06-10). */
  statedDate: string;
  /** The last allowed day: the stated date, or the day before it for "trước ngày". */
  lastDay: string;
  due: Due;
}

// Built once: localDate runs on every turn and answer. en-CA formats as YYYY-MM-DD.
const LOCAL_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** Today's calendar date in Asia/Ho_Chi_Minh for an instant. */
export function localDate(now: Date): string {
  return LOCAL_DATE.format(now);
}

export function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function toUtc(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y, m - 1, d);
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  const t = new Date(toUtc(date) + days * 86_400_000);
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** A real calendar date, or null (31/02 is not one). */
export function validDate(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return isoDate(y, m, d);
}

/** "D/M" or "D/M/YYYY" as the plan states it (the `due` field of the obligations command). */
export function formatDue(due: Due): string {
  if (due.month === undefined) return String(due.day);
  return due.year ? `${due.day}/${due.month}/${due.year}` : `${due.day}/${due.month}`;
}

/** "9/6/2023" from "2023-06-09". */
export function formatVnDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return `${d}/${m}/${y}`;
}

function make(period: Period, periodKey: string, due: Due, y: number, m: number): Occurrence | null {
  const d = Math.min(due.day, daysInMonth(y, m));
  const stated = validDate(y, m, d);
  if (!stated) return null;
  return { period, periodKey, statedDate: stated, lastDay: due.before ? addDays(stated, -1) : stated, due };
}

/** Occurrences of one schedule item in the given years (the plan's validity, or any window). */
function occurrencesInYear(item: ScheduleItem, y: number): Occurrence[] {
  const due = item.due;
  if (!due) return [];
  const out: (Occurrence | null)[] = [];
  switch (item.period) {
    case "monthly":
      for (let m = 1; m <= 12; m++) if (due.month === undefined || due.month === m) out.push(make("monthly", `${y}-${String(m).padStart(2, "0")}`, due, y, m));
      break;
    case "quarterly":
      for (let q = 1; q <= 4; q++) {
        if (due.month !== undefined) continue;
        const m = due.monthInPeriod === "first" ? q * 3 - 2 : q * 3;
        out.push(make("quarterly", `${y}-Q${q}`, due, y, m));
      }
      if (due.month !== undefined) out.push(make("quarterly", `${y}-Q${Math.ceil(due.month / 3)}`, due, y, due.month));
      break;
    case "half_year":
      if (due.month !== undefined) out.push(make("half_year", `${y}-H${due.month <= 7 ? 1 : 2}`, due, y, due.month));
      else for (const [h, m] of [[1, due.monthInPeriod === "first" ? 1 : 6], [2, due.monthInPeriod === "first" ? 7 : 12]]) out.push(make("half_year", `${y}-H${h}`, due, y, m));
      break;
    case "nine_months":
      if (due.month !== undefined) out.push(make("nine_months", `${y}-9M`, due, y, due.month));
      break;
    case "yearly":
      if (due.month !== undefined) out.push(make("yearly", `${y}`, due, y, due.month));
      break;
    case "once":
    case "multi_year":
    case "ad_hoc":
      if (due.month !== undefined && (due.year === undefined || due.year === y)) out.push(make(item.period, `${y}`, due, y, due.month));
      break;
  }
  return out.filter((o): o is Occurrence => o !== null);
}

/**
 * Every occurrence whose last day is within [from, to], limited to the years the plan covers when
 * `validity` is given. A date the text does not give produces nothing.
 */
export function occurrences(
  schedule: ScheduleItem[],
  from: string,
  to: string,
  validity: { from: number; to: number } | null = null,
): Occurrence[] {
  const y0 = Number(from.slice(0, 4)) - 1;
  const y1 = Number(to.slice(0, 4)) + 1;
  const out: Occurrence[] = [];
  for (const item of schedule) {
    if (item.due?.year !== undefined && item.due.month !== undefined) {
      // A full date ("ngày 29 tháng 12 năm 2022") happens once, whatever the period word says.
      const o = make(item.period, String(item.due.year), item.due, item.due.year, item.due.month);
      if (o && o.lastDay >= from && o.lastDay <= to) out.push(o);
      continue;
    }
    for (let y = y0; y <= y1; y++) {
      if (validity && (y < validity.from || y > validity.to)) continue;
      for (const o of occurrencesInYear(item, y)) if (o.lastDay >= from && o.lastDay <= to) out.push(o);
    }
  }
  return out.sort((a, b) => (a.lastDay < b.lastDay ? -1 : a.lastDay > b.lastDay ? 1 : 0));
}

/** The first occurrence whose last day is today or later, looking up to `horizonDays` ahead. */
export function nextOccurrence(
  schedule: ScheduleItem[],
  today: string,
  validity: { from: number; to: number } | null = null,
  horizonDays = 800,
): Occurrence | null {
  return occurrences(schedule, today, addDays(today, horizonDays), validity)[0] ?? null;
}

/** The latest occurrence whose last day is before today. */
export function previousOccurrence(
  schedule: ScheduleItem[],
  today: string,
  validity: { from: number; to: number } | null = null,
  horizonDays = 4000,
): Occurrence | null {
  const past = occurrences(schedule, addDays(today, -horizonDays), addDays(today, -1), validity);
  return past[past.length - 1] ?? null;
}
