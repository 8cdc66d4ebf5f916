// Recurrence words in a clause: "hằng tháng", "hàng quý", "6 tháng", "9 tháng", "hàng năm",
// "cuối năm", "05 năm", "đột xuất", and lists such as "6 tháng, năm" or "quý, 6 tháng và năm"
// where a bare "năm"/"quý" continues the list. Dates must be masked out first.
import type { Period } from "../types";

export interface FoundPeriod {
  start: number;
  end: number;
  period: Period;
}

const NB = String.raw`(?<![\p{L}\d])`; // no letter or digit before
const NA = String.raw`(?![\p{L}\d])`; // no letter or digit after
const NOT_YEAR = String.raw`(?!\s*(?:\d|[-–]\s*\d))`; // "năm 2023" is a year, not "yearly"

// Each pattern with words one of which must occur for it to match: a cheap test before the regex.
const PATTERNS: [Period, RegExp, string[]][] = [
  ["ad_hoc", new RegExp(`${NB}(?:đột xuất|khi có yêu cầu|khi được yêu cầu|khi cấp trên yêu cầu)${NA}`, "gu"), ["đột xuất", "yêu cầu"]],
  // A rule relative to an event, kept as a rule with no date: "chậm nhất 20 ngày làm việc kể từ ngày
  // nhận được", "chậm nhất là 30 ngày, trước ngày khai mạc kỳ họp", "trong vòng 30 ngày kể từ", "trước 10 ngày".
  ["ad_hoc", new RegExp(NB + String.raw`(?:chậm nhất(?:\s+là)?(?:\s+trong)?(?:\s+vòng)?|trong vòng|trong thời hạn|trong|sau|trước)\s+\d{1,3}\s+(?:\(\p{L}+(?:\s\p{L}+)?\)\s+)?ngày(?:\s+làm việc)?` + NA + String.raw`(?=\s*,?\s*(?:kể|kê|tính|trước|sau|từ|khi|\(|$)|.{0,80}(?:kể từ|tính từ|khai mạc|sau khi|nhận được))`, "gu"), ["ngày"]],
  ["half_year", new RegExp(`${NB}(?:0?6|sáu)\\s*(?:\\(sáu\\)\\s*)?tháng(?:\\s+(?:đầu|cuối)\\s+năm)?${NA}${NOT_YEAR}|${NB}nửa năm${NA}|${NB}bán niên${NA}`, "gu"), ["tháng", "nửa năm", "bán niên"]],
  ["nine_months", new RegExp(`${NB}(?:0?9|chín)\\s*(?:\\(chín\\)\\s*)?tháng(?:\\s+đầu\\s+năm)?${NA}${NOT_YEAR}`, "gu"), ["tháng"]],
  ["multi_year", new RegExp(`${NB}(?:0?[2-9]|10|năm)\\s*(?:\\([\\p{L}]{1,5}\\)\\s*)?năm${NA}${NOT_YEAR}|${NB}(?:mỗi|cuối|hết|giữa|từng)\\s+(?:giai đoạn|nhiệm kỳ)${NA}${NOT_YEAR}|${NB}(?:sơ kết|tổng kết)\\s+giai đoạn${NA}${NOT_YEAR}`, "gu"), ["năm", "giai đoạn", "nhiệm kỳ"]],
  ["quarterly", new RegExp(`${NB}(?:hàng|hằng|mỗi|định kỳ|báo cáo|từng|cuối|cuối mỗi)\\s+quý${NA}(?!\\s*(?:\\d|I|II|III|IV)${NA})|${NB}quý một lần${NA}`, "gu"), ["quý"]],
  ["monthly", new RegExp(`${NB}(?:hàng|hằng|mỗi|định kỳ|báo cáo|từng)\\s+tháng${NA}${NOT_YEAR}`, "gu"), ["tháng"]],
  ["yearly", new RegExp(`${NB}(?:hàng|hằng|mỗi|cả|cuối|báo cáo|định kỳ|tổng kết|sơ kết)\\s+năm${NA}${NOT_YEAR}|${NB}(?:một|01|1)\\s+năm\\s+(?:một|01|1)\\s+lần${NA}|${NB}thường niên${NA}`, "gu"), ["năm", "thường niên"]],
];

// After a period, a list continues with a bare word: "6 tháng, năm", "quý, 6 tháng và năm", "6 tháng, một năm hoặc đột xuất".
const LIST_GAP = /^(?:\s|,|\(\s*\)|(?:và|hoặc)(?![\p{L}]))*/u;
const LIST_WORD: [Period, RegExp][] = [
  ["yearly", new RegExp(`^(?:một năm|01 năm|cả năm|năm)${NA}${NOT_YEAR}`, "u")],
  ["quarterly", new RegExp(`^quý${NA}(?!\\s*(?:\\d|I|II|III|IV)${NA})`, "u")],
  ["monthly", new RegExp(`^tháng${NA}${NOT_YEAR}`, "u")],
];

/** Recurrences in `masked` (lower case, dates blanked out), in order. */
export function findPeriods(masked: string): FoundPeriod[] {
  const found: FoundPeriod[] = [];
  const free = (a: number, b: number) => found.every((f) => b <= f.start || a >= f.end);
  for (const [period, re, words] of PATTERNS) {
    if (!words.some((w) => masked.includes(w))) continue;
    for (const m of masked.matchAll(re)) if (free(m.index, m.index + m[0].length)) found.push({ start: m.index, end: m.index + m[0].length, period });
  }
  // "Định kỳ quý, ..." at a list start: "quý" after "định kỳ" was matched above; a "quý" that begins
  // a list before another period word is a period too.
  found.sort((a, b) => a.start - b.start);
  for (let i = 0; i < found.length; i++) {
    let end = found[i].end;
    for (;;) {
      const gap = LIST_GAP.exec(masked.slice(end))![0];
      // A bare space is not a list separator: "6 tháng năm 2023" is not a list.
      if (!/,|và|hoặc/u.test(gap)) break;
      const at = end + gap.length;
      if (found.some((f) => f.start === at)) break;
      const rest = masked.slice(at, at + 12);
      const w = LIST_WORD.find(([, re]) => re.test(rest));
      if (!w) break;
      const len = w[1].exec(rest)![0].length;
      const item = { start: at, end: at + len, period: w[0] };
      found.splice(i + 1, 0, item);
      i++;
      end = item.end;
    }
  }
  return found;
}
