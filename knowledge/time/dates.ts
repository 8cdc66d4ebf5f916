// Dates in a clause and what they are: a due date ("trước ngày 10/6", "chậm nhất ngày 06 (sáu)
// tháng 06 (sáu)", "trước ngày 15 của tháng", "ngày 05 tháng cuối cùng của mỗi quý"), the date of
// a cited document ("Chỉ thị số 03/CT-UBND ngày 24/01/2022"), or a date from which something
// applies ("có hiệu lực từ 01/7/2023"). Only due dates become deadlines.
import type { Due, Period } from "../types";
import { numericDates, WORD_NUM } from "./grammar";

export type DateKind = "due" | "citation" | "effective" | "plain";

export interface FoundDate {
  /** Span of the date words including the cue ("trước ngày 10/6"). */
  start: number;
  end: number;
  kind: DateKind;
  due: Due;
  /** The period a relative date implies: "ngày 15 của tháng" -> monthly, "tháng cuối quý" -> quarterly. */
  implied?: Period;
}

const RELATIVE_RE = new RegExp(String.raw`ngày\s+(\d{1,2})${WORD_NUM}\s+(?:của\s+)?tháng\s+(cuối|đầu)(?:\s+cùng)?\s+(?:của\s+)?(?:mỗi\s+|các\s+|hàng\s+|hằng\s+|từng\s+)?(quý|năm|kỳ)`, "gu");
const LONG_RE = new RegExp(String.raw`ngày\s+(\d{1,2})${WORD_NUM}\s+tháng\s+(\d{1,2})${WORD_NUM}(?:\s*(?:năm|\/)\s*(\d{4}))?`, "gu");
const MONTHLY_RE = new RegExp(String.raw`ngày\s+(\d{1,2})${WORD_NUM}\s+(?:của\s+)?(?:(?:hàng|hằng|mỗi|các)\s+)?tháng(?!\s*(?:\d|cuối|đầu|\())`, "gu");
const BARE_DAY_RE = /ngày\s+(\d{1,2})(?![\d/]|\s*(?:\(|tháng|của|hàng|hằng|mỗi|năm))/gu;

const CUE_RE = /(?:^|[\s(,;:])((trước|chậm nhất(?:\s+là)?|không quá|không muộn hơn|hạn chót(?:\s+là)?|thời hạn|hạn|trong|vào|đến|từ|kể từ|có hiệu lực(?:\s+thi hành)?(?:\s+kể)?\s+từ|hiệu lực từ)(?:\s+(?:hoặc\s+)?vào)?(?:\s+ngày)?)\s*$/u;
const DOC_WORDS_RE = /(?:luật|nghị quyết|chỉ thị|quyết định|kết luận|thông tư|nghị định|công văn|kế hoạch|chương trình|pháp lệnh|quy định|hướng dẫn|thông báo|đề án|văn bản|tờ trình|báo cáo số|số\s+\S+\/)[^;]{0,110}$/u;
const DOC_NUMBER_BEFORE_RE = /[\p{L}\d]+[/-][\p{L}\d/-]*\p{L}[\p{L}\d/-]*\s*,?\s*(?:ngày\s*)?$/u;

function classify(lower: string, start: number, end: number): { kind: DateKind; cueStart: number; before: boolean } {
  const back = lower.slice(Math.max(0, start - 40), start);
  const cue = CUE_RE.exec(back);
  if (cue) {
    const word = cue[2];
    const cueStart = start - back.length + cue.index + cue[0].indexOf(cue[1]);
    if (/từ$/u.test(word)) return { kind: "effective", cueStart, before: false };
    return { kind: "due", cueStart, before: word === "trước" };
  }
  const after = lower.slice(end, end + 12);
  if (/^\s*,?\s*(?:của|giữa)\s/u.test(after)) return { kind: "citation", cueStart: start, before: false };
  const wide = lower.slice(Math.max(0, start - 120), start);
  if (DOC_NUMBER_BEFORE_RE.test(back) || DOC_WORDS_RE.test(wide)) return { kind: "citation", cueStart: start, before: false };
  return { kind: "plain", cueStart: start, before: false };
}

/** All dates in `s`, in order. `s` should be NFC with one tone placement (normalised text). */
export function findDates(s: string): FoundDate[] {
  if (!/\d/u.test(s)) return [];
  const lower = s.toLowerCase(); // Vietnamese has no locale-specific lower case; toLowerCase is faster
  const taken: [number, number][] = [];
  const free = (a: number, b: number) => taken.every(([x, y]) => b <= x || a >= y);
  const out: FoundDate[] = [];
  const add = (start: number, end: number, due: Omit<Due, "before" | "text">, implied?: Period) => {
    if (!free(start, end)) return;
    taken.push([start, end]);
    const c = classify(lower, start, end);
    out.push({ start: c.cueStart, end, kind: c.kind, due: { ...due, before: c.before, text: s.slice(c.cueStart, end) }, implied });
  };
  for (const m of lower.matchAll(RELATIVE_RE)) {
    const day = Number(m[1]);
    if (day < 1 || day > 31) continue;
    const edge = m[2] === "cuối" ? "last" : "first";
    if (m[3] === "năm") add(m.index, m.index + m[0].length, { day, month: edge === "last" ? 12 : 1 }, "yearly");
    else add(m.index, m.index + m[0].length, { day, monthInPeriod: edge }, m[3] === "quý" ? "quarterly" : "half_year");
  }
  // Day, month and an optional year, in words ("ngày 29 tháng 12 năm 2022") or digits ("10/6/2023").
  const addDayMonth = (found: { index: number; length: number; day: number; month: number; year?: number }[]) => {
    for (const { index, length, day, month, year } of found) {
      if (day < 1 || day > 31 || month < 1 || month > 12) continue;
      add(index, index + length, year ? { day, month, year } : { day, month });
    }
  };
  addDayMonth([...lower.matchAll(LONG_RE)].map((m) => ({ index: m.index, length: m[0].length, day: Number(m[1]), month: Number(m[2]), year: m[3] ? Number(m[3]) : undefined })));
  for (const m of lower.matchAll(MONTHLY_RE)) {
    const day = Number(m[1]);
    if (day < 1 || day > 31) continue;
    add(m.index, m.index + m[0].length, { day }, "monthly");
  }
  addDayMonth(numericDates(lower));
  // "(trước ngày 25)": a day alone, only with a deadline cue; it needs a period to mean anything.
  for (const m of lower.matchAll(BARE_DAY_RE)) {
    const day = Number(m[1]);
    if (day < 1 || day > 31 || !free(m.index, m.index + m[0].length)) continue;
    const c = classify(lower, m.index, m.index + m[0].length);
    if (c.kind !== "due") continue;
    taken.push([m.index, m.index + m[0].length]);
    out.push({ start: c.cueStart, end: m.index + m[0].length, kind: "due", due: { day, before: c.before, text: s.slice(c.cueStart, m.index + m[0].length) } });
  }
  out.sort((a, b) => a.start - b.start);
  // "trước ngày 10/6 và 10/12": a date listed right after a due date is due the same way.
  for (let i = 1; i < out.length; i++) {
    const prev = out[i - 1];
    const d = out[i];
    if (prev.kind !== "due" || !/^\s*(?:,|và|hoặc|;)\s*(?:ngày\s*)?$/u.test(lower.slice(prev.end, d.start))) continue;
    // A document's date says whose it is right after it ("10/12 của UBND tỉnh").
    if (d.kind !== "plain" && (d.kind !== "citation" || /^\s*,?\s*(?:của|giữa)\s/u.test(lower.slice(d.end, d.end + 12)))) continue;
    out[i] = { ...d, kind: "due", due: { ...d.due, before: prev.due.before } };
  }
  return out;
}

/**
 * A month or quarter named without a day: "tháng 6/2025", "trong tháng 12", "vào quý IV/2025",
 * "Quý II năm 2025". It says when a one-off task is due but gives no day, so it never becomes a
 * Due (a day would be invented); the schedule records the period with due null.
 */
export interface NamedTime {
  start: number;
  end: number;
}

const NAMED_TIME_RE =
  /(?<![\p{L}\d])(?:(?:trong|vào|trước|đến|hết|cuối|đầu|giữa)\s+)?(?:tháng\s+(\d{1,2})(?:\s*\/\s*|\s+năm\s+)\d{4}|quý\s+(?:i{1,3}|iv|[1-4])(?:\s*\/\s*|\s+năm\s+)\d{4}|(?:trong|vào|đến|hết)\s+(?:tháng\s+\d{1,2}|quý\s+(?:i{1,3}|iv|[1-4]))(?![\p{L}\d\/]))/gu;

/** Named months and quarters in `lower` (lower case), not those of a cited document ("Kế hoạch số 45/KH-UBND tháng 6/2025"). */
export function findNamedTimes(lower: string): NamedTime[] {
  if (!/tháng|quý/u.test(lower)) return [];
  const out: NamedTime[] = [];
  for (const m of lower.matchAll(NAMED_TIME_RE)) {
    if (m[1] !== undefined && (Number(m[1]) < 1 || Number(m[1]) > 12)) continue;
    const back = lower.slice(Math.max(0, m.index - 40), m.index);
    // "từ tháng 6/2025" is when something starts, not a deadline.
    if (/(?:ngày(?:\s+\d{1,2}(?:\s*\([\p{L}\s]{1,15}\))?)?|từ)\s*$/u.test(back) || DOC_NUMBER_BEFORE_RE.test(back)) continue;
    out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}
