// Dates an office set for periods a plan states without a date ("đặt hạn báo cáo 6 tháng 15/6",
// stored by the bot). knowledge/ does not read them; the caller passes them with the question, and
// a deadline answer uses one only where the plan's own schedule has no date for that period.
import type { Due, Period, ScheduleItem } from "../types";

export interface OfficeDate {
  planId: string;
  obligationId: string;
  period: Period;
  due: Due;
}

/** The office's items that apply to a schedule: only for periods the plan itself leaves undated. */
export function officeItemsThatApply(schedule: ScheduleItem[], office: ScheduleItem[]): ScheduleItem[] {
  const dated = new Set<Period>(schedule.filter((i) => i.due).map((i) => i.period));
  return office.filter((i) => i.due && !dated.has(i.period));
}

/** Office dates by `${planId}|${obligationId}`, as schedule items. */
export function officeSchedulesOf(dates: readonly OfficeDate[] | undefined): Map<string, ScheduleItem[]> {
  const out = new Map<string, ScheduleItem[]>();
  for (const d of dates ?? []) {
    const k = `${d.planId}|${d.obligationId}`;
    out.set(k, [...(out.get(k) ?? []), { period: d.period, due: d.due }]);
  }
  return out;
}
