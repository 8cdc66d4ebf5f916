// The answering engine with the office's own dates: each question is answered with the dates
// coordinators set by chat for periods a plan leaves undated ("đặt hạn báo cáo 6 tháng 15/6"),
// read from the store on every turn (several replicas may share it), so the answer gives that
// date and says the office set it, not the plan.
import { numericDates } from "../../knowledge/time";
import type { OfficeDate } from "../../knowledge/answer/office-dates";
import type { Answer } from "../../knowledge/types";
import type { Answerer } from "../core/answerer";
import { officeSchedules } from "../nudges/office-deadlines";
import type { DbQuery } from "../storage/db";

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

/**
 * An office date never hides a date the plan states: when the answer with the office's dates rests
 * on another passage than the answer without them, and that one is answered with a stated date
 * ("trước ngày 10/6"), the plan's answer is given.
 */
export function officeAwareAnswerer(engine: OfficeAwareEngine, db: DbQuery): Answerer {
  return {
    async answer(question, o) {
      const officeDates = await loadOfficeDates(db);
      const withOffice = await engine.answer(question, { ...o, officeDates });
      if (officeDates.length === 0 || !withOffice.answered) return withOffice;
      const plain = await engine.answer(question, o);
      const samePassage = plain.citations[0]?.section === withOffice.citations[0]?.section && plain.citations[0]?.plan === withOffice.citations[0]?.plan;
      const stated = plain.answered && (plain.next != null || numericDates(plain.text).length > 0);
      return !samePassage && stated ? plain : withOffice;
    },
  };
}
