// Recurrence words in a clause: "hằng tháng", "hàng quý", "6 tháng", "9 tháng", "hàng năm",
// "cuối năm", "05 năm", "đột xuất", and lists such as "6 tháng, năm" or "quý, 6 tháng và năm"
// where a bare "năm"/"quý" continues the list. Dates must be masked out first.
// Text typed without marks ("hang quy") is read with the folded patterns (grammar.ts).
import type { Period } from "../types";
import { fold } from "../vietnamese";
import { EACH, hasMarks, NA, NB, NINE_MONTHS, NOT_YEAR, SIX_MONTHS, twoWay, type TwoWay } from "./grammar";

export interface FoundPeriod {
  start: number;
  end: number;
  period: Period;
}

/** What a pattern needs beyond its match: text with marks only, and a test of the text around it. */
interface PatternRule {
  /** Never read from text typed without marks (where "ngay" may be "ngày"). */
  markedOnly?: boolean;
  /** Whether the match at `at` counts. */
  when?: (masked: string, at: number) => boolean;
}

const TRIGGER_RE = /(?:^|[\s,;(])(?:khi|trường hợp|nếu)\s/u;
// "ngay" is a rule when an event sets it off ("Khi phát hiện sai sót, ... báo cáo ngay", "ngay sau lũ");
// alone it is urgency ("cần thực hiện ngay"), as "khẩn trương" is.
const AFTER_EVENT: PatternRule = { markedOnly: true, when: (masked, at) => TRIGGER_RE.test(masked.slice(0, at)) || /^ngay\s+(?:sau|khi)\s/u.test(masked.slice(at)) };

// Each pattern with words one of which must occur for it to match: a cheap test before the regex.
const PATTERNS: [Period, TwoWay, string[], PatternRule][] = (<[Period, string, string[], PatternRule?][]>[
  ["ad_hoc", `${NB}(?:đột xuất|khi có yêu cầu|khi được yêu cầu|khi cấp trên yêu cầu)${NA}`, ["đột xuất", "yêu cầu"]],
  // A limit in working days or hours is a rule whatever follows it ("Cấp Giấy chứng nhận ... không
  // quá 03 ngày làm việc;", "trong thời gian 03 ngày làm việc (24 giờ làm việc)", "không muộn hơn 08
  // giờ làm việc"); other day counts need an anchor ("kể từ", "sau khi", ...): "tổ chức trong 02 ngày" is a length.
  ["ad_hoc", NB + String.raw`(?:trong thời (?:hạn|gian)|không quá|không muộn hơn|tối đa|chậm nhất(?:\s+là)?)(?:\s+(?:không quá|tối đa|là))?\s+\d{1,3}\s+(?:\(\p{L}+(?:\s\p{L}+)?\)\s+)?(?:ngày|giờ)\s+làm việc` + NA, ["làm việc"]],
  // A rule relative to an event, kept as a rule with no date: "chậm nhất 20 ngày làm việc kể từ ngày
  // nhận được", "chậm nhất là 30 ngày, trước ngày khai mạc kỳ họp", "trong vòng 30 ngày kể từ", "trước 10 ngày".
  ["ad_hoc", NB + String.raw`(?:(?:chậm nhất(?:\s+là)?(?:\s+trong)?(?:\s+vòng)?|trong vòng|trong thời (?:hạn|gian)|trong|sau|trước|không quá|không muộn hơn|tối đa)(?:\s+(?:không quá|tối đa|chậm nhất|là))?)\s+\d{1,3}\s+(?:\(\p{L}+(?:\s\p{L}+)?\)\s+)?(?:ngày|giờ)(?:\s+làm việc)?` + NA + String.raw`(?=\s*,?\s*(?:kể|kê|tính|trước|sau|từ|khi|\(|$)|.{0,80}(?:kể từ|tính từ|khai mạc|sau khi|nhận được))`, ["0 ngày", "1 ngày", "2 ngày", "3 ngày", "4 ngày", "5 ngày", "6 ngày", "7 ngày", "8 ngày", "9 ngày", ") ngày", " giờ"]],
  // "báo cáo ngay", "áp dụng ngay các biện pháp", "ngay sau khi": at once, when the event occurs (not
  // "ngay cả", "ngay tại", "ngay từ", nor "không phải ngay", "chưa đáp ứng ngay").
  ["ad_hoc", `${NB}ngay(?<!(?:không|chưa)(?:\\s+\\p{L}+){0,3}\\s+ngay)(?:\\s+(?:sau khi|khi|lập tức))?${NA}(?!\\s+(?:cả|tại|từ|trong|trên|dưới|bên|đến|bây giờ|\\d))`, ["ngay"], AFTER_EVENT],
  ["half_year", `${NB}${SIX_MONTHS}(?:\\s+(?:đầu|cuối)\\s+năm)?${NA}${NOT_YEAR}|${NB}nửa năm${NA}|${NB}bán niên${NA}`, ["tháng", "nửa năm", "bán niên"]],
  ["nine_months", `${NB}${NINE_MONTHS}(?:\\s+đầu\\s+năm)?${NA}${NOT_YEAR}`, ["tháng"]],
  ["multi_year", `${NB}(?:0?[2-9]|10|năm)\\s*(?:\\([\\p{L}]{1,5}\\)\\s*)?năm${NA}${NOT_YEAR}|${NB}(?:mỗi|cuối|hết|giữa|từng)\\s+(?:giai đoạn|nhiệm kỳ)${NA}${NOT_YEAR}|${NB}(?:sơ kết|tổng kết)\\s+giai đoạn${NA}${NOT_YEAR}`, ["năm", "giai đoạn", "nhiệm kỳ"]],
  ["quarterly", `${NB}(?:${EACH}|định kỳ|báo cáo|cuối|cuối mỗi)\\s+quý${NA}(?!\\s*(?:\\d|I|II|III|IV)${NA})|${NB}quý một lần${NA}`, ["quý"]],
  ["monthly", `${NB}(?:${EACH}|định kỳ|báo cáo)\\s+tháng${NA}${NOT_YEAR}`, ["tháng"]],
  ["yearly", `${NB}(?:hàng|hằng|mỗi|cả|cuối|báo cáo|định kỳ|tổng kết|sơ kết)\\s+năm${NA}${NOT_YEAR}|${NB}(?:một|01|1)\\s+năm\\s+(?:một|01|1)\\s+lần${NA}|${NB}thường niên${NA}`, ["năm", "thường niên"]],
]).map(([period, source, words, rule]) => [period, twoWay(source.split(NB).join("")), words, rule ?? {}]);
// Every alternative above starts with NB (no letter or digit before). The lookbehind is taken out of
// the compiled patterns (at the start it makes V8 try every alternative at every position) and
// checked on the character before each match instead.
const LETTER_OR_DIGIT = /[\p{L}\d]/u;
const PLAIN_WORDS = PATTERNS.map(([, , words, rule]) => (rule.markedOnly ? [] : words.map(fold)));

// After a period, a list continues with a bare word: "6 tháng, năm", "quý, 6 tháng và năm", "6 tháng, một năm hoặc đột xuất".
const LIST_GAP = /^(?:\s|,|\(\s*\)|(?:và|hoặc|va|hoac)(?![\p{L}]))*/u;
const LIST_WORD: [Period, TwoWay][] = [
  ["yearly", twoWay(`^(?:một năm|01 năm|cả năm|năm)${NA}${NOT_YEAR}`, "u")],
  ["quarterly", twoWay(`^quý${NA}(?!\\s*(?:\\d|I|II|III|IV)${NA})`, "u")],
  ["monthly", twoWay(`^tháng${NA}${NOT_YEAR}`, "u")],
];

/** Recurrences in `masked` (lower case, dates blanked out; with or without marks), in order. */
export function findPeriods(masked: string): FoundPeriod[] {
  const plain = !hasMarks(masked);
  const found: FoundPeriod[] = [];
  const free = (a: number, b: number) => found.every((f) => b <= f.start || a >= f.end);
  for (const [k, [period, re, words, rule]] of PATTERNS.entries()) {
    if (!(plain ? PLAIN_WORDS[k] : words).some((w) => masked.includes(w))) continue;
    const r = plain ? re.plain : re.marked;
    r.lastIndex = 0;
    for (let m; (m = r.exec(masked)); ) {
      if (m.index > 0 && LETTER_OR_DIGIT.test(masked[m.index - 1])) {
        r.lastIndex = m.index + 1;
        continue;
      }
      if (rule.when && !rule.when(masked, m.index)) continue;
      if (free(m.index, m.index + m[0].length)) found.push({ start: m.index, end: m.index + m[0].length, period });
    }
  }
  // "Định kỳ quý, ..." at a list start: "quý" after "định kỳ" was matched above; a "quý" that begins
  // a list before another period word is a period too.
  found.sort((a, b) => a.start - b.start);
  for (let i = 0; i < found.length; i++) {
    let end = found[i].end;
    for (;;) {
      const gap = LIST_GAP.exec(masked.slice(end))![0];
      // A bare space is not a list separator: "6 tháng năm 2023" is not a list.
      if (!/,|và|va|hoặc|hoac/u.test(gap)) break;
      const at = end + gap.length;
      if (found.some((f) => f.start === at)) break;
      const rest = masked.slice(at, at + 12);
      const w = LIST_WORD.find(([, re]) => (plain ? re.plain : re.marked).test(rest));
      if (!w) break;
      const len = (plain ? w[1].plain : w[1].marked).exec(rest)![0].length;
      const item = { start: at, end: at + len, period: w[0] };
      found.splice(i + 1, 0, item);
      i++;
      end = item.end;
    }
  }
  return found;
}
