// The first line of a "how often" answer: every period the matching obligations state, in plan
// order ("Định kỳ: 6 tháng, hằng năm, đột xuất; tổng kết 05 năm").
import { fold } from "../vietnamese";
import type { Obligation } from "../types";
import { periodLabel, type Lang } from "./compose";

/** The plan's own words for a multi-year period ("tổng kết 05 năm"), else the period label. */
function multiYearWords(o: Obligation, lang: Lang): string {
  const m = o.quote.match(/(?:(?:sơ|tổng) kết\s+)?0?\d+\s+năm/iu);
  return m && lang === "vi" ? m[0].toLowerCase() : m ? `“${m[0]}”` : periodLabel("multi_year", lang);
}

export function scheduleSummary(obligations: Obligation[], lang: Lang): string | null {
  const regular: string[] = [];
  const other: string[] = [];
  const seen = new Set<string>();
  for (const o of obligations) {
    for (const s of o.schedule) {
      if (s.period === "once") continue;
      const label = s.period === "multi_year" ? multiYearWords(o, lang) : periodLabel(s.period, lang);
      // Dates follow on their own lines; the summary names the periods.
      const text = label;
      const k = fold(text);
      if (seen.has(k)) continue;
      seen.add(k);
      (s.period === "multi_year" ? other : regular).push(text);
    }
  }
  if (regular.length + other.length === 0) return null;
  const head = lang === "vi" ? "Định kỳ" : "Schedule";
  return `${head}: ${[regular.join(", "), other.join(", ")].filter(Boolean).join("; ")}.`;
}

const N = String.raw`(?:\d+|một|hai|ba|bốn)`;
const UNIT = String.raw`(?:ngày|tuần|tháng|quý|năm|kỳ)`;
// "6 tháng một lần", "mỗi tháng một đợt", "hằng tuần", "ít nhất 02 lần mỗi năm", "đột xuất".
const FREQUENCY = new RegExp(
  [
    String.raw`(?:định kỳ\s+)?(?:mỗi|hằng|hàng|từng)\s+${UNIT}(?:\s+(?:ít nhất\s+)?${N}\s+(?:lần|đợt))?`,
    String.raw`${N}\s+${UNIT}\s+${N}\s+lần`,
    String.raw`(?:ít nhất\s+)?${N}\s+(?:lần|đợt)\s+(?:(?:mỗi|một|trong)\s+)?${UNIT}`,
    String.raw`(?:mỗi|hằng|hàng)\s+${UNIT}\s+(?:ít nhất\s+)?${N}\s+(?:lần|đợt)`,
    String.raw`định kỳ\s+${N}\s+${UNIT}`,
    String.raw`đột xuất`,
    String.raw`thường xuyên`,
  ].join("|"),
  "giu",
);

/**
 * The frequency words of a sentence, from the clause that shares most words with the question
 * ("6 tháng một lần" in "...; Ban Thanh tra nhân dân báo cáo ... 6 tháng một lần").
 */
export function frequencyWords(sentence: string, questionTerms: readonly string[]): string | null {
  const terms = new Set(questionTerms);
  let best: { words: string; score: number } | null = null;
  for (const clause of sentence.split(/(?<=[;.])\s+/)) {
    const found = [...clause.matchAll(FREQUENCY)].map((m) => m[0].trim());
    if (found.length === 0) continue;
    const score = fold(clause).toLowerCase().split(/[^a-z0-9]+/).filter((w) => terms.has(w)).length;
    if (!best || score > best.score) best = { words: [...new Set(found)].join(", "), score };
  }
  return best ? best.words[0].toLowerCase() + best.words.slice(1) : null;
}

export function frequencyLine(words: string, lang: Lang): string {
  return lang === "vi" ? `Tần suất: ${words}.` : `Frequency: “${words}”.`;
}
