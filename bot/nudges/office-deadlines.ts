// Deadlines set by the office by chat, for periods a plan states without a date: "đặt hạn báo cáo
// 6 tháng 15/6". The answering side reads them with officeSchedules() and datedOccurrences()
// (due-dates.ts), and then says the date was set by the office, not by the plan.
import { validDate } from "../../knowledge/occurrences";
import { numericDates, reportPeriodIn } from "../../knowledge/time";
import type { Due, Period, ScheduleItem } from "../../knowledge/types";
import { key } from "../../knowledge/vietnamese";
import { audit } from "../audit";
import type { Db, DbQuery } from "../storage/db";
import { matchObligation, type ObligationRef } from "../updates/match";

export { loadOfficeSchedules as officeSchedules } from "./nudge-state";

export interface SetDeadlineRequest {
  period: Period;
  due: Due;
  /** Any word of the message that may name a plan (its id, e.g. "honglinh-2023"). */
  words: string[];
}

export type ParseResult = { ok: true; request: SetDeadlineRequest } | { ok: false; problem: string };

const EXAMPLE = "ví dụ: đặt hạn báo cáo 6 tháng 15/6";

/** Reads the words after "đặt hạn" / "set deadline": a period and a date. */
export function parseSetDeadline(rest: string): ParseResult {
  const f = key(rest);
  // The date in the time grammar's chat form ("15/6", "15-6-2026"), or "ngày 15" alone.
  const date = numericDates(f, true)[0];
  const dayOnly = date ? null : /(?:ngay|day)\s+(\d{1,2})\b/.exec(f);
  if (!date && !dayOnly) return { ok: false, problem: `Tôi chưa thấy ngày hạn trong tin nhắn; hãy ghi ngày/tháng (${EXAMPLE}).` };
  const at = date ? date.index : dayOnly!.index;
  const lead = /(truoc|before)?\s*(?:ngay\s*)?$/.exec(f.slice(0, at))!;
  const start = at - (date ? lead[0].length : /(truoc|before)?\s*$/.exec(f.slice(0, at))![0].length);
  const end = date ? date.index + date.length : dayOnly!.index + dayOnly![0].length;
  const shown = f.slice(start, end).trim();
  const withoutDate = f.slice(0, start) + " " + f.slice(end);
  const period = reportPeriodIn(withoutDate);
  if (!period) return { ok: false, problem: `Tôi chưa rõ kỳ báo cáo nào (tháng, quý, 6 tháng, 9 tháng hay năm); ${EXAMPLE}.` };
  const before = /(?:truoc|before)\s*(?:ngay\s*)?$/.test(f.slice(0, at));
  const day = date ? date.day : Number(dayOnly![1]);
  const month = date?.month;
  const year = date?.year;
  if (day < 1 || day > 31 || (month !== undefined && !validDate(year ?? 2024, month, day))) {
    return { ok: false, problem: `Ngày ${shown} không có trên lịch; ${EXAMPLE}.` };
  }
  const text = `${before ? "trước ngày" : "ngày"} ${month !== undefined ? `${day}/${month}${year ? `/${year}` : ""}` : day}`;
  let due: Due;
  if (period === "monthly") due = { day, before, text };
  else if (month !== undefined) due = { day, month, year, before, text };
  else if (period === "quarterly") due = { day, monthInPeriod: /dau quy|first month/.test(withoutDate) ? "first" : "last", before, text };
  else return { ok: false, problem: `Kỳ này cần cả ngày và tháng (${EXAMPLE}).` };
  return { ok: true, request: { period, due, words: rest.split(/\s+/).filter(Boolean) } };
}

export interface UndatedObligation {
  planId: string;
  obligationId: string;
  task: string;
}

/** Obligations of a plan with this period and no date in the plan's text. */
export async function undatedObligations(db: DbQuery, planId: string, period: Period): Promise<UndatedObligation[]> {
  const rows = await db.query<{ id: string; task: string; schedule: ScheduleItem[] }>("SELECT id, task, schedule FROM obligations WHERE plan_id = $1 ORDER BY ord, id", [planId]);
  return rows
    .filter((r) => r.schedule.some((i) => i.period === period && !i.due) && !r.schedule.some((i) => i.period === period && i.due))
    .map((r) => ({ planId, obligationId: r.id, task: r.task }));
}

