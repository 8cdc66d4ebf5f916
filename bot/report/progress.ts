// The progress of one reporting period, read once and shared by the draft report, the web board
// and the chat summary: the plans current in the period, their tasks (with the due date that falls
// in the period), the office's units, and each unit's latest entry per task.
// "The office's units" are units someone was invited to or registered in (or that reported):
// a plan names many bodies of other places ("Ban Dân vận Tỉnh ủy"), which are not the office's.
import { addDays, daysBetween, type Occurrence } from "../../knowledge/occurrences";
import type { PlanMeta, ScheduleItem } from "../../knowledge/types";
import { datedOccurrences } from "../nudges/due-dates";
import { officeSchedules } from "../nudges/office-deadlines";
import type { DbQuery } from "../storage/db";
import { periodLabel, periodRange, periodsWithin } from "../updates/period";
import type { Status } from "../updates/status";

export interface ProgressPlan {
  id: string;
  title: string;
  meta: PlanMeta;
}

export interface ProgressTask {
  planId: string;
  obligationId: string;
  sectionId: string;
  /** The task in full (the obligation's sentence when its short form was cut). */
  task: string;
  responsible: string[];
  recipient: string | null;
  schedule: ScheduleItem[];
  /** Dates the office set for periods the plan states without one. */
  officeItems: ScheduleItem[];
  /** The last day of this task's deadline in the period (the next one from today, else the last past one). */
  due: string | null;
  /** A deadline of the period already passed (before today). */
  duePassed: boolean;
}

export interface ProgressUnit {
  id: number;
  name: string;
  /** Latest live entry of the unit, any period. */
  lastUpdate: Date | null;
}

export interface ProgressCell {
  unitId: number;
  planId: string;
  obligationId: string;
  /** The plan makes the unit responsible for the task (else the unit reported on it anyway). */
  responsible: boolean;
  status: Status | null;
  percent: number | null;
  note: string;
  reporterName: string | null;
  doneOn: string | null;
  updatedAt: Date | null;
  overdue: boolean;
}

export interface LooseEntry {
  unitId: number;
  unitName: string;
  planId: string | null;
  status: Status;
  percent: number | null;
  note: string;
  reporterName: string;
  doneOn: string | null;
  updatedAt: Date;
}

export interface Upcoming {
  planId: string;
  obligationId: string;
  task: string;
  lastDay: string;
  daysLeft: number;
  units: string[];
  setByOffice: boolean;
}

export interface ProgressSnapshot {
  period: string;
  periodLabel: string;
  today: string;
  plans: ProgressPlan[];
  tasks: ProgressTask[];
  units: ProgressUnit[];
  /** Keyed by cellKey(unitId, planId, obligationId). */
  cells: Map<string, ProgressCell>;
  /** Entries of the period on no task of the current plans. */
  loose: LooseEntry[];
  /** Deadlines of the current plans' tasks in the 30 days from today. */
  upcoming: Upcoming[];
  /** Live entries of the period counted. */
  entryCount: number;
}

export const cellKey = (unitId: number, planId: string, obligationId: string) => `${unitId}|${planId}|${obligationId}`;

export interface ProgressQuery {
  period: string;
  /** Calendar date YYYY-MM-DD (Asia/Ho_Chi_Minh) that decides overdue and the next 30 days. */
  today: string;
  planId?: string | null;
  unitId?: number | null;
  /** Statuses only (no notes, reporter names): what the board draws. */
  lean?: boolean;
}

interface EntryRow {
  planId: string | null;
  obligationId: string | null;
  unitId: number;
  unitName: string;
  status: Status;
  percent: number | null;
  note: string;
  reporterName: string;
  doneOn: string | null;
  updatedAt: Date;
}

/**
 * The board's entries: statuses only, as one JSON value (thousands of rows cost far more to carry
 * out of the embedded database one by one than as one array).
 */
