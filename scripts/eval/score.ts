// The pass rule of the eval set (../shared/eval/score.py): every answer fact appears in the
// answer text or a cited quote, folded as score.py folds (case, diacritics, spacing and
// punctuation, dates 10/6 = 10/06 = "ngày 10 tháng 6"); an unanswerable question passes when
// the answer says answered=false.
import { z } from "zod";
import { fold } from "./obligation-score";

export const evalQuestionSchema = z.object({
  id: z.string().min(1),
  plan: z.string().nullable().optional().default(null),
  question: z.string(),
  answer_facts: z.array(z.string()).optional().default([]),
  kind: z.string().optional().default("content"),
});
export type EvalQuestion = z.infer<typeof evalQuestionSchema>;

export function factFound(fact: string, text: string): boolean {
  return fold(text).includes(fold(fact));
}

/** As ../shared/eval/score.py counts: a fact may be in the answer text or in a cited quote. */
export function passes(q: EvalQuestion, answer: { answered: boolean; text: string; citations?: { quote: string }[] }): boolean {
  if (q.kind === "unanswerable") return !answer.answered;
  const hay = `${answer.text} ${(answer.citations ?? []).map((c) => c.quote).join(" ")}`;
  return answer.answered && q.answer_facts.every((f) => factFound(f, hay));
}

/** Reads a questions file: one JSON object a line; bad lines are reported with their number. */
export function parseQuestions(text: string, file: string): EvalQuestion[] {
  const out: EvalQuestion[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${i + 1}: not valid JSON; each line must be one question object.`);
    }
    const parsed = evalQuestionSchema.safeParse(json);
    if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ")}`);
    out.push(parsed.data);
  });
  return out;
}
