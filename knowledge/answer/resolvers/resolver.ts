// A resolver reads one kind of fact. It declares the evidence an answer of its kind must carry and
// finds it in a candidate; the engine ranks candidates and keeps the best one that carries it.
import type { Ask } from "../ask";
import type { Candidate } from "../candidates";
import type { Found } from "../evidence";
import type { Question } from "../question";
import { coverage, type Idf } from "../coverage";
import { termsOf } from "../candidates";
import { tokenise } from "../../search/tokens";
import type { Due, Sentence } from "../../types";

/** The fact a resolver found: the words to show, how sure it is (0..1), and a due date when it gives one. */
export interface Fact extends Found {
  due?: Due;
  /** The line of the candidate's record that holds the fact, when not the sentence itself. */
  in?: Sentence;
}

export interface Resolver {
  ask: Ask;
  /** The fact an answer of this kind needs, found in the candidate (its sentence, list intro, heading or obligations), or null. */
  find(c: Candidate, q: Question): Fact | null;
  /**
   * For a candidate that speaks of what is asked without the fact ("Hằng năm ... báo cáo" asked for
   * a date): what the plan does say, so the answer can say the plan is silent on the rest.
   */
  silence?(c: Candidate, q: Question): Fact | null;
}

/** The first fact found among several readers, the strongest when several find one. */
export function strongest(...facts: (Fact | null | undefined)[]): Fact | null {
  let best: Fact | null = null;
  for (const f of facts) if (f && f.strength > 0 && (!best || f.strength > best.strength)) best = f;
  return best;
}

/** A fact read from another text than the sentence (list intro, heading), trusted a little less. */
export function from(f: Fact | null, factor: number): Fact | null {
  return f ? { ...f, strength: f.strength * factor } : null;
}

// Clauses of a long sentence: after ";" or a full stop inside it.
const CLAUSE_END = /;\s+|\.\s+(?=\p{Lu})/gu;

/**
 * The fact in the clause of the sentence that says most of the question: a sentence with several
 * dates ("báo cáo tháng trước ngày 10 hằng tháng; báo cáo 6 tháng trước ngày 30/6") answers with
 * the one next to the words asked about.
 */
export function findInSentence(r: Resolver, c: Candidate, q: Question, idf: Idf): Fact | null {
  const text = c.sentence.text;
  const bounds: number[] = [0];
  for (const m of text.matchAll(CLAUSE_END)) bounds.push(m.index! + m[0].length);
  if (bounds.length === 1) return r.find(c, q);
  bounds.push(text.length);
  let best: { fact: Fact; cover: number } | null = null;
  for (let k = 0; k + 1 < bounds.length; k++) {
    const [a, b] = [bounds[k], bounds[k + 1]];
    const clause = text.slice(a, b);
    const obligations = c.obligations.filter((o) => o.span.start - c.sentence.start < b && o.span.end - c.sentence.start > a);
    const fact = r.find({ ...c, sentence: { ...c.sentence, text: clause, start: c.sentence.start + a }, obligations }, q);
    if (!fact || fact.strength <= 0) continue;
    const cover = coverage(q, termsOf(clause), idf);
    const shifted = { ...fact, start: fact.start + a, end: fact.end + a };
    if (!best || cover > best.cover || (cover === best.cover && fact.strength > best.fact.strength)) best = { fact: shifted, cover };
  }
  const whole = r.find(c, q);
  // A fact that runs across a ";" ("các Bộ: Nông nghiệp và Môi trường; Xây dựng; ...") is read whole.
  if (best && whole && whole.start <= best.fact.start && whole.end > best.fact.end) return whole;
  return best?.fact ?? whole;
}

/** The fact in the candidate's sentence, else in another line of its record (trusted a little less). */
export function findWithRecord(r: Resolver, c: Candidate, q: Question, idf: Idf = () => 1): Fact | null {
  const own = findInSentence(r, c, q, idf);
  if ((own && own.strength >= 0.9) || !c.record.length) return own;
  let best = own;
  for (const line of c.record) {
    const f = r.find({ ...c, sentence: line, obligations: [], intro: null, record: [] }, q);
    if (f && f.strength * 0.9 > (best?.strength ?? 0)) best = { ...f, strength: f.strength * 0.9, in: line };
  }
  return best;
}

// Words that do not tell one body from another ("các Sở", "Sở Tài chính và Sở Xây dựng").
const NOT_NAME = new Set(["cac", "nhung", "va", "cua", "voi"]);

/**
 * A unit the question itself names ("báo cáo UBND tỉnh qua cơ quan nào?", "Sở Nội vụ tổng hợp báo
 * cáo cho ai?"): every syllable of it is among the question's words. The asker knows that one already,
 * so it counts for less than a body the question does not name.
 */
export function namedByQuestion(q: Question, name: string): boolean {
  const seq = tokenise(name).seq.filter((s) => !NOT_NAME.has(s));
  return seq.length >= 2 && seq.every((s) => q.terms.includes(s));
}

/** A unit fact, a third as strong when the question names that unit itself. */
export function unlessNamed(q: Question, f: Fact | null): Fact | null {
  return f && namedByQuestion(q, f.text) ? from(f, 1 / 3) : f;
}
