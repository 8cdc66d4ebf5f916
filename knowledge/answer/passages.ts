// Choosing the sentence that answers a question among search hits: coverage of the question's
// terms in the sentence and its context (section path, plan title), plus hints of the answer's
// shape ("which decision" wants "Quyết định số ...", "how many" wants a number).
import { fold, normaliseTones } from "../vietnamese";
import type { Plan, Section, Sentence } from "../types";
import { coverage, termSet, type Idf } from "./coverage";
import type { Question } from "./question";
import { tokenise } from "../search/tokens";
import { framingTerms } from "./quantity";
import { STOP_FOLDED } from "./lexicon";

export interface Passage {
  plan: Plan;
  sentence: Sentence;
  section: Section | null;
  /** Fused search score. */
  searchScore: number;
}

export interface RankedPassage extends Passage {
  score: number;
  /** Coverage of the question by the sentence with its section path and plan title. */
  support: number;
  numbersOk: boolean;
  /** The part of the sentence to quote (whole sentence when short). */
  quote: string;
}

const UNIT_WORDS = "(uy ban|ubnd|phong|ban|van phong|so|hoi dong|dang uy|thanh uy|tinh uy|huyen uy|thi uy|mat tran|cong chuc|tu phap|thanh tra|trung tam)";

function shapeBonus(q: Question, foldedSentence: string, rawSentence: string): number {
  let bonus = 0;
  const a = q.asks;
  if (a.docType && new RegExp(`\\b${a.docType}( so)? \\d`).test(foldedSentence)) bonus += 0.25;
  if (a.place && new RegExp(`\\b${a.place} [A-ZĐ\\p{Lu}]`, "u").test(fold(rawSentence))) bonus += 0.2;
  if (a.quantity) {
    const nums = (foldedSentence.match(/\b\d+\b/g) ?? []).filter((n) => !q.numbers.includes(String(Number(n))));
    if (nums.length) bonus += 0.15;
  }
  if (a.date && q.kind !== "deadline" && dateNextToQuestion(q, rawSentence)) bonus += 0.15;
  if (a.date && /\b\d{1,2}\/\d{1,2}\b|\bngay \d{1,2} thang\b|\b(hang|moi) (nam|quy|thang)\b|\bdinh ky\b|\b\d+ thang\b|\bcuoi nam\b/.test(foldedSentence)) bonus += 0.1;
  if (q.kind === "responsible" && /\b(chu tri|giao|tham muu|phu trach|chiu trach nhiem|thuc hien)\b/.test(foldedSentence)) bonus += 0.08;
  if (q.kind === "recipient" && new RegExp(`\\b(ve|cho|gui|den|toi|bao cao) ${UNIT_WORDS}`).test(foldedSentence)) bonus += 0.15;
  const asker = askerOf(q);
  if (asker) {
    // "Thanh tra huyện báo cáo cho ai": a sentence where Thanh tra huyện receives reports is not it.
    if (new RegExp(`\\b(qua|ve|cho|den|toi|gui) ${asker}\\b`).test(foldedSentence)) bonus -= 0.25;
    else if (foldedSentence.startsWith(asker)) bonus += 0.1;
  }
  if (q.kind === "recurrence" && /\b(dinh ky|hang (nam|quy|thang)|hang nam|\d+ (thang|nam)|cuoi nam|thuong xuyen|dot xuat)\b/.test(foldedSentence)) bonus += 0.12;
  return bonus;
}

const foldedOf = (s: string) => fold(normaliseTones(s)).toLowerCase().replace(/[^a-z0-9/%]+/g, " ").trim();

/** Who reports in a "who does X report to" question: the words before the verb ("thanh tra huyen"). */
function askerOf(q: Question): string | null {
  if (q.kind !== "recipient" || q.language !== "vi") return null;
  const m = q.folded.match(/^(.+?)\s+(?:bao cao|gui|nop|chuyen|trinh)\b/);
  const words = m ? m[1].split(" ").filter((w) => !STOP_FOLDED.has(w)) : [];
  return words.length >= 2 ? words.join(" ") : null;
}

