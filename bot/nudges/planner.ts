// Which nudges are due at an instant: a pure function of the obligations, the people, their
// mutes, snoozes and done entries, the nudge log and the working calendar. The scheduler loads
// this state from the database (nudge-state.ts) and claims what comes out.
import { addDays, daysBetween, localDate } from "../../knowledge/occurrences";
import type { Period, ScheduleItem } from "../../knowledge/types";
import type { Role } from "../turn";
import type { WorkingCalendar } from "./calendar";
import { localHour } from "./clock";
import { datedOccurrences, type DatedOccurrence } from "./due-dates";

export interface NudgeObligation {
  planId: string;
  planTitle: string;
  obligationId: string;
  task: string;
  schedule: ScheduleItem[];
  /** Dates set by the office for periods the plan gives no date. */
  officeSchedule: ScheduleItem[];
  /** The years the plan covers (Plan.meta.period). */
  validity: { from: number; to: number } | null;
  /** Units responsible (obligation_units). */
  unitIds: number[];
}

/** A registered user who can be nudged: linked to a unit, not muted, with a live address. */
export interface NudgeUser {
  id: number;
  unitId: number | null;
  role: Role;
  /** The plan the user works under; a coordinator with one only gets that plan's summaries. */
  planId: string | null;
}

export interface NudgeState {
  obligations: NudgeObligation[];
  users: NudgeUser[];
  unitNames: Map<number, string>;
  /** muteKey(user, plan, obligation) of "tắt nhắc việc này". */
  mutes: Set<string>;
  /** snoozeKey(user, plan, obligation, last day) -> the date the nudge comes back. */
  snoozes: Map<string, string>;
  /** doneKey(unit, plan, obligation, period key) of every done entry ("hoàn thành"). */
  done: Set<string>;
  /** Keys already in nudge_log (claimed, sent, failed...): never planned again. */
  logged: Set<string>;
  /** Units that are a plan's collective name ("UBND các phường, xã"), not one office. */
  collectiveUnits?: Set<number>;
  /** doneKey(unit, plan, obligation, period key) -> the unit's latest entry for it. */
  latest?: Map<string, { status: string; percent: number | null }>;
}

export interface NudgeRules {
  calendar: WorkingCalendar;
  /** Local hour when nudges go out (NUDGE_HOUR). */
  hour: number;
  /** Days before the last day (NUDGE_OFFSETS); negative = after it. */
  offsets: number[];
  /** After a downtime, a missed nudge is still sent if it was due at most this many days ago. */
  catchUpDays: number;
  /** Coordinators get summaries for occurrences overdue by at most this many days. */
  escalationDays: number;
}

export const DEFAULT_CATCH_UP_DAYS = 7;
export const DEFAULT_ESCALATION_DAYS = 30;
/** A snooze can be at most this long ("nhắc lại sau N ngày"). */
export const MAX_SNOOZE_DAYS = 30;

export interface NudgePayload {
  kind: "nudge";
  planId: string;
  planTitle: string;
  obligationId: string;
  task: string;
  period: Period;
  periodKey: string;
  lastDay: string;
  /** The words of the date as given ("trước ngày 10/6"). */
  dueText: string;
  setByOffice: boolean;
  /** True for the nudge that comes back after "nhắc lại sau N ngày". */
  afterSnooze: boolean;
}

export interface EscalationItem {
  planId: string;
  planTitle: string;
  obligationId: string;
  task: string;
  periodKey: string;
  lastDay: string;
  setByOffice: boolean;
  /** Units without a done entry, with their latest status when they reported one. */
  units: { id: number; name: string; status?: string; percent?: number | null }[];
}

export interface EscalationPayload {
  kind: "escalation";
  date: string;
  items: EscalationItem[];
}

export type Payload = NudgePayload | EscalationPayload;

/** One nudge_log row to claim. */
export interface PlannedMessage {
  key: string;
  kind: "nudge" | "escalation";
  userId: number;
  planId: string;
  obligationId: string;
  /** The occurrence's last day (for a summary: its date). */
  occurrence: string;
  offsetDays: number;
  /** The working day it was planned for (earlier than today when caught up after a downtime). */
  sendDate: string;
  payload: Payload;
}

export interface NudgeEvent {
  offset: number;
  sendDate: string;
}

export const muteKey = (userId: number, planId: string, obligationId: string) => `${userId}|${planId}|${obligationId}`;
export const snoozeKey = (userId: number, planId: string, obligationId: string, lastDay: string) =>
  `${userId}|${planId}|${obligationId}|${lastDay}`;
export const doneKey = (unitId: number, planId: string, obligationId: string, periodKey: string) =>
  `${unitId}|${planId}|${obligationId}|${periodKey}`;
export const nudgeKey = (userId: number, planId: string, obligationId: string, lastDay: string, offset: number) =>
  `n:${userId}:${planId}:${obligationId}:${lastDay}:${offset}`;
