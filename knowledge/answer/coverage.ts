// How well a text supports a question: the share of the question's content terms (weighted by
// rarity) that the text contains. This is the "is it really in the plan" test behind every
// answer.
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

/** Whether a text has a term: a Set's `has`, or a lookup in term ids made once per sentence. */
export type Has = (term: string) => boolean;

/** Question bigrams (and their syllables) the text has in another wording ("người dân": "Nhân dân"). */
function viaSynonyms(q: Question, has: Has): Set<string> | null {
  let out: Set<string> | null = null;
  for (const b of q.termBigrams) {
    if (has(b)) continue;
    if ((SYNONYMS.get(b) ?? []).some((a) => has(a))) for (const x of [b, ...b.split(" ")]) (out ??= new Set()).add(x);
  }
  return out;
}

/**
 * Coverage split in two: the question's words that name the asker's plan (its title, number,
 * issuer, place) and the rest. The named ones are covered by the plan's scope, so a sentence need
 * not repeat them, yet one that does says more: `ownShare` weighs them by a calibrated factor.
 */
export interface CoverageParts {
  got: number;
  total: number;
  namedGot: number;
  namedTotal: number;
}

/** A question's terms and bigrams with their weights and the form a text must have, worked out once. */
interface Weighed {
  idf: Idf;
  terms: { term: string; look: string; w: number }[];
  bigrams: { term: string; x: string; y: string; w: number }[];
}
const weighedOf = new WeakMap<Question, Weighed>();

function weighed(q: Question, idf: Idf): Weighed {
  const known = weighedOf.get(q);
  if (known && known.idf === idf) return known;
  const english = q.language === "en";
  const out: Weighed = {
    idf,
    terms: q.terms.map((t) => {
      const mark = q.marks.get(t);
      // A marked term weighs as rare as its marked form is: "lương" is rare even if "luong" is not.
      const w = Math.max(termWeight(t, idf, english), mark && !LIGHT_WORDS.has(t) ? idf(`~${mark}`) : 0);
      return { term: t, look: mark ? `~${mark}` : t, w };
    }),
    bigrams: q.termBigrams.map((b) => {
      const [x, y] = b.split(" ");
      return { term: b, x, y, w: Math.min(termWeight(x, idf, english), termWeight(y, idf, english)) };
    }),
  };
  weighedOf.set(q, out);
  return out;
}

export function coverageParts(q: Question, has: Has, idf: Idf, named?: Has): CoverageParts {
  const p: CoverageParts = { got: 0, total: 0, namedGot: 0, namedTotal: 0 };
  const alike = viaSynonyms(q, has);
  const add = (isNamed: boolean, w: number, found: boolean) => {
    if (isNamed) {
      p.namedTotal += w;
      if (found) p.namedGot += w;
    } else {
      p.total += w;
      if (found) p.got += w;
    }
  };
  const { terms, bigrams } = weighed(q, idf);
  for (const { term, look, w } of terms) add(!!named?.(term), w, has(look) || !!alike?.has(term));
  for (const { term, x, y, w } of bigrams) add(!!(named?.(x) || named?.(y)), w, has(term) || !!alike?.has(term));
  return p;
}

/** The share covered when the plan's own name words weigh `namedWeight` (0: left out). */
export function ownShare(p: CoverageParts, namedWeight: number): number {
  const total = p.total + namedWeight * p.namedTotal;
  return total > 0 ? (p.got + namedWeight * p.namedGot) / total : 0;
}

/** 0..1, the weighted share of the question's terms and bigrams the text has. */
export function coverage(q: Question, terms: Set<string> | Has, idf: Idf): number {
  return ownShare(coverageParts(q, typeof terms === "function" ? terms : (t) => terms.has(t), idf), 1);
}
