// The words of periods and dates, written once. Every reader of time in the project (plan
// recurrences and due dates, named months and quarters, the periods a question names, the period an
// update or a command names) builds its patterns from these pieces.
//
// Patterns are written with diacritics and compiled twice: as written, for text typed with marks,
// and folded, for text typed without them ("bao cao 6 thang"). A text with marks is never matched
// by the folded pattern, so "Nam" of a name does not read as "năm" (year) there.
import { fold } from "../vietnamese";

/** No letter or digit before / after. */
export const NB = String.raw`(?<![\p{L}\d])`;
export const NA = String.raw`(?![\p{L}\d])`;
/** "năm 2023" is a year, not "yearly"; "tháng 6/2025" is a month, not "monthly". */
export const NOT_YEAR = String.raw`(?!\s*(?:\d|[-–]\s*\d))`;
/** A number spelt out after its digits: "06 (sáu)". */
export const WORD_NUM = String.raw`(?:\s*\([\p{L}\s]{1,15}\))?`;

/** "hàng", "hằng", "mỗi", "từng": each (period). */
export const EACH = String.raw`(?:hàng|hằng|mỗi|từng)`;
/** Six months: "6 tháng", "06 (sáu) tháng", "sáu tháng". */
export const SIX_MONTHS = String.raw`(?:0?6|sáu)\s*(?:\(sáu\)\s*)?tháng`;
/** Nine months. */
export const NINE_MONTHS = String.raw`(?:0?9|chín)\s*(?:\(chín\)\s*)?tháng`;
/** A quarter by its number: "quý II", "quý 2" (group 1: the number). */
export const QUARTER_NUM = String.raw`quý\s*(iv|iii|ii|i|[1-4])`;
/** A month by its number: "tháng 9" (group 1: the number). */
export const MONTH_NUM = String.raw`tháng\s*(\d{1,2})`;
/** A year in digits. */
export const YEAR = String.raw`(20\d{2}|19\d{2})`;

export const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/** The number of a quarter written "ii" or "2". */
export function quarterNumber(s: string): number {
  return ROMAN[s.toLowerCase()] ?? Number(s);
}

/** A pattern as written (for text with marks) and folded (for text without). */
export interface TwoWay {
  marked: RegExp;
  plain: RegExp;
}

export function twoWay(source: string, flags = "gu"): TwoWay {
  return { marked: new RegExp(source, flags), plain: new RegExp(fold(source), flags) };
}

/** True when the text has a letter with a mark (cheap: no folding). */
export function hasMarks(s: string): boolean {
  return /[\u00C0-\u024F\u1E00-\u1EFF]/u.test(s);
}

/** The form of `re` that fits the text: folded when the text has no marks. */
export function pick(re: TwoWay, s: string): RegExp {
  return hasMarks(s) ? re.marked : re.plain;
}

// ---- Numeric dates ------------------------------------------------------------------------------

export interface NumericDate {
  index: number;
  length: number;
  day: number;
  month: number;
  /** The year as written (two digits become 20xx); undefined when none is written. */
  year?: number;
}

// "10/6", "10/6/2023", "10 / 6"; in chat also "10.6" and "10-6" (plans write section numbers "1.2").
const NUMERIC_SLASH = /(?<![\d/.\p{L}-])(\d{1,2})\s?\/\s?(\d{1,2})(?:\s?\/\s?(\d{4}))?(?![\d/]|\s?-\s?\p{L}|\p{L})/gu;
const NUMERIC_CHAT = /(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}|\d{2}))?(?![\d/.-])/gu;

/**
 * Day/month[/year] dates in digits. `chat` also takes "." and "-" and two-digit years, as people
 * type them in messages; documents only "/", so that section numbers ("1.2") are not dates.
 * Day and month are not checked against the calendar: the caller says what a wrong date means.
 */
export function numericDates(s: string, chat = false): NumericDate[] {
  const re = chat ? NUMERIC_CHAT : NUMERIC_SLASH;
  const out: NumericDate[] = [];
  for (const m of s.matchAll(re)) {
    const year = m[3] === undefined ? undefined : m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    out.push({ index: m.index, length: m[0].length, day: Number(m[1]), month: Number(m[2]), year });
  }
  return out;
}
