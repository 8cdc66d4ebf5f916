// Anything else: the sentence itself is the answer; how well it covers the question decides.
import type { Resolver } from "./resolver";

export const content: Resolver = { ask: "content", find: (c) => ({ start: 0, end: c.sentence.text.length, text: "", strength: 1 }) };
