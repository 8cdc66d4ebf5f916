// Reporting periods as keys: "2026" (year), "2026-H1"/"2026-H2" (6 months), "2026-Q2" (quarter),
// "2026-9M" (9 months), "2026-09" (month). Read from the words of an update or from its date.
import { fold } from "../../knowledge/vietnamese";
import { daysInMonth, isoDate } from "../../knowledge/occurrences";

const PERIOD_RE = /^(\d{4})(?:-(H[12]|Q[1-4]|9M|0[1-9]|1[0-2]))?$/;

export function isPeriodKey(s: string): boolean {
  return PERIOD_RE.test(s);
}

/** First and last calendar day of a period key, or null for a string that is not one. */
export function periodRange(period: string): [string, string] | null {
  const m = PERIOD_RE.exec(period);
  if (!m) return null;
  const y = Number(m[1]);
  const p = m[2];
  const span = (m1: number, m2: number): [string, string] => [isoDate(y, m1, 1), isoDate(y, m2, daysInMonth(y, m2))];
  if (!p) return span(1, 12);
  if (p === "H1") return span(1, 6);
  if (p === "H2") return span(7, 12);
  if (p === "9M") return span(1, 9);
  if (p.startsWith("Q")) {
    const q = Number(p.slice(1));
    return span(q * 3 - 2, q * 3);
  }
  return span(Number(p), Number(p));
}

/** True when `inner` lies within `outer` ("2026-Q2" within "2026-H1", "2026-H1" within "2026"). */
export function periodWithin(inner: string, outer: string): boolean {
  const a = periodRange(inner);
  const b = periodRange(outer);
  return !!a && !!b && a[0] >= b[0] && a[1] <= b[1];
}

