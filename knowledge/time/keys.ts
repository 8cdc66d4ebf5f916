// Reporting periods as keys: "2026" (year), "2026-H1"/"2026-H2" (6 months), "2026-Q2" (quarter),
// "2026-9M" (9 months), "2026-09" (month): what updates, listings, exports and nudges file work under.
import { daysInMonth, isoDate } from "../occurrences";
import type { Period } from "../types";

const PERIOD_RE = /^(\d{4})(?:-(H[12]|Q[1-4]|9M|0[1-9]|1[0-2]))?$/;

/** Period kinds: half-year, quarter, year, month, nine months. */
export type PeriodKind = "H" | "Q" | "Y" | "M" | "9M";

/** The period kind a Period of the plans' grammar reports on. */
export const KIND_OF_PLAN_PERIOD: Record<string, PeriodKind> = { half_year: "H", quarterly: "Q", yearly: "Y", monthly: "M", nine_months: "9M" };

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

/** The key of the index-th period of a kind in a year (index 1-based; ignored for Y and 9M). */
export function periodKey(kind: PeriodKind, year: number, index: number): string {
  if (kind === "Y") return String(year);
  if (kind === "9M") return `${year}-9M`;
  if (kind === "H") return `${year}-H${index}`;
  if (kind === "Q") return `${year}-Q${index}`;
  return `${year}-${String(index).padStart(2, "0")}`;
}

/** The period after this one: 2027-H1 -> 2027-H2, 2027-H2 -> 2028-H1, 2027-Q4 -> 2028-Q1, 2027 -> 2028. */
export function nextPeriod(period: string): string {
  const y = Number(period.slice(0, 4));
  const p = period.slice(5);
  if (!p) return String(y + 1);
  if (p === "H1") return `${y}-H2`;
  if (p === "H2") return `${y + 1}-H1`;
  if (p === "9M") return `${y}-Q4`;
  if (p.startsWith("Q")) return Number(p[1]) === 4 ? `${y + 1}-Q1` : `${y}-Q${Number(p[1]) + 1}`;
  const m = Number(p);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/** The schedule word of a period key's report: 2027-H1 is a half_year report. */
export function reportKind(period: string): Period {
  const p = period.slice(5);
  if (!p) return "yearly";
  if (p.startsWith("H")) return "half_year";
  if (p === "9M") return "nine_months";
  if (p.startsWith("Q")) return "quarterly";
  return "monthly";
}
