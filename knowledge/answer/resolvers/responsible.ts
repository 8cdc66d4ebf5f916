// "Ai chủ trì", "đơn vị nào": the unit at the head of the sentence or after "giao", "chủ trì",
// the obligation's responsible units, or the unit its list intro or heading names.
import { unitHead } from "../evidence";
import { headingUnit } from "../../obligations/units";
import { from, strongest, unlessNamed, type Fact, type Resolver } from "./resolver";

export const responsible: Resolver = {
  ask: "responsible",
  find(c, q) {
    const units = c.obligations.find((o) => o.responsible.length)?.responsible;
    const stated: Fact | null = units ? { start: 0, end: 0, text: units.join("; "), strength: 0.9 } : null;
    return strongest(...[unitHead(c.sentence.text), stated, from(c.intro ? unitHead(c.intro) : null, 0.8), from(c.section ? headingFact(c.section.title) : null, 0.8)].map((f) => unlessNamed(q, f)));
  },
};

function headingFact(title: string): Fact | null {
  const name = headingUnit(title);
  return name ? { start: 0, end: 0, text: name, strength: 1 } : null;
}
