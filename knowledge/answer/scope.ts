// Which plans a question names: place names and other words of a plan's title, issuer or place
// that few plans share ("Hồng Lĩnh", "Tiên Cảnh", "năm 2024").
import type { Plan } from "../types";
import { bigrams, tokenise } from "../search/tokens";

export class PlanHints {
  private byBigram = new Map<string, string[]>();

  constructor(plans: readonly Plan[]) {
    for (const p of plans) {
      const seen = new Set(bigrams(tokenise([p.meta.title, p.meta.issuer, p.meta.place].filter(Boolean).join(" \n ")).seq));
      for (const b of seen) {
        const list = this.byBigram.get(b);
        if (list) list.push(p.id);
        else this.byBigram.set(b, [p.id]);
      }
    }
    // A hint must single out few plans; words every plan shares name none of them.
    const limit = Math.max(1, Math.floor(plans.length / 10));
    for (const [b, ids] of this.byBigram) if (ids.length > limit) this.byBigram.delete(b);
  }

  /** Plans the question's bigrams point to (those with the most hits), or [] when none. */
  named(questionBigrams: readonly string[]): string[] {
    const hits = new Map<string, number>();
    for (const b of questionBigrams) for (const id of this.byBigram.get(b) ?? []) hits.set(id, (hits.get(id) ?? 0) + 1);
    if (hits.size === 0) return [];
    const best = Math.max(...hits.values());
    return [...hits].filter(([, n]) => n === best).map(([id]) => id);
  }
}