export const snoozedNudgeKey = (userId: number, planId: string, obligationId: string, lastDay: string, sendDate: string) =>
  `n:${userId}:${planId}:${obligationId}:${lastDay}:s${sendDate}`;
export const escalationKey = (userId: number, date: string) => `e:${userId}:${date}`;

/**
 * The days an occurrence's nudges go out, one per working day, in date order. A nudge before the
 * deadline that falls on a day off moves to the working day before it; the overdue nudge (a
 * negative offset) moves to the working day after, so it never arrives before the deadline passed.
 */
export function nudgeEvents(lastDay: string, offsets: number[], calendar: WorkingCalendar): NudgeEvent[] {
  const byDate = new Map<string, number>();
  for (const offset of offsets) {
    const target = addDays(lastDay, -offset);
    const sendDate = offset >= 0 ? calendar.workingDayOnOrBefore(target) : calendar.workingDayOnOrAfter(target);
    const had = byDate.get(sendDate);
    // Two offsets on one working day (e.g. 3 and 1 around a long weekend): one nudge, the nearer one.
    if (had === undefined || offset < had) byDate.set(sendDate, offset);
  }
  return [...byDate].map(([sendDate, offset]) => ({ offset, sendDate })).sort((a, b) => (a.sendDate < b.sendDate ? -1 : 1));
}

/** Whether nudges go out at this instant at all: a working day, at or after the nudge hour. */
export function isSendingTime(now: Date, rules: NudgeRules): boolean {
  return localHour(now) >= rules.hour && rules.calendar.isWorkingDay(localDate(now));
}

function groupUsersByUnit(users: NudgeUser[]): Map<number, NudgeUser[]> {
  const m = new Map<number, NudgeUser[]>();
  for (const u of users) {
    if (u.unitId === null) continue;
    const list = m.get(u.unitId);
    if (list) list.push(u);
    else m.set(u.unitId, [u]);
  }
  return m;
}

/** Snoozes by occurrence, so occurrences nobody snoozed are skipped quickly. */
function groupSnoozes(snoozes: Map<string, string>): Map<string, Map<number, string>> {
  const m = new Map<string, Map<number, string>>();
  for (const [k, until] of snoozes) {
    const [user, ...rest] = k.split("|");
    const occ = rest.join("|");
    let users = m.get(occ);
    if (!users) m.set(occ, (users = new Map()));
    users.set(Number(user), until);
  }
  return m;
}

/** The latest event due by today and not older than the catch-up window: at most one per occurrence. */
function latestDue(events: NudgeEvent[], today: string, oldest: string): NudgeEvent | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.sendDate > today) continue;
    return e.sendDate >= oldest ? e : null;
  }
  return null;
}

function payloadFor(o: NudgeObligation, occ: DatedOccurrence, afterSnooze: boolean): NudgePayload {
  return {
    kind: "nudge",
    planId: o.planId,
    planTitle: o.planTitle,
    obligationId: o.obligationId,
    task: o.task,
    period: occ.period,
    periodKey: occ.periodKey,
    lastDay: occ.lastDay,
    dueText: occ.due.text,
    setByOffice: occ.setByOffice,
    afterSnooze,
  };
}

/** Per-obligation mutes: `${planId}|${obligationId}` -> muted user ids (no string building per user). */
function groupMutes(mutes: Set<string>): Map<string, Set<number>> {
  const m = new Map<string, Set<number>>();
  for (const k of mutes) {
    const [user, ...rest] = k.split("|");
    const ob = rest.join("|");
    let users = m.get(ob);
    if (!users) m.set(ob, (users = new Set()));
    users.add(Number(user));
  }
  return m;
}

