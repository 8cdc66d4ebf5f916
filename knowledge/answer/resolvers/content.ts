// Anything else: the sentence itself is the answer, as strong as it covers the question on its own.
import type { Resolver } from "./resolver";

export const content: Resolver = { ask: "content", find: (c) => ({ start: 0, end: c.sentence.text.length, text: "", strength: Math.max(c.own, 0.01) }) };