export type DeadlineTarget =
  /** The best-matching task has a date in the plan: it stands, nothing is set. */
  | { kind: "stated"; task: string; due: Due; others: UndatedObligation[] }
  | { kind: "one"; target: UndatedObligation }
  | { kind: "several"; choices: UndatedObligation[] }
  | { kind: "none" };

const KIND_WORD: Partial<Record<Period, string>> = { half_year: "H", quarterly: "Q1", yearly: "Y", nine_months: "9M", monthly: "01" };

/**
 * The task an "đặt hạn" message means, matched on its words among the plan's tasks of that period
 * the way updates are matched; a task whose plan states a date for the period is never given an
 * office date. Without words that single one out, the plan's undated tasks of the period.
 */
export async function deadlineTarget(db: DbQuery, planId: string, period: Period, topic: string): Promise<DeadlineTarget> {
  const rows = await db.query<ObligationRef>(
    `SELECT plan_id AS "planId", id AS "obligationId", task, section, quote, schedule FROM obligations WHERE plan_id = $1 ORDER BY ord, id`,
    [planId],
  );
  const ofPeriod = rows.filter((r) => r.schedule.some((i) => i.period === period));
  const stated = (o: ObligationRef) => o.schedule.find((i) => i.period === period && i.due)?.due ?? null;
  const undated = ofPeriod.filter((o) => !stated(o)).map((o) => ({ planId, obligationId: o.obligationId, task: o.task }));
  const m = matchObligation(topic, { kind: KIND_WORD[period] ?? null, year: null }, ofPeriod);
  const ref = (o: ObligationRef) => ({ planId, obligationId: o.obligationId, task: o.task });
  if (m.kind === "one") {
    const due = stated(m.obligation);
    if (due) return { kind: "stated", task: m.obligation.task, due, others: [] };
    return { kind: "one", target: ref(m.obligation) };
  }
  // Several fit and one of them has the plan's date: that date stands; the others are named.
  const datedFit = m.kind === "several" ? m.choices.find((o) => stated(o)) : undefined;
  if (m.kind === "several" && datedFit) {
    return { kind: "stated", task: datedFit.task, due: stated(datedFit) as Due, others: m.choices.filter((o) => !stated(o)).map(ref) };
  }
  const pool = m.kind === "several" ? m.choices.map(ref) : undated;
  if (pool.length === 1) return { kind: "one", target: pool[0] };
  if (pool.length === 0) return { kind: "none" };
  return { kind: "several", choices: pool };
}

/** Records the office's date for each obligation (replacing an earlier one), with an audit entry. */
export async function setOfficeDeadline(
  db: Db,
  input: { planId: string; period: Period; due: Due; userId: number; now: Date; targets?: UndatedObligation[] },
): Promise<UndatedObligation[]> {
  const targets = input.targets ?? (await undatedObligations(db, input.planId, input.period));
  if (targets.length === 0) return [];
  await db.transaction(async (tx) => {
    for (const t of targets) {
      const [before] = await tx.query<{ due: Due }>("SELECT due FROM office_deadlines WHERE plan_id = $1 AND obligation_id = $2 AND period = $3", [
        t.planId,
        t.obligationId,
        input.period,
      ]);
      await tx.query(
        `INSERT INTO office_deadlines (plan_id, obligation_id, period, due, set_by, set_at) VALUES ($1, $2, $3, $4::jsonb, $5, $6)
         ON CONFLICT (plan_id, obligation_id, period) DO UPDATE SET due = EXCLUDED.due, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at`,
        [t.planId, t.obligationId, input.period, JSON.stringify(input.due), input.userId, input.now],
      );
      await audit(tx, {
        at: input.now,
        actorUserId: input.userId,
        action: "office_deadline.set",
        entity: "obligation",
        entityId: `${t.planId}/${t.obligationId}/${input.period}`,
        before: before?.due,
        after: input.due,
      });
    }
  });
  return targets;
}
