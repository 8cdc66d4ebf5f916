// Obligation ids derived from content, so that report entries, mutes, snoozes, office-set
// deadlines and nudge keys keep pointing at the same obligation after a plan is edited elsewhere
// and re-ingested. Position-based ids ("o0", "o1") would shift when a paragraph is inserted above.
import { createHash } from "node:crypto";
import { key } from "../vietnamese";

/** "o-" + 8 hex characters of sha1(key(section title) + key(quote)). */
export function obligationIdBase(sectionTitle: string, quote: string): string {
  return `o-${createHash("sha1").update(`${key(sectionTitle)}\n${key(quote)}`).digest("hex").slice(0, 8)}`;
}

/**
 * Ids for obligations in document order: the base id, with "-2", "-3"... on the second and later
 * obligations that share it (the same sentence twice in one section).
 */
export function assignObligationIds(items: { sectionTitle: string; quote: string }[]): string[] {
  const used = new Set<string>();
  return items.map(({ sectionTitle, quote }) => {
    const base = obligationIdBase(sectionTitle, quote);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  });
}
