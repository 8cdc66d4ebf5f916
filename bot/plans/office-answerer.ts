// The answering engine with the office's own dates: each question is answered with the dates
// coordinators set by chat for periods a plan leaves undated ("đặt hạn báo cáo 6 tháng 15/6"),
// so the answer gives that date and says the office set it, not the plan. Several replicas may
// share the store: in a turn the dates come from the turn cache (bot/storage/turn-cache.ts), which
// drops them when any process writes office_deadlines; outside a turn, from the store.
import { numericDates } from "../../knowledge/time";
import type { OfficeDate } from "../../knowledge/answer/office-dates";
import type { Answer } from "../../knowledge/types";
import type { Answerer } from "../core/answerer";
import { officeSchedules } from "../nudges/office-deadlines";
import type { DbQuery } from "../storage/db";
import { turnCacheOf } from "../storage/turn-cache";

/** What the wrapper needs of the engine: KnowledgeEngine.answer with its officeDates option. */
export interface OfficeAwareEngine {
  answer(question: string, o: { planId?: string | null; now: Date; officeDates?: OfficeDate[] }): Promise<Answer>;
}

export async function loadOfficeDates(db: DbQuery): Promise<OfficeDate[]> {
  const out: OfficeDate[] = [];
  for (const [k, items] of await officeSchedules(db)) {
    const [planId, obligationId] = k.split("|");
    for (const i of items) if (i.due) out.push({ planId, obligationId, period: i.period, due: i.due });
  }
  return out;
}

/** The answer rests on a date the office set (its own draft, or that of another plan it names). */
function usesOfficeDate(a: Answer): boolean {
  const d = a.draft;
  // Without a draft (an engine that does not give one) it cannot be told: assume it does.
  if (!d) return true;
  return d.flags.includes("office-date") || (d.more ?? []).some((m) => m.flags.includes("office-date"));
}

/**
 * An office date never hides a date the plan states: when the answer with the office's dates rests
 * on another passage than the answer without them, and that one is answered with a stated date
 * ("trước ngày 10/6"), the plan's answer is given. The question is answered a second time only
 * when an office date was used; otherwise both answers are the same.
 */
export function officeAwareAnswerer(engine: OfficeAwareEngine, db: DbQuery): Answerer {
  return {
    async answer(question, o) {
      const cache = turnCacheOf(db);
      const officeDates = cache ? await cache.officeDates(() => loadOfficeDates(db)) : await loadOfficeDates(db);
      if (officeDates.length === 0) return engine.answer(question, o);
      const withOffice = await engine.answer(question, { ...o, officeDates });
      if (!withOffice.answered || !usesOfficeDate(withOffice)) return withOffice;
      const plain = await engine.answer(question, o);
      const samePassage = plain.citations[0]?.section === withOffice.citations[0]?.section && plain.citations[0]?.plan === withOffice.citations[0]?.plan;
      const stated = plain.answered && (plain.next != null || numericDates(plain.text).length > 0);
      return !samePassage && stated ? plain : withOffice;
    },
  };
}
