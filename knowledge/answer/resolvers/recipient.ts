// "Gửi về đâu", "báo cáo ai": a named body after a send verb, in the sentence, its list intro, or
// the extracted obligation's recipient.
import { recipient as named } from "../evidence";
import { from, strongest, unlessNamed, type Fact, type Resolver } from "./resolver";

export const recipient: Resolver = {
  ask: "recipient",
  find(c, q) {
    const own = named(c.sentence.text);
    const obligation = c.obligations.find((o) => o.recipient)?.recipient;
    const stated: Fact | null = obligation ? { start: 0, end: 0, text: obligation, strength: 0.9 } : null;
    return strongest(...[own, stated, from(c.intro ? named(c.intro) : null, 0.8)].map((f) => unlessNamed(q, f)));
  },
};
