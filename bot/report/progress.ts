// The progress of one reporting period, read once and shared by the draft report, the web board
// and the chat summary: the plans current in the period, their tasks (with the due date that falls
// in the period), the office's units, and each unit's latest entry per task.
// "The office's units" are units someone was invited to or registered in (or that reported):
// a plan names many bodies of other places ("Ban Dân vận Tỉnh ủy"), which are not the office's.
import { addDays, daysBetween, type Occurrence } from "../../knowledge/occurrences";
import type { PlanMeta, ScheduleItem } from "../../knowledge/types";
import { datedOccurrences, type DatedOccurrence } from "../nudges/due-dates";
import { officeSchedules } from "../nudges/office-deadlines";
import type { DbQuery } from "../storage/db";
import { periodLabel, periodRange, periodsWithin } from "../../knowledge/time";
import { STATUSES, type Status } from "../updates/status";

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
  /** The same units' ids. */
  unitIds: number[];
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

/** Vietnamese alphabetical order (one collator: localeCompare with a locale builds one per call). */
export const byName = new Intl.Collator("vi").compare;

export const cellKey = (unitId: number, planId: string, obligationId: string) => `${unitId}|${planId}|${obligationId}`;

export interface ProgressQuery {
  period: string;
  /** Calendar date YYYY-MM-DD (Asia/Ho_Chi_Minh) that decides overdue and the next 30 days. */
  today: string;
  planId?: string | null;
  unitId?: number | null;
  /** Statuses only (no notes, reporter names, entries on no task): what the board draws. */
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

/** A cell's latest entry: every field for the report, statuses only (the rest empty) for the board. */
export interface CellEntry {
  status: Status;
  percent: number | null;
  note: string;
  reporterName: string | null;
  doneOn: string | null;
  updatedAt: Date;
  /** The entry's id (lean reads only): the later of two entries at the same instant. */
  id?: number;
}

/**
 * progress_latest's cells (migration 161): one flat array, five values per task: obligation id,
 * status as its index in STATUSES, percent, updated_at in ms, entry id.
 */
type LatestCells = (string | number | null)[];

/**
 * The board's entries: progress_latest's rows of the period's keys (kept up to date by triggers
 * on report_entries, migrations 160 and 161), one per (period, plan, unit) with every task's latest entry,
 * a few hundred rows where the entries themselves number in the tens of thousands.
 */
function leanRows(q: DbQuery, periods: string[], unitId: number | null) {
  return q.query<{ planId: string; unitId: number; cells: LatestCells }>(
    `SELECT plan_id AS "planId", unit_id AS "unitId", cells FROM progress_latest
      WHERE period = ANY($1::text[]) AND ($2::int IS NULL OR unit_id = $2)`,
    [periods, unitId],
  );
}

/** The office's units (or the one asked for) with each one's last update, any period. */
export function officeUnits(q: DbQuery, unitId: number | null = null): Promise<ProgressUnit[]> {
  return q.query<ProgressUnit>(
    // One probe of report_entries_unit_updated per unit gives both its last update and whether it reported.
    `SELECT n.id, n.name, l.at AS "lastUpdate"
       FROM units n
       LEFT JOIN LATERAL (SELECT e.updated_at AS at FROM report_entries e WHERE e.unit_id = n.id AND e.withdrawn_at IS NULL
                           ORDER BY e.updated_at DESC LIMIT 1) l ON true
      WHERE ($1::int IS NULL OR n.id = $1)
        AND (l.at IS NOT NULL OR EXISTS (SELECT 1 FROM users u WHERE u.unit_id = n.id) OR EXISTS (SELECT 1 FROM invites i WHERE i.unit_id = n.id))`,
    [unitId],
  );
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

/** Per unit, by task index (the order of `tasks`): whether a plan makes it responsible, and its latest entry. */
export interface UnitGrid {
  responsible: Uint8Array;
  latest: (CellEntry | undefined)[];
}

/**
 * The progress of a period without a record per cell: what the board reads (20,000 cells at
 * 200 units × 100 tasks cost more as records than the rest of the request); loadProgress builds
 * the cells from it for the report and the chat summary.
 */
export interface ProgressGrid extends Omit<ProgressSnapshot, "cells"> {
  /** Units (same order as `units`) with a cell: responsible for a task or reported on one. */
  grid: Map<number, UnitGrid>;
}

export async function loadProgressGrid(q: DbQuery, o: ProgressQuery): Promise<ProgressGrid> {
  const periods = periodsWithin(o.period);
  const range = periodRange(o.period);
  if (!periods.length || !range) throw new Error(`"${o.period}" is not a period: use 2026, 2026-H1, 2026-Q2, 2026-9M or 2026-09.`);
  const unitFilter = o.unitId ?? null;
  const [allPlans, lean, entries, unitList] = await Promise.all([
    q.query<ProgressPlan>("SELECT id, title, meta FROM plans ORDER BY id"),
    o.lean ? leanRows(q, periods, unitFilter) : [],
    o.lean ? [] : q.query<EntryRow>(
        `SELECT DISTINCT ON (e.plan_id, e.obligation_id, e.unit_id)
            e.plan_id AS "planId", e.obligation_id AS "obligationId", e.unit_id AS "unitId", n.name AS "unitName", e.status, e.percent, e.note,
            u.name AS "reporterName", e.done_on AS "doneOn", e.updated_at AS "updatedAt"
         FROM report_entries e JOIN units n ON n.id = e.unit_id JOIN users u ON u.id = e.reporter_id
         WHERE e.withdrawn_at IS NULL AND e.period = ANY($1::text[]) AND ($2::int IS NULL OR e.unit_id = $2)
         ORDER BY e.plan_id, e.obligation_id, e.unit_id, e.updated_at DESC, e.id DESC`,
      [periods, unitFilter],
    ),
    officeUnits(q, unitFilter),
  ]);
  const withEntries = new Set([...lean, ...entries].map((e) => e.planId));
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
    // One row per task with its units (an array kept by triggers on obligation_units, migration
    // 160): 100 rows instead of grouping 20,000 links on every view.
    q.query<{ planId: string; obligationId: string; unitIds: number[] }>(
      // As JSON: both drivers parse a 200-number array literal far slower than JSON.parse does.
      `SELECT plan_id AS "planId", obligation_id AS "obligationId", to_json(CASE WHEN $2::int IS NULL THEN unit_ids ELSE ARRAY[$2::int] END) AS "unitIds"
         FROM obligation_unit_lists WHERE plan_id = ANY($1::text[]) AND ($2::int IS NULL OR $2::int = ANY(unit_ids))`,
      [planIds, unitFilter],
    ),
    officeSchedules(q),
  ]);
  // Plans in the order given by the store (id), tasks in document order within each plan.
  const order = new Map(planIds.map((id, i) => [id, i]));
  obligations.sort((a, b) => (order.get(a.planId) ?? 0) - (order.get(b.planId) ?? 0));

