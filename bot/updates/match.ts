// Which obligation an update is about: the user's unit's obligations scored by shared syllables and
// syllable pairs with the topic, plus the period the update names. One clear winner is taken;
// several close ones are offered as a numbered choice.
import type { Period, ScheduleItem } from "../../knowledge/types";
import { fold, syllables } from "../../knowledge/vietnamese";
import type { DbQuery } from "../storage/db";
import type { PeriodWords } from "../../knowledge/time";

export interface ObligationRef {
  planId: string;
  obligationId: string;
  task: string;
  section: string;
  quote: string;
  schedule: ScheduleItem[];
}

export const MAX_CHOICES = 5;
// A topic must share at least this much with an obligation (a syllable pair, or two syllables).
const MIN_SCORE = 2;
const CLOSE = 0.75;

const STOP = new Set(["cap", "nhat", "tien", "do", "cua", "ve", "cho", "va", "cac", "nhung", "viec", "da", "dang", "o", "tai", "thang", "nam", "quy", "dau", "cuoi"]);
const ABBREVIATIONS: Record<string, string> = { bc: "bao cao", kh: "ke hoach", dv: "dan van", dvcq: "dan van chinh quyen", ubnd: "uy ban nhan dan", hn: "hoi nghi" };

const PERIOD_OF_KIND: Record<string, Period[]> = { H: ["half_year"], H1: ["half_year"], H2: ["half_year"], "9M": ["nine_months"], Y: ["yearly"] };

export async function unitObligations(q: DbQuery, unitId: number, planId: string | null): Promise<ObligationRef[]> {
  return q.query<ObligationRef>(
    `SELECT o.plan_id AS "planId", o.id AS "obligationId", o.task, o.section, o.quote, o.schedule
     FROM obligation_units ou JOIN obligations o ON o.plan_id = ou.plan_id AND o.id = ou.obligation_id
     WHERE ou.unit_id = $1 AND ($2::text IS NULL OR o.plan_id = $2)
     ORDER BY o.plan_id, o.ord`,
    [unitId, planId],
  );
}

function tokens(text: string): string[] {
  const out: string[] = [];
  for (const t of syllables(fold(text))) {
    const exp = ABBREVIATIONS[t];
    if (exp) out.push(...exp.split(" "));
    else if (!/^\d/.test(t)) out.push(t);
  }
  return out;
}

function pairs(ts: string[]): string[] {
  return ts.slice(1).map((t, i) => `${ts[i]} ${t}`);
}

export function scoreObligation(topic: string, words: PeriodWords, o: ObligationRef): number {
  const topicTokens = tokens(topic);
  const own = tokens(`${o.task} ${o.quote} ${o.section.split("›").pop() ?? ""}`);
  const ownSet = new Set(own);
  const ownPairs = new Set(pairs(own));
  let score = 0;
  for (const t of new Set(topicTokens)) if (!STOP.has(t) && ownSet.has(t)) score += 1;
  for (const p of new Set(pairs(topicTokens))) if (ownPairs.has(p)) score += 2;
  if (score > 0 && words.kind) {
    const want = PERIOD_OF_KIND[words.kind] ?? (words.kind.startsWith("Q") ? ["quarterly"] : ["monthly"]);
    if (o.schedule.some((s) => want.includes(s.period))) score += 2;
  }
  return score;
}

export type MatchResult = { kind: "one"; obligation: ObligationRef } | { kind: "several"; choices: ObligationRef[] } | { kind: "none" };

export function matchObligation(topic: string, words: PeriodWords, candidates: ObligationRef[]): MatchResult {
  if (!topic.trim() || candidates.length === 0) return { kind: "none" };
  const scored = candidates.map((o) => ({ o, s: scoreObligation(topic, words, o) })).filter((x) => x.s >= MIN_SCORE);
  if (scored.length === 0) return { kind: "none" };
  scored.sort((a, b) => b.s - a.s);
  const close = scored.filter((x) => x.s >= scored[0].s * CLOSE);
  if (close.length === 1) return { kind: "one", obligation: close[0].o };
  return { kind: "several", choices: close.slice(0, MAX_CHOICES).map((x) => x.o) };
}

/** A short label of an obligation for lists and choices. */
export function obligationLabel(o: { task: string; quote?: string }, max = 110): string {
  const t = (o.task || o.quote || "").replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
