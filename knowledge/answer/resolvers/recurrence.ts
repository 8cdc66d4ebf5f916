// "Định kỳ thế nào", "bao lâu một lần", "trong khoảng thời gian nào": period words, a rule with a
// day, or a span of dates.
import { dayRule, deadlineDate, periodWords } from "../evidence";
import { from, strongest, type Resolver } from "./resolver";

export const recurrence: Resolver = {
  ask: "recurrence",
  find: (c) => strongest(periodWords(c.sentence.text), dayRule(c.sentence.text), from(deadlineDate(c.sentence.text), 0.6), from(c.intro ? periodWords(c.intro) : null, 0.8)),
};
