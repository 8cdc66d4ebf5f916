// "Ai ký": a person's name in a sentence about signing, or one of the plan's signers.
import { person } from "../evidence";
import type { Resolver } from "./resolver";

export const signer: Resolver = {
  ask: "signer",
  find(c) {
    const text = c.sentence.text;
    const known = c.plan.meta.signers.find((n) => text.includes(n));
    if (known) {
      const at = text.indexOf(known);
      return { start: at, end: at + known.length, text: known, strength: 1 };
    }
    const name = person(text);
    if (!name) return null;
    return { ...name, strength: /(?<![\p{L}])(ký|kí|KT\.|TM\.|CHỦ TỊCH|Chủ tịch|Trưởng ban|Giám đốc|Bộ trưởng)/u.test(text) ? 1 : 0.4 };
  },
};
