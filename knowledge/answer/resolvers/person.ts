// "Ai là chủ tịch ...": a person's name in the sentence.
import { person as name } from "../evidence";
import type { Resolver } from "./resolver";

export const person: Resolver = { ask: "person", find: (c) => name(c.sentence.text) };