async function leanEntries(q: DbQuery, periods: string[], unitId: number | null): Promise<EntryRow[]> {
  // Unsorted: the latest per (plan, task, unit) is picked here, which costs less than a sort in SQL.
  const [row] = await q.query<{ list: [string | null, string | null, number, Status, number | null, string, number][] | null }>(
    `SELECT json_agg(json_build_array(e.plan_id, e.obligation_id, e.unit_id, e.status, e.percent, e.updated_at, e.id)) AS list
       FROM report_entries e
      WHERE e.withdrawn_at IS NULL AND e.period = ANY($1::text[]) AND ($2::int IS NULL OR e.unit_id = $2)`,
    [periods, unitId],
  );
  const latest = new Map<string, { at: number; id: number; e: EntryRow }>();
  for (const [planId, obligationId, unit, status, percent, updatedAt, id] of row?.list ?? []) {
    const at = Date.parse(updatedAt);
    const k = `${planId}|${obligationId}|${unit}`;
    const old = latest.get(k);
    if (old && (old.at > at || (old.at === at && old.id > id))) continue;
    latest.set(k, { at, id, e: { planId, obligationId, unitId: unit, unitName: "", status, percent, note: "", reporterName: "", doneOn: null, updatedAt: new Date(at) } });
  }
  return [...latest.values()].map((x) => x.e);
}

/** Is the plan in force in the period's year? A plan without stated years is not assumed current. */
export function planCovers(meta: PlanMeta, period: string): boolean {
  const y = Number(period.slice(0, 4));
  return !!meta.period && meta.period.from <= y && y <= meta.period.to;
}

/** The task's words in full: the short form when whole, else the obligation's sentence. */
export function fullTask(task: string, quote: string): string {
  const t = task.trim();
  if (!/(?:…|\.\.\.)$/.test(t)) return t;
  return quote.replace(/\s+/g, " ").trim();
}

