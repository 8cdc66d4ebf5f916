// Search tokens for Vietnamese text: folded syllables (abbreviations expanded, numbers without
// leading zeros), folded syllable bigrams, and the syllables as typed when they carry diacritics.
// The same function serves documents and questions, so both sides always agree.
import { fold, syllables } from "../vietnamese";
import { ABBREVIATIONS } from "./abbreviations";

export interface Tokens {
  /** Folded syllables in order, abbreviations replaced by their words. */
  seq: string[];
  /** Abbreviations as written and the parts of dates ("1/7", "2023"): extra unigrams outside `seq`. */
  extras: string[];
  /** Syllables that carry diacritics, lower-cased ("quý" is not "quy"). */
  marked: string[];
}

const NUMBER = /^\d+(?:[/.-]\d+)*$/;

/** "06" -> "6", "10/06" -> "10/6", "01/7/2023" -> "1/7/2023". */
export function normaliseNumber(n: string): string {
  return n
    .split(/([/.-])/)
    .map((p) => (/^\d+$/.test(p) ? String(Number(p)) : p === "." || p === "-" ? "/" : p))
    .join("");
}

const abbrevCache = new Map<string, { folded: string[]; marked: string[] }>();
function expansion(abbr: string): { folded: string[]; marked: string[] } | undefined {
  if (!Object.hasOwn(ABBREVIATIONS, abbr)) return undefined;
  let out = abbrevCache.get(abbr);
  if (!out) {
    const words = syllables(ABBREVIATIONS[abbr]);
    abbrevCache.set(abbr, (out = { folded: words.map(fold), marked: words.filter((w) => fold(w) !== w) }));
  }
  return out;
}

// Syllables repeat endlessly across plans: fold each distinct one once.
const foldCache = new Map<string, string>();
const FOLD_CACHE_MAX = 200_000;
function foldSyllable(s: string): string {
  let f = foldCache.get(s);
  if (f === undefined) {
    f = fold(s);
    if (foldCache.size < FOLD_CACHE_MAX) foldCache.set(s, f);
  }
  return f;
}

export function tokenise(text: string): Tokens {
  const seq: string[] = [];
  const extras: string[] = [];
  const marked: string[] = [];
  for (const syl of syllables(text)) {
    if (NUMBER.test(syl)) {
      const n = normaliseNumber(syl);
      seq.push(n);
      const parts = n.split("/");
      if (parts.length === 3) extras.push(`${parts[0]}/${parts[1]}`, parts[2]);
      else if (parts.length === 2 && parts[1].length === 4) extras.push(...(parts[0].length === 4 ? parts : [parts[1]]));
      continue;
    }
    const f = foldSyllable(syl);
    const exp = expansion(f);
    if (exp) {
      extras.push(f);
      seq.push(...exp.folded);
      marked.push(...exp.marked);
      continue;
    }
    if (f !== syl) marked.push(syl);
    seq.push(f);
  }
  return { seq, extras, marked };
}

export function bigrams(seq: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < seq.length; i++) out.push(`${seq[i - 1]} ${seq[i]}`);
  return out;
}

/**
 * Index terms of a text: unigrams and bigrams of folded syllables, and "~"-prefixed marked
 * syllables. Questions typed without diacritics simply have no "~" terms.
 */
export function searchTerms(text: string): string[] {
  const t = tokenise(text);
  return [...t.seq, ...t.extras, ...bigrams(t.seq), ...t.marked.map((m) => `~${m}`)];
}

/** Weight of a term in a query: bigrams carry word meaning, marked forms only refine. */
export function termWeight(term: string): number {
  if (term.startsWith("~")) return 0.3;
  return term.includes(" ") ? 1.5 : 1;
}