const DATE_TOKEN = /^\d{1,2}\/\d{1,2}(?:\/\d{4})?$/;

/**
 * Whether a date follows closely on words of the question ("Luật Tiếp công dân ngày 25 tháng 11
 * năm 2013" for "Luật Tiếp công dân ban hành ngày nào"): that date is likely the one asked for.
 */
export function dateNextToQuestion(q: Question, sentence: string): boolean {
  const seq = tokenise(sentence).seq;
  const bigramSet = new Set(q.termBigrams);
  let lastMatch = -100;
  for (let i = 0; i < seq.length; i++) {
    if (i + 1 < seq.length && bigramSet.has(`${seq[i]} ${seq[i + 1]}`)) lastMatch = i + 1;
    const isDate = DATE_TOKEN.test(seq[i]) || (seq[i] === "ngay" && /^\d/.test(seq[i + 1] ?? "") && seq[i + 2] === "thang");
    if (isDate && i - lastMatch <= 4 && i > lastMatch) return true;
  }
  return false;
}

/** Scores the hits; best first. */
export function rankPassages(q: Question, hits: Passage[], idf: Idf): RankedPassage[] {
  const maxSearch = Math.max(1e-9, ...hits.map((h) => h.searchScore));
  const framing = framingTerms(q);
  return hits
    .map((h) => {
      const own = coverage(q, termSet(h.sentence.text), idf, framing);
      const ctx = coverage(q, termSet(h.sentence.text, h.section?.path, h.plan.meta.title, h.plan.meta.issuer, h.plan.meta.place), idf, framing);
      const folded = foldedOf(h.sentence.text);
      const score = 0.55 * own.score + 0.25 * ctx.score + 0.2 * (h.searchScore / maxSearch) + shapeBonus(q, folded, h.sentence.text);
      return { ...h, score, support: ctx.score, numbersOk: ctx.numbersOk, quote: excerpt(h.sentence.text, q) };
    })
    .sort((a, b) => b.score - a.score);
}

const MAX_QUOTE = 480;

/** The sentence, or for a long one the run of clauses around those that hold the question's terms. */
export function excerpt(text: string, q: Question, max = MAX_QUOTE): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const clauses = clean.split(/(?<=;)\s+|(?<=\.)\s+(?=\p{Lu})/u);
  const scoreOf = (c: string) => {
    const set = termSet(c);
    let s = q.terms.filter((t) => set.has(t)).length + q.termBigrams.filter((b) => set.has(b)).length;
    if (q.asks.docType && new RegExp(`\\b${q.asks.docType}( so)? \\d`).test(foldedOf(c))) s += 2;
    return s;
  };
  const scores = clauses.map(scoreOf);
  let best = 0;
  scores.forEach((s, i) => (s > scores[best] ? (best = i) : 0));
  let lo = best;
  let hi = best;
  let len = clauses[best].length;
  // Grow towards the richer neighbour while it fits.
  for (;;) {
    const left = lo > 0 ? clauses[lo - 1] : null;
    const right = hi < clauses.length - 1 ? clauses[hi + 1] : null;
    const pickLeft = left && (!right || scores[lo - 1] >= scores[hi + 1]);
    const next = pickLeft ? left : right;
    if (!next || len + next.length + 1 > max) break;
    len += next.length + 1;
    if (pickLeft) lo--;
    else hi++;
  }
  let out = clauses.slice(lo, hi + 1).join(" ");
  if (out.length > max) out = out.slice(0, max).replace(/\s+\S*$/, "");
  return `${lo > 0 ? "… " : ""}${out}${hi < clauses.length - 1 || out.length < clauses.slice(lo, hi + 1).join(" ").length ? " …" : ""}`;
}
