// An obligation's due dates for nudging: the plan's own dates, plus dates the office set by chat for
// periods the plan states without a date ("đặt hạn báo cáo 6 tháng 15/6"). Never an invented date.
import { occurrences, type Occurrence } from "../../knowledge/occurrences";
import { officeItemsThatApply } from "../../knowledge/answer/office-dates";
import type { ScheduleItem } from "../../knowledge/types";

export interface DatedOccurrence extends Occurrence {
  /** True when the date comes from the office, not from the plan's text. */
  setByOffice: boolean;
}



/** Occurrences whose last day is within [from, to], the plan's first, marked with where the date came from. */
export function datedOccurrences(
  schedule: ScheduleItem[],
  office: ScheduleItem[],
  from: string,
  to: string,
  validity: { from: number; to: number } | null,
): DatedOccurrence[] {
  const own = occurrences(schedule, from, to, validity).map((o) => ({ ...o, setByOffice: false }));
  const extra = officeItemsThatApply(schedule, office);
  if (extra.length === 0) return own;
  const set = occurrences(extra, from, to, validity).map((o) => ({ ...o, setByOffice: true }));
  return [...own, ...set].sort((a, b) => (a.lastDay < b.lastDay ? -1 : a.lastDay > b.lastDay ? 1 : 0));
}
