// The period a short text names, as people type it in a question, an update or a command: "báo cáo
// 6 tháng", "quý II năm 2025", "tháng 9", "bao cao nam" (with or without marks).
import type { Period } from "../types";
import { fold } from "../vietnamese";
import { findPeriods } from "./recurrence";
import { MONTH_NUM, NINE_MONTHS, QUARTER_NUM, quarterNumber, SIX_MONTHS, YEAR } from "./grammar";

const F = (source: string, flags = "") => new RegExp(fold(source), flags);

export interface PeriodWords {
  /** What the words name, without the year: "H1", "H2", "Q2", "9M", "09", "Y"; "H": a half-year, not which one. */
  kind: string | null;
  /** A year the text gives ("năm 2025", "2025"). */
  year: number | null;
}

const HALF = F(String.raw`\b${SIX_MONTHS}\s*(đầu|cuối)?`);
const NINE = F(String.raw`\b${NINE_MONTHS}\b`);
const QUARTER = F(String.raw`\b${QUARTER_NUM}\b`);
const MONTH = F(String.raw`\b${MONTH_NUM}\b`);

/**
 * The period words of a text, for updates and commands. "năm" (the year) needs its diacritics when
 * the text has any, so "Nam" in a name does not count; without diacritics "nam" counts unless it
 * follows "viet"/"mien".
 */
export function periodWords(text: string): PeriodWords {
  const withMarks = fold(text) !== text;
  // Full dates ("20/11/2025") give the day of the work, not the period words.
  const f = fold(text).toLowerCase().replace(/\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/g, " ");
  const yearM = /(?:nam\s+)?\b(20\d{2})\b/.exec(f);
  const year = yearM ? Number(yearM[1]) : null;
  let kind: string | null = null;
  const half = HALF.exec(f);
  const quarter = QUARTER.exec(f);
  const nine = NINE.exec(f);
  const month = MONTH.exec(f);
  if (nine) kind = "9M";
  else if (half) kind = half[1] === "cuoi" ? "H2" : half[1] === "dau" ? "H1" : "H";
  else if (quarter) kind = `Q${quarterNumber(quarter[1])}`;
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
 * The recurrences a question names, in any order: the plans' recurrence words (recurrence.ts) and
 * what a question adds to them: a named quarter ("báo cáo quý II" asks about the quarterly report),
 * a bare "báo cáo tháng", "một năm", a question ending in "năm", "giai đoạn".
 */
export function periodsNamedIn(text: string): Period[] {
  const lower = text.toLowerCase();
  const f = fold(lower);
  const out = new Set<Period>(findPeriods(lower).map((p) => p.period).filter((p) => p !== "ad_hoc" || /\bdot xuat\b/.test(f)));
  if (QUARTER.test(f)) out.add("quarterly");
  // "01 năm" is one year only when it is not a date's "tháng 01 năm 2026".
  if (/\bmot nam\b|(?<!thang )\b0?1 nam\b(?!\s*\d{4})|\bnam\s*$/.test(f)) out.add("yearly");
  if (/\bgiai doan\b/.test(f)) out.add("multi_year");
  // "5 năm" is multi-year, not yearly; "hàng năm" is yearly, not multi-year; "một năm" is one year.
  if (/\bmot nam\b/.test(f)) out.delete("multi_year");
  if (out.has("multi_year") && /\b(?:0?5|nam) nam\b/.test(f) && !/\b(?:hang|moi|ca|cuoi) nam\b/.test(f)) out.delete("yearly");
  return [...out];
}

// English words for the report kinds in office commands ("set deadline semi-annual 15/6").
const ENGLISH: [RegExp, Period][] = [
  [/\bnine[- ]months?\b|\b9[- ]months?\b/, "nine_months"],
  [/\bsemi-?annual\b|\b(?:6|six)[- ]months?\b|\bhalf[- ]year/, "half_year"],
  [/\bquarter(?:ly)?\b/, "quarterly"],
  [/\bmonth(?:ly)?\b/, "monthly"],
  [/\bannual\b|\byearly\b/, "yearly"],
];

/**
 * The kind of report a command names, its date already taken out: "báo cáo 6 tháng", "báo cáo
 * quý", "bao cao thang", "yearly". A bare "quý", "tháng", "năm" names its kind here.
 */
export function reportPeriodIn(text: string): Period | null {
  const f = fold(text).toLowerCase();
  const named = periodsNamedIn(f);
  for (const p of ["nine_months", "half_year", "quarterly", "monthly", "yearly"] as Period[]) if (named.includes(p)) return p;
  if (NINE.test(f)) return "nine_months";
  if (HALF.test(f) || /\bnua nam\b/.test(f)) return "half_year";
  if (/\bquy\b/.test(f)) return "quarterly";
  if (/\bthang\b/.test(f)) return "monthly";
  if (/\bnam\b/.test(f)) return "yearly";
  return ENGLISH.find(([re]) => re.test(f))?.[1] ?? null;
}

const YEAR_RANGE = new RegExp(String.raw`(?<![\d/.-])${YEAR}\s*[-–—]\s*${YEAR}(?![\d/])`, "u");
const YEAR_NAMED = new RegExp(String.raw`(?<![\p{L}])năm\s+${YEAR}(?!\d)|(?<![\d/.-])${YEAR}(?![\d/-])`, "u");

/**
 * The years a title covers: "giai đoạn 2021-2025", "năm 2025". Only years (19xx, 20xx) in order:
 * a number such as "6397-2025" of a file name is no period.
 */
export function yearSpanIn(title: string): { from: number; to: number } | null {
  const range = YEAR_RANGE.exec(title);
  if (range && Number(range[1]) <= Number(range[2])) return { from: Number(range[1]), to: Number(range[2]) };
  const year = YEAR_NAMED.exec(title);
  if (!year) return null;
  const y = Number(year[1] ?? year[2]);
  return { from: y, to: y };
}
