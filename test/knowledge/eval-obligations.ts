// Scoring extracted obligations against an eval file (obligations.jsonl): an item is found when an
// obligation of its plan quotes the key and has a responsible unit containing the expected phrase,
// the expected recipient (or none), and every expected period with its due date.
import { z } from "zod";
import { formatDue } from "../../knowledge/occurrences";
import type { Obligation, Plan } from "../../knowledge/types";
import { key } from "../../knowledge/vietnamese";

export const EvalItem = z.object({
  plan: z.string(),
  key: z.string(),
  responsible: z.string().nullable(),
  recipient: z.string().nullable(),
  schedule: z.array(z.object({ period: z.string(), due: z.string().nullable() })),
});
export type EvalItem = z.infer<typeof EvalItem>;

export function parseEval(jsonl: string): EvalItem[] {
  return jsonl
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => EvalItem.parse(JSON.parse(l)));
}

export function matches(item: EvalItem, o: Obligation): string[] {
  const problems: string[] = [];
  if (item.responsible && !o.responsible.some((r) => key(r).includes(key(item.responsible!)))) problems.push(`responsible ${JSON.stringify(o.responsible)}`);
  if (item.recipient === null ? o.recipient !== null : !o.recipient || !key(o.recipient).includes(key(item.recipient))) problems.push(`recipient ${o.recipient}`);
  // Every expected period with its due date must be there (the eval lists a sample of what the text says).
  const got = o.schedule.map((s) => `${s.period}@${s.due ? formatDue(s.due) : "-"}`);
  const missing = item.schedule.map((s) => `${s.period}@${s.due ?? "-"}`).filter((s) => !got.includes(s));
  if (missing.length) problems.push(`schedule ${got.join(",")} misses ${missing.join(",")}`);
  return problems;
}

/** For each item: null when found, else why not. */
export function score(items: EvalItem[], plans: Plan[]): (string | null)[] {
  return items.map((item) => {
    const plan = plans.find((p) => p.id === item.plan);
    if (!plan) return `plan ${item.plan} not loaded`;
    const candidates = plan.obligations.filter((o) => key(o.quote).includes(key(item.key)));
    if (!candidates.length) return `no obligation quotes "${item.key}"`;
    const results = candidates.map((o) => matches(item, o));
    if (results.some((r) => r.length === 0)) return null;
    return results.map((r) => r.join("; ")).join(" | ");
  });
}
