// Which plans a question names: proper names in a plan's title, issuer or place ("Hồng Lĩnh",
// "Tiên Cảnh", "Sóc Trăng") that few plans share, and the plan's own kind and number ("KH 1026",
// "Chỉ thị 012"). Generic words ("công tác dân vận") name none.
import { documentReferences, kindOfNumber, leadingNumber } from "../document/references";
import type { Plan } from "../types";
import { bigrams, tokenise } from "../search/tokens";

/**
 * Runs of two to six capitalised words, e.g. "Hồng Lĩnh" in "Ủy ban nhân dân thị xã Hồng Lĩnh".
 * A longer run is a title-cased line ("Danh Mục Thủ Tục Hành Chính Ngành Xây Dựng ..."), whose
 * ordinary words would make the plan answer every question that uses them.
 */
function properNames(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(/(?:\p{Lu}[\p{Ll}\p{M}]*(?:\s+|$)){2,}/gu)) {
    const name = m[0].trim();
    if (name.split(/\s+/u).length <= MAX_NAME_WORDS) out.push(name);
  }
  return out;
}
const MAX_NAME_WORDS = 6;

/**
 * The folded bigrams of a name's adjacent words, leaving out the pairs the plan's sentences write
 * in lower case more often than capitalised: "Kết Quả" or "Nhà nước" in a title-cased line are
 * ordinary words ("kết quả", "nhà nước" all through the body), where "Nghệ An" or "Hồng Lĩnh" are
 * never uncapitalised and "Luật Bảo vệ dữ liệu" rarely.
 */
function nameBigrams(name: string, text: string): string[] {
  const words = name.split(/\s+/u);
  const out: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const pair = `${words[i - 1]} ${words[i]}`;
    const lower = pair.toLowerCase();
    const capitalised = occurrences(text, pair);
    if (lower !== pair && occurrences(text, lower, capitalised + 1) > capitalised) continue;
    out.push(...bigrams(tokenise(pair).seq));
  }
  return out;
}

/** How many times `s` occurs in `text`, counting up to `cap`. */
function occurrences(text: string, s: string, cap = Infinity): number {
  let n = 0;
  for (let i = text.indexOf(s); i >= 0 && n < cap; i = text.indexOf(s, i + s.length)) n++;
  return n;
}

export class PlanHints {
  private byBigram = new Map<string, string[]>();
  /** Plans by the leading number of their own number and symbol, with their kind. */
  private byNumber = new Map<string, { id: string; kind: string | null }[]>();

  constructor(plans: readonly Plan[]) {
    for (const p of plans) {
      const n = p.meta.number && leadingNumber(p.meta.number);
      if (n) {
        const entry = { id: p.id, kind: p.meta.kind ?? kindOfNumber(p.meta.number!) };
        const list = this.byNumber.get(n);
        if (list) list.push(entry);
        else this.byNumber.set(n, [entry]);
      }
      const names = [...properNames(p.meta.title), ...properNames(p.meta.issuer ?? ""), ...(p.meta.place ? [p.meta.place] : [])];
      // The sentences, not p.text: an answering worker's plans come without the whole text.
      const body = names.length ? p.sentences.map((x) => x.text).join("\n") : "";
      const seen = new Set(names.flatMap((n) => nameBigrams(n, body)));
      for (const b of seen) {
        const list = this.byBigram.get(b);
        if (list) list.push(p.id);
        else this.byBigram.set(b, [p.id]);
      }
    }
    // A hint must single out few plans; names many plans share point to none of them.
    const limit = Math.max(1, Math.floor(plans.length / 10));
    for (const [b, ids] of this.byBigram) if (ids.length > limit) this.byBigram.delete(b);
  }

  /** How many of the question's bigrams name each plan. */
  hits(questionBigrams: readonly string[]): Map<string, number> {
    const hits = new Map<string, number>();
    for (const b of new Set(questionBigrams)) for (const id of this.byBigram.get(b) ?? []) hits.set(id, (hits.get(id) ?? 0) + 1);
    return hits;
  }

  /** Plans the question's bigrams point to (those with the most hits), or [] when none. */
  named(questionBigrams: readonly string[]): string[] {
    const hits = new Map<string, number>();
    for (const b of new Set(questionBigrams)) for (const id of this.byBigram.get(b) ?? []) hits.set(id, (hits.get(id) ?? 0) + 1);
    if (hits.size === 0) return [];
    const best = Math.max(...hits.values());
    return [...hits].filter(([, n]) => n === best).map(([id]) => id);
  }

  /**
   * Plans the question refers to by kind and number ("Theo KH 1026 của Nghệ An"): a plan whose own
   * number starts with that number and whose kind is the one named ("văn bản số ..." names any kind).
   */
  referenced(question: string): string[] {
    const out = new Set<string>();
    for (const r of documentReferences(question)) {
      for (const e of this.byNumber.get(r.number) ?? []) if (r.kind === null || e.kind === null || e.kind === r.kind) out.add(e.id);
    }
    return [...out];
  }
}
