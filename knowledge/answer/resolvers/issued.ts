// "Ký ngày nào", "ban hành ngày nào": a full date in a sentence about signing or issuing, or the place-and-date line.
import { findDates } from "../../time";
import { normaliseTones } from "../../vietnamese";
import type { Resolver } from "./resolver";

export const issued: Resolver = {
  ask: "issued",
  find(c) {
    const text = normaliseTones(c.sentence.text).replace(/\*/g, " ");
    const d = findDates(text).find((x) => x.due.year !== undefined && x.due.month !== undefined);
    if (!d) return null;
    const about = /(?<![\p{L}])(ký|kí|ban hành)(?![\p{L}])/u.test(text) || /^\s*[\p{Lu}][\p{L}\s.-]{1,40},\s*ngày/u.test(text);
    return { start: d.start, end: d.end, text: c.sentence.text.slice(d.start, d.end).trim(), strength: about ? 1 : 0.4 };
  },
};
