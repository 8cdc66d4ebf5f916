// The answering engine with the office's own dates: each question is answered with the dates
// coordinators set by chat for periods a plan leaves undated ("đặt hạn báo cáo 6 tháng 15/6"),
// read from the store on every turn (several replicas may share it), so the answer gives that
// date and says the office set it, not the plan.
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

export function officeAwareAnswerer(engine: OfficeAwareEngine, db: DbQuery): Answerer {
  return {
    async answer(question, o) {
      return engine.answer(question, { ...o, officeDates: await loadOfficeDates(db) });
    },
  };
}
