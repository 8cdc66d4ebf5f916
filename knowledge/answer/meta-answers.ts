// Questions about the plan document itself, answered from its metadata: who signed it and when.
import type { AnswerCitation, Plan } from "../types";
import { fold } from "../vietnamese";
import { T } from "./compose";
import type { Passage } from "./passages";
import type { Question } from "./question";

export interface MetaAnswer {
  text: string;
  citations: AnswerCitation[];
}

// "16-CTr/BDVTU-UBND", "1094/QĐ-UBND": the question is about another document.
const DOC_NUMBER = /\d+\s*[-/]\s*[\p{L}]/u;

/** When the question names no plan, answer for a handful at most (naming each). */
const MAX_PLANS = 3;

export function metaAnswer(q: Question, plans: Plan[], sentencesOf: (p: Plan) => Passage[]): MetaAnswer | null {
  if (plans.length === 0 || plans.length > MAX_PLANS) return null;
  const lang = q.language;
  if (q.asks.signer) {
    const withSigners = plans.filter((p) => p.meta.signers.length);
    if (withSigners.length === 0) return null;
    const lines: string[] = [];
    const citations: AnswerCitation[] = [];
    for (const p of withSigners) {
      lines.push(T.signers(p.meta.title, p.meta.signers, lang));
      const quote = findSentence(sentencesOf(p), (s) => p.meta.signers.some((n) => s.includes(n))) ?? p.meta.signers.join(", ");
      citations.push({ plan: p.id, planTitle: p.meta.title, section: "", quote });
    }
    return { text: lines.join("\n"), citations };
  }
  const aboutIssue = q.asks.signing || /\bban hanh\b/.test(q.folded);
  if (q.asks.date && aboutIssue && !DOC_NUMBER.test(q.raw)) {
    const dated = plans.filter((p) => p.meta.date);
    if (dated.length === 0) return null;
    const lines: string[] = [];
    const citations: AnswerCitation[] = [];
    for (const p of dated) {
      const date = p.meta.date!;
      const dateline = findSentence(sentencesOf(p), (s) => matchesDate(s, date));
      lines.push(T.issued(p.meta.title, date, p.meta.place, lang));
      if (dateline) lines.push(`“${dateline}”`);
      citations.push({ plan: p.id, planTitle: p.meta.title, section: "", quote: dateline ?? date });
    }
    return { text: lines.join("\n"), citations };
  }
  return null;
}

function findSentence(passages: Passage[], test: (s: string) => boolean): string | null {
  for (const p of passages) {
    const s = p.sentence.text.replace(/\s+/g, " ").trim();
    if (test(s)) return s.length > 300 ? s.slice(0, 300) : s;
  }
  return null;
}

/** Whether a sentence writes the date "D/M/YYYY" in any usual form. */
function matchesDate(sentence: string, date: string): boolean {
  const [d, m, y] = date.split("/").map(Number);
  if (!y || !m || !d) return false;
  const f = fold(sentence).toLowerCase();
  return new RegExp(`\\bngay 0?${d} thang 0?${m} nam ${y}\\b|\\b0?${d}/0?${m}/${y}\\b`).test(f);
}