export async function loadProgress(q: DbQuery, o: ProgressQuery): Promise<ProgressSnapshot> {
  const periods = periodsWithin(o.period);
  const range = periodRange(o.period);
  if (!periods.length || !range) throw new Error(`"${o.period}" is not a period: use 2026, 2026-H1, 2026-Q2, 2026-9M or 2026-09.`);
  const unitFilter = o.unitId ?? null;
  const [allPlans, entries, officeUnits] = await Promise.all([
    q.query<ProgressPlan>("SELECT id, title, meta FROM plans ORDER BY id"),
    o.lean ? leanEntries(q, periods, unitFilter) : q.query<EntryRow>(
        `SELECT DISTINCT ON (e.plan_id, e.obligation_id, e.unit_id)
            e.plan_id AS "planId", e.obligation_id AS "obligationId", e.unit_id AS "unitId", n.name AS "unitName", e.status, e.percent, e.note,
            u.name AS "reporterName", e.done_on AS "doneOn", e.updated_at AS "updatedAt"
         FROM report_entries e JOIN units n ON n.id = e.unit_id JOIN users u ON u.id = e.reporter_id
         WHERE e.withdrawn_at IS NULL AND e.period = ANY($1::text[]) AND ($2::int IS NULL OR e.unit_id = $2)
         ORDER BY e.plan_id, e.obligation_id, e.unit_id, e.updated_at DESC, e.id DESC`,
      [periods, unitFilter],
    ),
    q.query<{ id: number; name: string; lastUpdate: Date | null }>(
      `SELECT n.id, n.name, (SELECT max(e.updated_at) FROM report_entries e WHERE e.unit_id = n.id AND e.withdrawn_at IS NULL) AS "lastUpdate"
         FROM units n
        WHERE ($1::int IS NULL OR n.id = $1)
          AND (EXISTS (SELECT 1 FROM users u WHERE u.unit_id = n.id) OR EXISTS (SELECT 1 FROM invites i WHERE i.unit_id = n.id)
               OR EXISTS (SELECT 1 FROM report_entries e WHERE e.unit_id = n.id AND e.withdrawn_at IS NULL))`,
      [unitFilter],
    ),
  ]);
  const withEntries = new Set(entries.map((e) => e.planId));
  const current = allPlans.filter((p) => planCovers(p.meta, o.period) || (!p.meta.period && withEntries.has(p.id)));
  // A plan asked for by id narrows the view when it is current; a plan of another year never is.
  const plans = o.planId && current.some((p) => p.id === o.planId) ? current.filter((p) => p.id === o.planId) : current;
  const planIds = plans.map((p) => p.id);
  const validity = new Map(plans.map((p) => [p.id, p.meta.period]));

  const [obligations, links, office] = await Promise.all([
    q.query<{ planId: string; id: string; sectionId: string; task: string; quote: string; responsible: string[]; recipient: string | null; schedule: ScheduleItem[] }>(
      `SELECT plan_id AS "planId", id, section_id AS "sectionId", task, quote, responsible, recipient, schedule
         FROM obligations WHERE plan_id = ANY($1::text[]) ORDER BY plan_id, ord`,
      [planIds],
    ),
    // One row per task with its units (an array), not one per link: 100 rows instead of 20,000.
    q.query<{ planId: string; obligationId: string; unitIds: number[] }>(
      `SELECT plan_id AS "planId", obligation_id AS "obligationId", array_agg(unit_id) AS "unitIds"
         FROM obligation_units WHERE plan_id = ANY($1::text[]) GROUP BY plan_id, obligation_id`,
      [planIds],
    ),
    officeSchedules(q),
  ]);
  // Plans in the order given by the store (id), tasks in document order within each plan.
  const order = new Map(planIds.map((id, i) => [id, i]));
  obligations.sort((a, b) => (order.get(a.planId) ?? 0) - (order.get(b.planId) ?? 0));

  const [from, to] = range;
  const horizon = addDays(o.today, 30);
  const upcoming: Upcoming[] = [];
  const tasks: ProgressTask[] = obligations.map((ob) => {
    const extra = office.get(`${ob.planId}|${ob.id}`) ?? [];
    const inPeriod: Occurrence[] = datedOccurrences(ob.schedule, extra, from, to, validity.get(ob.planId) ?? null);
    const next = inPeriod.find((x) => x.lastDay >= o.today);
    const past = inPeriod.filter((x) => x.lastDay < o.today);
    for (const x of datedOccurrences(ob.schedule, extra, o.today, horizon, validity.get(ob.planId) ?? null)) {
      upcoming.push({ planId: ob.planId, obligationId: ob.id, task: fullTask(ob.task, ob.quote), lastDay: x.lastDay, daysLeft: daysBetween(o.today, x.lastDay), units: [], setByOffice: x.setByOffice });
    }
    return {
      planId: ob.planId,
      obligationId: ob.id,
      sectionId: ob.sectionId,
      task: fullTask(ob.task, ob.quote),
      responsible: ob.responsible,
      recipient: ob.recipient,
      schedule: ob.schedule,
      officeItems: extra,
      due: next?.lastDay ?? past.at(-1)?.lastDay ?? null,
      duePassed: past.length > 0,
    };
  });
  const taskByKey = new Map(tasks.map((t) => [`${t.planId}|${t.obligationId}`, t]));

  const unitMap = new Map<number, ProgressUnit>(officeUnits.map((u) => [u.id, { id: u.id, name: u.name, lastUpdate: u.lastUpdate }]));
  const cells = new Map<string, ProgressCell>();
  const emptyCell = (unitId: number, t: ProgressTask, responsible: boolean): ProgressCell => ({
    unitId,
    planId: t.planId,
    obligationId: t.obligationId,
    responsible,
    status: null,
    percent: null,
    note: "",
    reporterName: null,
    doneOn: null,
    updatedAt: null,
    overdue: t.duePassed,
  });
  for (const l of links) {
    const t = taskByKey.get(`${l.planId}|${l.obligationId}`);
    if (!t) continue;
    for (const unitId of l.unitIds) if (unitMap.has(unitId)) cells.set(cellKey(unitId, l.planId, l.obligationId), emptyCell(unitId, t, true));
  }
  const loose: LooseEntry[] = [];
  for (const e of entries) {
    const t = e.planId && e.obligationId ? taskByKey.get(`${e.planId}|${e.obligationId}`) : undefined;
    if (!t) {
      // Entries on plans that are not current stay out; entries on no task are listed apart.
      if (!e.planId || planIds.includes(e.planId)) loose.push({ ...e });
      continue;
    }
    if (!unitMap.has(e.unitId)) {
      if (o.lean) continue; // the office units query already holds every unit that reported
      unitMap.set(e.unitId, { id: e.unitId, name: e.unitName, lastUpdate: e.updatedAt });
    }
    const k = cellKey(e.unitId, t.planId, t.obligationId);
    const c = cells.get(k) ?? emptyCell(e.unitId, t, false);
    cells.set(k, {
      ...c,
      status: e.status,
      percent: e.percent,
      note: e.note,
      reporterName: e.reporterName,
      doneOn: e.doneOn,
      updatedAt: e.updatedAt,
      overdue: t.duePassed && e.status !== "hoàn thành",
    });
  }
  const units = [...unitMap.values()].sort((a, b) => a.name.localeCompare(b.name, "vi"));

  const unitsOf = new Map<string, string[]>();
  for (const c of cells.values()) {
    if (!c.responsible) continue;
    const k = `${c.planId}|${c.obligationId}`;
    const list = unitsOf.get(k) ?? [];
    list.push(unitMap.get(c.unitId)?.name ?? "");
    unitsOf.set(k, list);
  }
  for (const u of upcoming) u.units = (unitsOf.get(`${u.planId}|${u.obligationId}`) ?? []).sort((a, b) => a.localeCompare(b, "vi"));
  upcoming.sort((a, b) => (a.lastDay < b.lastDay ? -1 : a.lastDay > b.lastDay ? 1 : 0));
  // With a unit filter, only that unit's deadlines.
  const shownUpcoming = unitFilter === null ? upcoming : upcoming.filter((u) => u.units.length > 0);

  return {
    period: o.period,
    periodLabel: periodLabel(o.period),
    today: o.today,
    plans,
    tasks,
    units,
    cells,
    loose,
    upcoming: shownUpcoming,
    entryCount: entries.filter((e) => !e.planId || planIds.includes(e.planId)).length,
  };
}

