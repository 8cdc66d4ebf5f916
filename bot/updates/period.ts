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

/** The half-year a date falls in: the default period of an update that names none. */
export function halfYearOf(date: string): string {
  return `${date.slice(0, 4)}-H${Number(date.slice(5, 7)) <= 6 ? 1 : 2}`;
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

export interface PeriodWords {
  /** What the words name, without the year: "H1", "H2", "Q2", "9M", "09", "Y". */
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
  else if (half) kind = half[1] === "cuoi" ? "H2" : "H1";
  else if (quarter) kind = `Q${ROMAN[quarter[1]] ?? Number(quarter[1])}`;
  else if (month && Number(month[1]) >= 1 && Number(month[1]) <= 12) kind = String(Number(month[1])).padStart(2, "0");
  else if (/\b(?:6|sau)\s*t\b/.test(f)) kind = "H1";
  else if (hasYearWord(text, f, withMarks)) kind = "Y";
  return { kind, year };
}

function hasYearWord(text: string, f: string, withMarks: boolean): boolean {
  if (/\b(?:annual|yearly|ca nam|hang nam|cuoi nam|tong ket nam)\b/.test(f)) return true;
  if (withMarks) return /(^|[^\p{L}])năm(?![\p{L}])/iu.test(text.normalize("NFC"));
  return /(?<!viet |mien |phuong |tay |dong |ha |hai )\bnam\b/.test(f);
}

/** The period key an update means: its words, else the half-year of `date`. */
export function periodFor(words: PeriodWords, date: string): string {
  const y = words.year ?? Number(date.slice(0, 4));
  if (!words.kind) return words.year ? String(words.year) : halfYearOf(date);
  if (words.kind === "Y") return String(y);
  return `${y}-${words.kind}`;
}