  const [from, to] = range;
  const horizon = addDays(o.today, 30);
  const upcoming: Upcoming[] = [];
  // Many tasks of a plan share one schedule ("trước ngày 15 hằng tháng"): its dates are worked out once.
  const dates = new Map<string, [Occurrence[], DatedOccurrence[]]>();
  const tasks: ProgressTask[] = obligations.map((ob) => {
    const extra = office.get(`${ob.planId}|${ob.id}`) ?? [];
    const valid = validity.get(ob.planId) ?? null;
    const key = JSON.stringify([ob.schedule, extra, valid]);
    let d = dates.get(key);
    if (!d) {
      d = [datedOccurrences(ob.schedule, extra, from, to, valid), datedOccurrences(ob.schedule, extra, o.today, horizon, valid)];
      dates.set(key, d);
    }
    const [inPeriod, soon] = d;
    const next = inPeriod.find((x) => x.lastDay >= o.today);
    const past = inPeriod.filter((x) => x.lastDay < o.today);
    for (const x of soon) {
      upcoming.push({ planId: ob.planId, obligationId: ob.id, task: fullTask(ob.task, ob.quote), lastDay: x.lastDay, daysLeft: daysBetween(o.today, x.lastDay), units: [], unitIds: [], setByOffice: x.setByOffice });
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
  const taskIndex = new Map(tasks.map((t, i) => [`${t.planId}|${t.obligationId}`, i]));
  const planTasks = new Map<string, Map<string, number>>(planIds.map((id) => [id, new Map()]));
  tasks.forEach((t, i) => planTasks.get(t.planId)?.set(t.obligationId, i));

  const unitMap = new Map<number, ProgressUnit>(unitList.map((u) => [u.id, u]));
  const grid = new Map<number, UnitGrid>();
  const gridOf = (unitId: number): UnitGrid => {
    let g = grid.get(unitId);
    if (!g) grid.set(unitId, (g = { responsible: new Uint8Array(tasks.length), latest: new Array(tasks.length) }));
    return g;
  };
  // Each task's responsible units, for its deadlines in the next 30 days.
  const unitsOfTask: number[][] = tasks.map(() => []);
  for (const l of links) {
    const i = taskIndex.get(`${l.planId}|${l.obligationId}`);
    if (i === undefined) continue;
    for (const unitId of l.unitIds) {
      if (!unitMap.has(unitId)) continue;
      gridOf(unitId).responsible[i] = 1;
      unitsOfTask[i].push(unitId);
    }
  }
  const loose: LooseEntry[] = [];
  for (const e of entries) {
    const i = e.planId && e.obligationId ? taskIndex.get(`${e.planId}|${e.obligationId}`) : undefined;
    if (i === undefined) {
      // Entries on plans that are not current stay out; entries on no task are listed apart.
      if (!e.planId || order.has(e.planId)) loose.push({ ...e });
      continue;
    }
    if (!unitMap.has(e.unitId)) {
      if (o.lean) continue; // the office units query already holds every unit that reported
      unitMap.set(e.unitId, { id: e.unitId, name: e.unitName, lastUpdate: e.updatedAt });
    }
    gridOf(e.unitId).latest[i] = e;
  }
  let leanCount = 0;
  for (const r of lean) {
    const index = planTasks.get(r.planId);
    if (!index || !unitMap.has(r.unitId)) continue;
    const latest = gridOf(r.unitId).latest;
    const c = r.cells;
    for (let k = 0; k + 4 < c.length; k += 5) {
      const i = index.get(c[k] as string);
      if (i === undefined) continue;
      const status = STATUSES[c[k + 1] as number];
      const percent = c[k + 2] as number | null;
      const at = c[k + 3] as number;
      const id = c[k + 4] as number;
      const old = latest[i];
      // A task reported under several keys of the period (2026-H1, 2026-Q2, 2026-05): the latest wins.
      if (old) {
        const t = old.updatedAt.getTime();
        if (t > at || (t === at && (old.id ?? 0) > id)) continue;
      } else leanCount++;
      latest[i] = { status, percent, note: "", reporterName: null, doneOn: null, updatedAt: new Date(at), id };
    }
  }
  const units = [...unitMap.values()].sort((a, b) => byName(a.name, b.name));
  const rank = new Map(units.map((u, i) => [u.id, i]));
  const sortedGrid = new Map([...grid].sort((a, b) => (rank.get(a[0]) ?? 0) - (rank.get(b[0]) ?? 0)));

  // Names in the units' order, sorted once per task (not once per deadline).
  for (const ids of unitsOfTask) ids.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
  const names = unitsOfTask.map((ids) => ids.map((id) => unitMap.get(id)?.name ?? ""));
  for (const u of upcoming) {
    const i = taskIndex.get(`${u.planId}|${u.obligationId}`) ?? -1;
    u.units = names[i] ?? [];
    u.unitIds = unitsOfTask[i] ?? [];
  }
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
    grid: sortedGrid,
    loose,
    upcoming: shownUpcoming,
    entryCount: o.lean ? leanCount : entries.filter((e) => !e.planId || order.has(e.planId)).length,
  };
}

/** The progress of a period with a record per cell (a task the unit is responsible for or reported on). */
export async function loadProgress(q: DbQuery, o: ProgressQuery): Promise<ProgressSnapshot> {
  const { grid, ...g } = await loadProgressGrid(q, o);
  const cells = new Map<string, ProgressCell>();
  for (const [unitId, row] of grid) {
    g.tasks.forEach((t, i) => {
      const e = row.latest[i];
      if (!e && !row.responsible[i]) return;
      cells.set(cellKey(unitId, t.planId, t.obligationId), {
        unitId,
        planId: t.planId,
        obligationId: t.obligationId,
        responsible: row.responsible[i] === 1,
        status: e?.status ?? null,
        percent: e?.percent ?? null,
        note: e?.note ?? "",
        reporterName: e?.reporterName ?? null,
        doneOn: e?.doneOn ?? null,
        updatedAt: e?.updatedAt ?? null,
        overdue: t.duePassed && e?.status !== "hoàn thành",
      });
    });
  }
  return { ...g, cells };
}

/** A unit's state over the period, for summaries: a blocked task wins, then "not reported" when it sent nothing. */
export type UnitState = "hoàn thành" | "đang thực hiện" | "vướng mắc" | "chưa cập nhật";

/** The state of a unit from the statuses of its cells (null: not reported); undefined when it has no cell. */
export function stateOf(statuses: readonly (Status | null)[]): UnitState | undefined {
  if (!statuses.length) return undefined;
  if (statuses.includes("vướng mắc")) return "vướng mắc";
  if (statuses.every((x) => x === null)) return "chưa cập nhật";
  if (statuses.every((x) => x === "hoàn thành")) return "hoàn thành";
  return "đang thực hiện";
}

/** The state of every unit that has a cell in the snapshot. */
export function unitStates(s: ProgressSnapshot): Map<number, UnitState> {
  const by = new Map<number, (Status | null)[]>();
  for (const c of s.cells.values()) {
    const list = by.get(c.unitId);
    if (list) list.push(c.status);
    else by.set(c.unitId, [c.status]);
  }
  const out = new Map<number, UnitState>();
  for (const u of s.units) {
    const state = stateOf(by.get(u.id) ?? []);
    if (state) out.set(u.id, state);
  }
  return out;
}