/** The nudges to claim at `now`: for each user and occurrence, at most the latest one due. */
export function planNudges(state: NudgeState, now: Date, rules: NudgeRules): PlannedMessage[] {
  if (!isSendingTime(now, rules)) return [];
  const today = localDate(now);
  const oldest = addDays(today, -rules.catchUpDays);
  const maxBefore = Math.max(0, ...rules.offsets);
  const maxAfter = Math.max(0, ...rules.offsets.map((o) => -o));
  // Wide enough for days off that move a nudge (Tết: up to ~10 days) and for snoozes.
  const from = addDays(today, -(maxAfter + rules.catchUpDays + MAX_SNOOZE_DAYS + 15));
  const to = addDays(today, maxBefore + 15);
  const byUnit = groupUsersByUnit(state.users);
  const snoozesByOcc = groupSnoozes(state.snoozes);
  const mutesByObligation = groupMutes(state.mutes);
  // Many obligations share last days (the 10th of June, the 15th of each month): one series per day.
  const eventsByLastDay = new Map<string, NudgeEvent[]>();
  const out: PlannedMessage[] = [];

  for (const o of state.obligations) {
    if (o.unitIds.length === 0) continue;
    const muted = mutesByObligation.get(`${o.planId}|${o.obligationId}`);
    for (const occ of datedOccurrences(o.schedule, o.officeSchedule, from, to, o.validity)) {
      let events = eventsByLastDay.get(occ.lastDay);
      if (!events) eventsByLastDay.set(occ.lastDay, (events = nudgeEvents(occ.lastDay, rules.offsets, rules.calendar)));
      const due = latestDue(events, today, oldest);
      const snoozed = snoozesByOcc.get(`${o.planId}|${o.obligationId}|${occ.lastDay}`);
      if (!due && !snoozed) continue;
      const payload = payloadFor(o, occ, false);
      const keyPrefix = `:${o.planId}:${o.obligationId}:${occ.lastDay}:`;
      for (const unitId of o.unitIds) {
        if (state.done.has(doneKey(unitId, o.planId, o.obligationId, occ.periodKey))) continue;
        for (const u of byUnit.get(unitId) ?? []) {
          if (muted?.has(u.id)) continue;
          const until = snoozed?.get(u.id);
          if (until === undefined) {
            if (!due) continue;
            const key = `n:${u.id}${keyPrefix}${due.offset}`;
            if (state.logged.has(key)) continue;
            out.push({ key, kind: "nudge", userId: u.id, planId: o.planId, obligationId: o.obligationId, occurrence: occ.lastDay, offsetDays: due.offset, sendDate: due.sendDate, payload });
            continue;
          }
          // Snoozed: nothing before the day it ends; then the nudge comes back (or a regular one that day).
          const back = rules.calendar.workingDayOnOrAfter(until);
          const later = events.filter((e) => e.sendDate >= back);
          const regularThatDay = later.some((e) => e.sendDate === back);
          const candidates = regularThatDay ? later : [{ offset: daysBetween(back, occ.lastDay), sendDate: back }, ...later];
          const event = latestDue(candidates, today, oldest);
          if (!event) continue;
          const afterSnooze = !regularThatDay && event.sendDate === back;
          const key = afterSnooze
            ? snoozedNudgeKey(u.id, o.planId, o.obligationId, occ.lastDay, event.sendDate)
            : nudgeKey(u.id, o.planId, o.obligationId, occ.lastDay, event.offset);
          if (state.logged.has(key)) continue;
          out.push({
            key,
            kind: "nudge",
            userId: u.id,
            planId: o.planId,
            obligationId: o.obligationId,
            occurrence: occ.lastDay,
            offsetDays: event.offset,
            sendDate: event.sendDate,
            payload: afterSnooze ? payloadFor(o, occ, true) : payload,
          });
        }
      }
    }
  }
  return out;
}

/**
 * Today's summary for each coordinator: the occurrences past their last day (by at most
 * escalationDays) and the responsible units without a done entry. One per coordinator per day.
 */
export function planEscalations(state: NudgeState, now: Date, rules: NudgeRules): PlannedMessage[] {
  if (!isSendingTime(now, rules)) return [];
  const today = localDate(now);
  const coordinators = state.users.filter((u) => u.role === "coordinator");
  if (coordinators.length === 0) return [];
  const items: EscalationItem[] = [];
  for (const o of state.obligations) {
    if (o.unitIds.length === 0) continue;
    for (const occ of datedOccurrences(o.schedule, o.officeSchedule, addDays(today, -rules.escalationDays), addDays(today, -1), o.validity)) {
      // A collective name ("UBND các phường, xã") is listed only when no real unit it covers is linked.
      const real = o.unitIds.filter((id) => !state.collectiveUnits?.has(id));
      const answerable = real.length ? real : o.unitIds;
      const missing = answerable.filter((id) => !state.done.has(doneKey(id, o.planId, o.obligationId, occ.periodKey)));
      if (missing.length === 0) continue;
      items.push({
        planId: o.planId,
        planTitle: o.planTitle,
        obligationId: o.obligationId,
        task: o.task,
        periodKey: occ.periodKey,
        lastDay: occ.lastDay,
        setByOffice: occ.setByOffice,
        units: missing
          .map((id) => {
            const last = state.latest?.get(doneKey(id, o.planId, o.obligationId, occ.periodKey));
            return { id, name: state.unitNames.get(id) ?? `#${id}`, ...(last ? { status: last.status, percent: last.percent } : {}) };
          })
          .sort((a, b) => a.name.localeCompare(b.name, "vi")),
      });
    }
  }
  const out: PlannedMessage[] = [];
  for (const c of coordinators) {
    const mine = items.filter((i) => c.planId === null || i.planId === c.planId);
    const key = escalationKey(c.id, today);
    if (mine.length === 0 || state.logged.has(key)) continue;
    out.push({
      key,
      kind: "escalation",
      userId: c.id,
      planId: "*",
      obligationId: "*",
      occurrence: today,
      offsetDays: 0,
      sendDate: today,
      payload: { kind: "escalation", date: today, items: mine },
    });
  }
  return out;
}
