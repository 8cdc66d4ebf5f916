// Deadlines: a date in the role of a deadline, a rule with a day ("trước ngày 15 hằng tháng"), a
// month or year ("trong năm 2025"), or a date the extracted obligation gives. A question that asks
// "when" loosely ("khi nào") also takes a period ("hằng năm"); one that asks for a date does not,
// and a sentence stating the asked period without a date says the plan is silent on the date.
import { strictDate } from "../ask";
import { dayRule, deadlineDate, periodWords, timeWords } from "../evidence";
import type { Candidate } from "../candidates";
import type { Question } from "../question";
import { strongest, type Fact, type Resolver } from "./resolver";

function obligationDue(c: Candidate, q: Question): Fact | null {
  for (const o of c.obligations)
    for (const s of o.schedule)
      // A due within each period ("trước ngày 10 của tháng cuối quý") is a rule with a day too.
      if (s.due && (s.due.month !== undefined || s.period !== "once") && (!q.periods.length || q.periods.includes(s.period))) {
        const at = c.sentence.text.indexOf(s.due.text);
        return { start: Math.max(0, at), end: at >= 0 ? at + s.due.text.length : 0, text: s.due.text, strength: 1, due: s.due };
      }
  return null;
}

export const deadline: Resolver = {
  ask: "deadline",
  find(c, q) {
    const text = c.sentence.text;
    const found = deadlineDate(text);
    // The date something takes effect answers "hiệu lực từ ngày nào", not when a report is due.
    const date = found && found.kind === "effective" && !/\b(hieu luc|ap dung|tu ngay|bat dau)\b/.test(q.folded) ? { ...found, strength: 0.3 } : found;
    const fact = strongest(obligationDue(c, q), date && date.strength >= 0.9 ? date : null, dayRule(text), timeWords(text), date);
    if (fact) return fact;
    // A question that names the period itself ("báo cáo 6 tháng khi nào") wants more than the period.
    if (strictDate(q) || q.periods.length) return null;
    const p = periodWords(text);
    return p ? { ...p, strength: 0.6 } : null;
  },
  silence(c, q) {
    if (c.period !== 1) return null;
    return periodWords(c.sentence.text) ?? (c.intro ? periodWords(c.intro) : null);
  },
};
