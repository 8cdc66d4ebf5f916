// Sentences: the units of retrieval and citation. A paragraph splits at ". ", "! ", "? " and
// "./." before a new sentence, never inside "10/6", "03/CT-UBND", "v.v." or an abbreviation
// such as "TM." or "TP.". Very long sentences also split at "; ".
import type { Paragraph } from "../normalise";
import type { Section, Sentence } from "../types";
import { sectionAt } from "./sections";

const ABBREVIATIONS = new Set(["v.v", "vv", "TM", "KT", "TL", "TUQ", "TP", "Tp", "ThS", "TS", "PGS", "GS", "BS", "St", "Q", "P", "ông", "bà", "đ/c", "Đ/c", "Th.S", "số", "Số", "tr", "Tr"]);
const LONG_SENTENCE = 600;

function trimmed(s: string, a: number, b: number): [number, number] | null {
  while (a < b && /\s/u.test(s[a])) a++;
  while (b > a && /\s/u.test(s[b - 1])) b--;
  return b > a ? [a, b] : null;
}

/** [start, end) of sentences within `s` (relative offsets), trimmed. */
export function splitSentences(s: string): [number, number][] {
  const out: [number, number][] = [];
  const push = (a: number, b: number) => {
    const t = trimmed(s, a, b);
    if (!t) return;
    if (t[1] - t[0] <= LONG_SENTENCE) {
      out.push(t);
      return;
    }
    // Long sentences also split at semicolons, so that a citation quotes one clause.
    let from = t[0];
    for (const m of s.slice(t[0], t[1]).matchAll(/;\s+/gu)) {
      const cut = t[0] + m.index + 1;
      if (cut - from >= 120 && t[1] - cut >= 80) {
        const piece = trimmed(s, from, cut);
        if (piece) out.push(piece);
        from = cut;
      }
    }
    const last = trimmed(s, from, t[1]);
    if (last) out.push(last);
  };
  let start = 0;
  const re = /(?:\.\/\.|\.{3}|…|[.!?])["”’)]?(?=\s+["“‘(]?[\p{Lu}\d])/gu;
  for (const m of s.matchAll(re)) {
    const end = m.index + m[0].length;
    if (m[0].startsWith(".") && m[0].length === 1) {
      const word = /(\S+)$/u.exec(s.slice(Math.max(start, m.index - 12), m.index))?.[1] ?? "";
      if (ABBREVIATIONS.has(word) || /^[\p{Lu}]$/u.test(word) || /\.\p{L}$/u.test(word)) continue;
    }
    push(start, end);
    start = end;
  }
  push(start, s.length);
  return out;
}

export function buildSentences(text: string, paragraphs: Paragraph[], sections: Section[], markerLength: Map<number, number>): Sentence[] {
  const sentences: Sentence[] = [];
  for (const p of paragraphs) {
    const from = p.start + (markerLength.get(p.start) ?? 0);
    const section = sectionAt(sections, p.start);
    for (const [a, b] of splitSentences(text.slice(from, p.end))) {
      sentences.push({ sectionId: section.id, text: text.slice(from + a, from + b), start: from + a, end: from + b });
    }
  }
  return sentences;
}
