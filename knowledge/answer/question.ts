// Understanding a question: its language, its words in plan vocabulary, the periods it names and
// its content terms. What it asks for is read from these by ask.ts (asksOf).
import type { Period } from "../types";
import { fold, hasDiacritics, normaliseTones, syllables } from "../vietnamese";
import { bigrams, tokenise } from "../search/tokens";
import { periodsNamedIn } from "../time";
import { ABBREVIATIONS } from "../search/abbreviations";
import { COLLOQUIAL_RULES, ENGLISH_RULES, QUESTION_PHRASES, STOP_ENGLISH, STOP_FOLDED, STOP_MARKED } from "./lexicon";

export interface Question {
  raw: string;
  language: "vi" | "en";
  /** The question in plan vocabulary (English and colloquial forms replaced), for search. */
  canonical: string;
  /** Folded canonical text, single-spaced. */
  folded: string;
  periods: Period[];
  /** Folded content syllables (question words and fillers removed), numbers normalised. */
  terms: string[];
  /** Bigrams of adjacent content syllables. */
  termBigrams: string[];
  /**
   * Terms typed with diacritics, with the marked form: they match only that form ("lương" is
   * not "lượng", though both fold to "luong"). Terms typed without marks match any.
   */
  marks: Map<string, string>;
  /** Numbers in the question ("6", "2023"). */
  numbers: string[];

}

// English words that are not Vietnamese syllables, to tell an English question from Vietnamese
// typed without diacritics ("the" and "to" are left out: they fold from "thế", "tổ").
const ENGLISH_MARKERS = new Set(
  "when who whom whose what which where why how is are was does did do the report reports due deadline plan plans annual yearly month months monthly quarterly year send submit responsible compile compiles signed sign should must will according of for".split(" "),
);

// The shape of a Vietnamese syllable written without marks: onset, vowels, allowed coda.
const VI_SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$/;

export function detectLanguage(q: string): "vi" | "en" {
  if (hasDiacritics(q)) return "vi";
  const words = q.toLowerCase().match(/[a-z]+/g) ?? [];
  if (words.length === 0) return "vi";
  // English: marker words, and words no Vietnamese syllable looks like ("complaints", "and").
  const english = words.filter((w) => ENGLISH_MARKERS.has(w) || !VI_SYLLABLE.test(w)).length;
  return english >= 2 && english / words.length >= 0.4 ? "en" : english / words.length >= 0.5 ? "en" : "vi";
}

/** Replace English and colloquial forms with plan words (keeps the original when nothing applies). */
export function canonicalise(q: string, language: "vi" | "en"): string {
  let s = normaliseTones(q).toLowerCase();
  if (language === "en") for (const [re, vi] of ENGLISH_RULES) s = s.replace(re, ` ${vi} `);
  // Colloquial rules match folded text; apply them on a folded copy only where they hit.
  for (const [re, vi] of COLLOQUIAL_RULES) {
    const f = fold(s);
    let out = "";
    let last = 0;
    re.lastIndex = 0;
    for (const m of f.matchAll(re)) {
      out += s.slice(last, m.index) + ` ${vi} `;
      last = m.index! + m[0].length;
    }
    s = out + s.slice(last);
  }
  return s.replace(/\s+/g, " ").trim();
}

const has = (f: string, re: RegExp) => re.test(f);

/** The recurrences a question (or a sentence) names: the one time grammar (knowledge/time). */
export const detectPeriods = (folded: string): Period[] => periodsNamedIn(folded);

/** The periods a question names; "quý" typed with its mark is a quarter (folded "quy" is also "quy chế"). */
function questionPeriods(raw: string, folded: string): Period[] {
  const out = detectPeriods(folded);
  if (!out.includes("quarterly") && /(?<![\p{L}])quý(?![\p{L}])/u.test(normaliseTones(raw).toLowerCase())) out.push("quarterly");
  return out;
}

// "ký" (sign) folds like "kỳ" (period) and the "ký" of "đăng ký" (register).
const KY_NOT_SIGN = /\b(dinh|giua|dang|hoc|nhiem|moi|cuoi|dau|tung|mot|hai|cac|thoi) ky\b|\bky (bao cao|hop|hoc|niem)\b/g;

