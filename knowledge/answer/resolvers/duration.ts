// "Bao lâu", "bao nhiêu ngày": a span of time ("chậm nhất 20 ngày làm việc", "trước 10 ngày"), or a date.
import { deadlineDate, duration as span } from "../evidence";
import { from, strongest, type Resolver } from "./resolver";

export const duration: Resolver = {
  ask: "duration",
  find: (c) => strongest(span(c.sentence.text), from(deadlineDate(c.sentence.text), 0.6)),
};