/** A unit's state over the period, for summaries: a blocked task wins, then "not reported" when it sent nothing. */
export type UnitState = "hoàn thành" | "đang thực hiện" | "vướng mắc" | "chưa cập nhật";

/** The state of every unit that has a cell in the snapshot. */
export function unitStates(s: ProgressSnapshot): Map<number, UnitState> {
  const by = new Map<number, ProgressCell[]>();
  for (const c of s.cells.values()) {
    const list = by.get(c.unitId);
    if (list) list.push(c);
    else by.set(c.unitId, [c]);
  }
  const out = new Map<number, UnitState>();
  for (const u of s.units) {
    const cells = by.get(u.id);
    if (!cells) continue;
    let state: UnitState;
    if (cells.some((c) => c.status === "vướng mắc")) state = "vướng mắc";
    else if (cells.every((c) => c.status === null)) state = "chưa cập nhật";
    else if (cells.every((c) => c.status === "hoàn thành")) state = "hoàn thành";
    else state = "đang thực hiện";
    out.set(u.id, state);
  }
  return out;
}

/**
 * A fingerprint of everything the progress of a period depends on (entries, plans, units, users,
 * invites, office dates). Cheap to read; when it is unchanged, a computed board can be served again.
 * It lives in the database, so replicas sharing one PostgreSQL agree on it.
 */
export async function progressVersion(q: DbQuery): Promise<string> {
  const [v] = await q.query<{ v: string }>(
    `SELECT concat_ws('/',
       (SELECT max(id) FROM report_entries), (SELECT max(updated_at) FROM report_entries),
       (SELECT count(*) FROM report_entries WHERE withdrawn_at IS NOT NULL),
       (SELECT max(ingested_at) FROM plans), (SELECT count(*) FROM plans),
       (SELECT max(id) FROM units), (SELECT count(*) FROM units),
       (SELECT max(id) FROM users), (SELECT count(*) FROM users), (SELECT string_agg(role || unit_id, ',') FROM users WHERE role <> 'member'),
       (SELECT count(*) FROM invites), (SELECT max(set_at) FROM office_deadlines), (SELECT count(*) FROM office_deadlines)) AS v`,
  );
  return v?.v ?? "";
}
