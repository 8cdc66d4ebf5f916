// "Theo mẫu nào", "phụ lục nào": a named form, annex or outline.
import { annex as named } from "../evidence";
import type { Resolver } from "./resolver";

export const annex: Resolver = { ask: "annex", find: (c) => named(c.sentence.text) };
