// Scoring extracted obligations against a gold register, counted the way
// ../shared/eval/score_obligations.py counts: a gold obligation is found when an extracted one of
// its plan quotes its key (the gold key, or the first 55 folded characters of its quote), and right
// when one of those has its due date (and, for keyed gold, its periods, unit and recipient).
import { z } from "zod";
import type { ObligationRecord } from "../../knowledge/obligations/format";

export const GoldObligation = z.object({
  plan: z.string().optional(),
  doc: z.string().optional(),
  key: z.string().optional(),
  quote: z.string().optional(),
  due: z.string().nullable().optional(),
  responsible: z.string().nullable().optional(),
  recipient: z.string().nullable().optional(),
  schedule: z.array(z.object({ period: z.string(), due: z.string().nullable() })).optional(),
});
export type GoldObligation = z.infer<typeof GoldObligation>;

/** score.py's fold: no diacritics, lower case, "ngày 5 tháng 6 năm 2025" -> "5/6/2025", no leading zeros, no spaces or punctuation. */
export function fold(s: string): string {
  let t = (s ?? "").normalize("NFD").replace(/\p{Mn}/gu, "").replace(/đ/gu, "d").replace(/Đ/gu, "D").toLowerCase();
  t = t.replace(/(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?/gu, (_m, d: string, m: string, y?: string) => `${d}/${m}${y ? `/${y}` : ""}`);
  t = t.replace(/(?<![\p{L}\p{N}_])0(\d)(?![\p{L}\p{N}_])/gu, "$1");
  t = t.replace(/(\d)\/0(\d)/gu, "$1/$2");
  return t.replace(/[\s\-–—_.,;:()"“”'’]+/gu, "");
}

/** "05/06/2025" -> "5/6"; null when there is no day/month. */
export function dayMonth(s: string | null | undefined): string | null {
  const m = /^\s*0?(\d{1,2})\s*\/\s*0?(\d{1,2})/u.exec(s ?? "");
  return m ? `${Number(m[1])}/${Number(m[2])}` : null;
}

export interface GoldResult {
  plan: string;
  key: string;
  /** null when right; "not found" or the first candidate's fault ("due 10/12", "responsible", ...). */
  fault: string | null;
}

export function parseGold(jsonl: string): GoldObligation[] {
  return jsonl
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => GoldObligation.parse(JSON.parse(l)));
}

function fault(g: GoldObligation, o: ObligationRecord): string | null {
  const dues = new Set(o.schedule.map((s) => dayMonth(s.due)));
  const periods = new Set(o.schedule.map((s) => s.period));
  if (g.schedule) {
    for (const s of g.schedule) {
      if (!periods.has(s.period as never)) return `period ${s.period}`;
      if (s.due && !dues.has(dayMonth(s.due))) return `due ${s.due}`;
    }
  } else if (g.due && !dues.has(dayMonth(g.due))) return `due ${g.due}`;
  if (g.key) {
    if (g.responsible && !fold(o.responsible.join(" ")).includes(fold(g.responsible))) return "responsible";
    if (g.recipient && !fold(o.recipient ?? "").includes(fold(g.recipient))) return "recipient";
  }
  return null;
}

export function scoreObligations(gold: GoldObligation[], got: ObligationRecord[]): GoldResult[] {
  const folded = got.map((o) => ({ o, q: fold(o.quote) }));
  return gold.map((g) => {
    const plan = g.plan ?? (g.doc ?? "").replace(/\.txt$/u, "");
    const key = g.key ? fold(g.key) : fold(g.quote ?? "").slice(0, 55);
    const label = (g.key ?? g.quote ?? "").slice(0, 80);
    const cands = folded.filter(({ o, q }) => o.plan === plan && (q.includes(key) || (q.length >= 25 && key.includes(q)))).map(({ o }) => o);
    if (!cands.length) return { plan, key: label, fault: "not found" };
    const faults = cands.map((o) => fault(g, o));
    return { plan, key: label, fault: faults.includes(null) ? null : faults[0] };
  });
}
