// The reporting rules of the current plans: for each period kind, where the plan's own date for
// that report falls relative to the period's end ("trước ngày 10/6" for the 6-month report: the
// sixth month, last day 9). When the current plans state several, the most common one wins.
import { fold } from "../../knowledge/vietnamese";
import type { ScheduleItem } from "../../knowledge/types";
import type { DbQuery } from "../storage/db";
import { type ReportDeadline, type ReportingRules } from "./period";
import { KIND_OF_PLAN_PERIOD, type PeriodKind } from "../../knowledge/time";

const MONTHS: Record<PeriodKind, number> = { H: 6, Q: 3, Y: 12, M: 1, "9M": 12 };
const END_MONTH: Record<PeriodKind, number> = { H: 6, Q: 3, Y: 12, M: 1, "9M": 9 };

/** The deadline of one dated schedule item as a rule, or null when it says nothing usable. */
export function ruleOf(item: ScheduleItem, planId: string): { kind: PeriodKind; rule: ReportDeadline } | null {
  const kind = KIND_OF_PLAN_PERIOD[item.period];
  const due = item.due;
  if (!kind || !due) return null;
  const per = MONTHS[kind];
  let offset: number;
  if (kind === "M") offset = 0;
  else if (due.month !== undefined) {
    // Months after the period's end: up to one month after it, or before it within the period.
    offset = ((((due.month - END_MONTH[kind]) % per) + per) % per) || 0;
    if (kind === "9M") offset = due.month - 9;
    if (offset > 1) offset -= per;
  } else if (due.monthInPeriod) offset = due.monthInPeriod === "last" ? 0 : 1;
  else return null;
  if (kind === "9M" && (offset < -3 || offset > 1)) return null;
  const lastDay = due.before ? Math.max(1, due.day - 1) : due.day;
  return { kind, rule: { monthOffset: offset, lastDay, text: due.text, planId } };
}

/** The rules from the dated report obligations ("báo cáo" in the task) of the current plans. */
export async function loadReportingRules(q: DbQuery): Promise<ReportingRules> {
  const rows = await q.query<{ plan_id: string; task: string; schedule: ScheduleItem[] }>(
    "SELECT o.plan_id, o.task, o.schedule FROM obligations o JOIN plans p ON p.id = o.plan_id WHERE p.retired_at IS NULL ORDER BY o.plan_id, o.ord",
  );
  return reportingRulesOf(rows);
}

/**
 * The same rules from plans already in memory (the start has them): reading every obligation's
 * schedule back from the store again costs seconds at 1,000 plans.
 */
export function reportingRulesOfPlans(plans: readonly { id: string; obligations: readonly { task: string; schedule: ScheduleItem[] }[] }[]): ReportingRules {
  return reportingRulesOf([...plans].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).flatMap((p) => p.obligations.map((o) => ({ plan_id: p.id, task: o.task, schedule: o.schedule }))));
}

function reportingRulesOf(rows: readonly { plan_id: string; task: string; schedule: ScheduleItem[] }[]): ReportingRules {
  const votes = new Map<PeriodKind, Map<string, { rule: ReportDeadline; n: number }>>();
  for (const r of rows) {
    if (!/\bbao cao\b/.test(fold(r.task).toLowerCase())) continue;
    for (const item of r.schedule) {
      const got = ruleOf(item, r.plan_id);
      if (!got) continue;
      const byKey = votes.get(got.kind) ?? new Map();
      const key = `${got.rule.monthOffset}|${got.rule.lastDay}`;
      const v = byKey.get(key) ?? { rule: got.rule, n: 0 };
      v.n += 1;
      byKey.set(key, v);
      votes.set(got.kind, byKey);
    }
  }
  const out: ReportingRules = {};
  for (const [kind, byKey] of votes) out[kind] = [...byKey.values()].sort((a, b) => b.n - a.n)[0].rule;
  return out;
}
