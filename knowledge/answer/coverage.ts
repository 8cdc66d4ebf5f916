// How well a text supports a question: the share of the question's content terms (weighted by
// rarity) that the text contains. This is the "is it really in the plan" test behind every
// answer; numbers in the question must appear as such.
import { bigrams, tokenise } from "../search/tokens";
import { LIGHT_WORDS, SYNONYMS } from "./lexicon";
import type { Question } from "./question";

export type Idf = (term: string) => number;

/** The terms of a text as a set: folded syllables, extras (abbreviations, date parts) and bigrams. */
export function termSet(...texts: (string | null | undefined)[]): Set<string> {
  const out = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    const t = tokenise(text);
    for (const s of t.seq) out.add(s);
    for (const s of t.extras) out.add(s);
    for (const b of bigrams(t.seq)) out.add(b);
    for (const m of t.marked) out.add(`~${m}`);
  }
  return out;
}

// English words left untranslated in an English question are not plan words; they count little.
const ASCII_WORD = /^[a-z]+$/;
function termWeight(term: string, idf: Idf, english: boolean): number {
  const w = idf(term);
  if (LIGHT_WORDS.has(term)) return w * 0.3;
  if (english && ASCII_WORD.test(term) && w > 5) return 0.5;
  return w;
}

export interface Coverage {
  /** 0..1, weighted share of the question's terms and bigrams found. */
  score: number;
  /** Question numbers all present. */
  numbersOk: boolean;
  /** Terms of the question not found. */
  missing: string[];
}

/** Question bigrams (and their syllables) the text has in another wording ("người dân": "Nhân dân"). */
function viaSynonyms(q: Question, terms: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const b of q.termBigrams) {
    if (terms.has(b)) continue;
    if ((SYNONYMS.get(b) ?? []).some((a) => terms.has(a))) for (const x of [b, ...b.split(" ")]) out.add(x);
  }
  return out;
}

export function coverage(q: Question, terms: Set<string>, idf: Idf, ignore?: ReadonlySet<string>): Coverage {
  let total = 0;
  let got = 0;
  const alike = viaSynonyms(q, terms);
  const missing: string[] = [];
  const english = q.language === "en";
  for (const t of q.terms) {
    if (ignore?.has(t)) continue;
    const mark = q.marks.get(t);
    // A marked term weighs as rare as its marked form is: "lương" is rare even if "luong" is not.
    const w = Math.max(termWeight(t, idf, english), mark && !LIGHT_WORDS.has(t) ? idf(`~${mark}`) : 0);
    total += w;
    if ((mark ? terms.has(`~${mark}`) : terms.has(t)) || alike.has(t)) got += w;
    else missing.push(t);
  }
  for (const b of q.termBigrams) {
    const [x, y] = b.split(" ");
    if (ignore?.has(x) || ignore?.has(y)) continue;
    const w = Math.min(termWeight(x, idf, english), termWeight(y, idf, english));
    total += w;
    if (terms.has(b) || alike.has(b)) got += w;
  }
  const numbersOk = q.numbers.every((n) => ignore?.has(n) || terms.has(n));
  return { score: total > 0 ? got / total : 0, numbersOk, missing };
}