/** Every period key inside `outer` (itself included), for SQL `period = ANY(...)`. */
export function periodsWithin(outer: string): string[] {
  const r = periodRange(outer);
  if (!r) return [];
  const y = outer.slice(0, 4);
  const all = [y, `${y}-H1`, `${y}-H2`, `${y}-9M`, ...[1, 2, 3, 4].map((q) => `${y}-Q${q}`), ...Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, "0")}`)];
  return all.filter((p) => periodWithin(p, outer));
}

/** "6 tháng đầu năm 2026", "năm 2026", "quý II năm 2026", "9 tháng năm 2026", "tháng 9/2026". */
export function periodLabel(period: string): string {
  const m = PERIOD_RE.exec(period);
  if (!m) return period;
  const [, y, p] = m;
  if (!p) return `năm ${y}`;
  if (p === "H1") return `6 tháng đầu năm ${y}`;
  if (p === "H2") return `6 tháng cuối năm ${y}`;
  if (p === "9M") return `9 tháng năm ${y}`;
  if (p.startsWith("Q")) return `quý ${["I", "II", "III", "IV"][Number(p[1]) - 1]} năm ${y}`;
  return `tháng ${Number(p)}/${y}`;
}

/** The current half-year on a date (see currentPeriod): the default period of an update that names none. */
export function halfYearOf(date: string, rules: ReportingRules = installedRules): string {
  return currentPeriod("H", date, rules);
}

// ---- The one rule for "the current reporting period" -------------------------------------------
//
// The current period of a kind on a day is the earliest period of that kind whose report is not yet
// due: its deadline is the plan's own date for that report when the current plans state one
// ("trước ngày 10/6" for the 6-month report: from 10/6 on, updates belong to the second half),
// else the period's last day (the calendar period). Updates (sentence and form), listings,
// "chưa cập nhật", exports, nudges and answers all call this, so they agree.

/** Period kinds: half-year, quarter, year, month, nine months. */
export type PeriodKind = "H" | "Q" | "Y" | "M" | "9M";

/** Where a kind's report falls relative to the end of its period: months after the end month, and the last day. */
export interface ReportDeadline {
  /** Months after the period's last month (0: in that month; -1: the month before; 1: the month after). */
  monthOffset: number;
  /** The last allowed day of that month ("trước ngày 10" gives 9). */
  lastDay: number;
  /** The words of the plan, e.g. "trước ngày 10/6", and the plan that states them. */
  text: string;
  planId: string;
}

export type ReportingRules = Partial<Record<PeriodKind, ReportDeadline>>;

let installedRules: ReportingRules = {};

/** Installs the rules of the current plans (createApp, after loading them). */
export function setReportingRules(rules: ReportingRules): void {
  installedRules = rules;
}

export function reportingRules(): ReportingRules {
  return installedRules;
}

const KIND_MONTHS: Record<PeriodKind, number> = { H: 6, Q: 3, Y: 12, M: 1, "9M": 12 };

function periodKey(kind: PeriodKind, year: number, index: number): string {
  if (kind === "Y") return String(year);
  if (kind === "9M") return `${year}-9M`;
  if (kind === "H") return `${year}-H${index}`;
  if (kind === "Q") return `${year}-Q${index}`;
  return `${year}-${String(index).padStart(2, "0")}`;
}

/** The last day on which a period's report may be sent (the plan's date, else the period's last day). */
export function reportDueDay(period: string, rules: ReportingRules = installedRules): string | null {
  const range = periodRange(period);
  if (!range) return null;
  const kind = kindOf(period);
  const rule = kind ? rules[kind] : undefined;
  if (!rule) return range[1];
  let y = Number(range[1].slice(0, 4));
  let m = Number(range[1].slice(5, 7)) + rule.monthOffset;
  while (m > 12) { m -= 12; y += 1; }
  while (m < 1) { m += 12; y -= 1; }
  return isoDate(y, m, Math.max(1, Math.min(rule.lastDay, daysInMonth(y, m))));
}

export function kindOf(period: string): PeriodKind | null {
  const m = PERIOD_RE.exec(period);
  if (!m) return null;
  const p = m[2];
  if (!p) return "Y";
  if (p.startsWith("H")) return "H";
  if (p.startsWith("Q")) return "Q";
  if (p === "9M") return "9M";
  return "M";
}

/** The current reporting period of a kind on a date (YYYY-MM-DD). */
export function currentPeriod(kind: PeriodKind, date: string, rules: ReportingRules = installedRules): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const per = KIND_MONTHS[kind];
  const perYear = kind === "9M" ? 1 : 12 / per;
  // Start one period before the calendar period holding the date, and take the first not yet due.
  let y = year;
  let i = kind === "9M" || kind === "Y" ? 1 : Math.ceil(month / per);
  i -= 1;
  if (i < 1) { y -= 1; i = perYear; }
  for (let n = 0; n < 2 * perYear + 2; n++) {
    const key = periodKey(kind, y, i);
    const due = reportDueDay(key, rules);
    if (due && due >= date) return key;
    i += 1;
    if (i > perYear) { i = 1; y += 1; }
  }
  return periodKey(kind, year, kind === "9M" || kind === "Y" ? 1 : Math.ceil(month / per));
}

/** The period kind a Period of the plans' grammar reports on. */
export const KIND_OF_PLAN_PERIOD: Record<string, PeriodKind> = { half_year: "H", quarterly: "Q", yearly: "Y", monthly: "M", nine_months: "9M" };

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

export interface PeriodWords {
  /** What the words name, without the year: "H1", "H2", "Q2", "9M", "09", "Y"; "H": a half-year, not which one. */
  kind: string | null;
  /** A year the text gives ("năm 2025", "2025"). */
  year: number | null;
}

/**
 * The period words of a text. "năm" (the year) needs its diacritics when the text has any, so
 * "Nam" in a name does not count; without diacritics "nam" counts unless it follows "viet"/"mien".
 */
export function periodWords(text: string): PeriodWords {
  const withMarks = fold(text) !== text;
  // Full dates ("20/11/2025") give the day of the work, not the period words.
  const f = fold(text).toLowerCase().replace(/\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/g, " ");
  const yearM = /(?:nam\s+)?\b(20\d{2})\b/.exec(f);
  const year = yearM ? Number(yearM[1]) : null;
  let kind: string | null = null;
  const half = /\b(?:0?6|sau)\s*thang\s*(dau|cuoi)?/.exec(f);
  const quarter = /\bquy\s*(iv|iii|ii|i|[1-4])\b/.exec(f);
  const nine = /\b(?:0?9|chin)\s*thang\b/.exec(f);
  const month = /\bthang\s*(\d{1,2})\b/.exec(f);
  if (nine) kind = "9M";
  else if (half) kind = half[1] === "cuoi" ? "H2" : half[1] === "dau" ? "H1" : "H";
  else if (quarter) kind = `Q${ROMAN[quarter[1]] ?? Number(quarter[1])}`;
  else if (month && Number(month[1]) >= 1 && Number(month[1]) <= 12) kind = String(Number(month[1])).padStart(2, "0");
  else if (/\b(?:6|sau)\s*t\b/.test(f)) kind = "H";
  else if (hasYearWord(text, f, withMarks)) kind = "Y";
  return { kind, year };
}

function hasYearWord(text: string, f: string, withMarks: boolean): boolean {
  if (/\b(?:annual|yearly|ca nam|hang nam|cuoi nam|tong ket nam)\b/.test(f)) return true;
  if (withMarks) return /(^|[^\p{L}])năm(?![\p{L}])/iu.test(text.normalize("NFC"));
  return /(?<!viet |mien |phuong |tay |dong |ha |hai )\bnam\b/.test(f);
}

/**
 * The period key an update or a command means: its words, else the current half-year on `date`.
 * Words that name a kind but not which one ("báo cáo 6 tháng", "báo cáo năm") give the current
 * period of that kind; a year in the words picks that year.
 */
export function periodFor(words: PeriodWords, date: string, rules: ReportingRules = installedRules): string {
  if (!words.kind) return words.year ? String(words.year) : currentPeriod("H", date, rules);
  if (words.kind === "Y") return words.year ? String(words.year) : currentPeriod("Y", date, rules);
  if (words.kind === "H") {
    if (!words.year) return currentPeriod("H", date, rules);
    // A half of a named year: the one current on the date when that is this year, else the first.
    const cur = currentPeriod("H", date, rules);
    return cur.startsWith(String(words.year)) ? cur : `${words.year}-H1`;
  }
  const y = words.year ?? Number(date.slice(0, 4));
  return `${y}-${words.kind}`;
}