/** Whether the question is about signing: "ký" as typed, or "ky" that is not a period or "đăng ký". */
export function aboutSigning(raw: string, folded: string): boolean {
  if (hasDiacritics(raw)) return /(?<![\p{L}])(ký|kí)(?![\p{L}])/u.test(normaliseTones(raw).toLowerCase()) && !/đăng (ký|kí)/u.test(raw.toLowerCase());
  return /\bky\b/.test(folded.replace(KY_NOT_SIGN, " "));
}

/**
 * Content syllables of a question, in runs broken where question words were dropped. Stop words
 * are judged on the syllable as typed: "hội" stays while "hỏi" goes; without diacritics only
 * forms no plan word folds to are dropped.
 */
export function contentSegments(canonical: string, english = false): string[][] {
  return keptSegments(canonical, english).map((seg) => tokenise(seg).seq);
}

/** The content words of a question as typed (marks kept), for the marked-form check. */
function contentText(canonical: string, english: boolean): string {
  return keptSegments(canonical, english).join(" ");
}

// English function words are dropped only from English questions: "to", "an", "do" fold from
// Vietnamese words too ("tổ chức", "an ninh", "đô thị").
function keptSegments(canonical: string, english: boolean): string[] {
  const marked = hasDiacritics(canonical);
  let text = ` ${normaliseTones(canonical).toLowerCase().replace(/[^\p{L}\p{M}\p{N}/\-]+/gu, " ")} `;
  const foldedText = fold(text);
  // Remove question phrases at the same offsets in the marked text (fold keeps the length).
  const cuts: [number, number][] = [];
  for (const p of QUESTION_PHRASES) {
    let i = foldedText.indexOf(` ${p} `);
    while (i >= 0) {
      cuts.push([i + 1, i + 1 + p.length]);
      i = foldedText.indexOf(` ${p} `, i + 1);
    }
  }
  for (const [a, b] of mergeCuts(cuts)) text = text.slice(0, a) + "|" + text.slice(b);
  return text.split("|").map((seg) => {
    const kept = syllables(seg).filter((s) => {
      if (english && STOP_ENGLISH.has(s)) return false;
      if (marked) return !STOP_MARKED.has(s);
      return !STOP_FOLDED.has(fold(s));
    });
    return kept.join(" ");
  });
}

/** "bc nam cchc" -> "bao cao nam cai cach hanh chinh": kinds and periods read the words. */
function expandAbbreviations(folded: string): string {
  return folded
    .split(" ")
    .map((w) => (Object.hasOwn(ABBREVIATIONS, w) ? fold(ABBREVIATIONS[w]) : w))
    .join(" ");
}

/** Overlapping cuts ("thời hạn" and "hạn nộp" in "thời hạn nộp") joined, last first. */
function mergeCuts(cuts: [number, number][]): [number, number][] {
  const merged: [number, number][] = [];
  for (const [a, b] of [...cuts].sort((x, y) => x[0] - y[0])) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged.reverse();
}

export function understand(raw: string): Question {
  const language = detectLanguage(raw);
  const canonical = canonicalise(raw, language);
  const folded = expandAbbreviations(fold(canonical).toLowerCase().replace(/[^\p{L}\p{N}/\- ]+/gu, " ").replace(/\s+/g, " ").trim());
  const segments = contentSegments(canonical, language === "en");
  const terms = segments.flat();
  const termBigrams = segments.flatMap((seg) => bigrams(seg));
  const marks = new Map<string, string>();
  for (const m of tokenise(segments.length ? contentText(canonical, language === "en") : "").marked) marks.set(fold(m), m);
  const numbers = terms.filter((t) => /^\d/.test(t));
  return {
    raw,
    language,
    canonical,
    folded,
    periods: questionPeriods(raw, folded),
    terms: [...new Set(terms)],
    termBigrams: [...new Set(termBigrams)],
    marks,
    numbers: [...new Set(numbers)],
  };
}
