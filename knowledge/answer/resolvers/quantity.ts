// "Bao nhiêu", "mấy": a number that is not a date or a document number; a percent when one is asked.
import { quantity as number } from "../evidence";
import type { Resolver } from "./resolver";

export const quantity: Resolver = {
  ask: "quantity",
  find(c, q) {
    const found = number(c.sentence.text);
    if (found && /\b(phan tram|ty le)\b|%/.test(q.folded) && !/%|phần trăm/.test(found.text)) return { ...found, strength: 0.3 };
    return found;
  },
};
