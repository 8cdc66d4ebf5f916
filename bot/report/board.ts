// The progress board's data (units × tasks of the current plans for a period), as the web board
// draws it, and who may see what: coordinators and admins every unit, members their own unit's row.
import { formatDate } from "../core/replies";
import type { DbQuery } from "../storage/db";
import type { TurnUser } from "../turn";
import { halfYearOf } from "../updates/period";
import { isPeriodKey, periodLabel } from "../../knowledge/time";
import { STATUSES, type Status } from "../updates/status";
import { byName, loadProgressGrid, officeUnits, stateOf, type UnitState } from "./progress";

export interface BoardQuery {
  period?: string;
  planId?: string;
  unitId?: number;
}

/**
 * [status as its index in `statuses` or null, percent or null, overdue 0/1, the plan makes the unit
 * responsible 0/1]; null: not the unit's task. Numbers, not words: 20,000 cells stay a small JSON.
 */
export type BoardCell = [number | null, number | null, 0 | 1, 0 | 1] | null;

export interface BoardData {
  period: string;
  periodLabel: string;
  today: string;
  /** Periods the filter offers. */
  periods: { key: string; label: string }[];
  plans: { id: string; title: string }[];
  /** Every unit the viewer may pick in the unit filter. */
  unitOptions: { id: number; name: string }[];
  tasks: { planId: string; obligationId: string; task: string; due: string | null; dueText: string | null }[];
  rows: { unitId: number; name: string; lastUpdate: string | null; state: UnitState | null; cells: BoardCell[] }[];
  /** `units`: ids of the units responsible (their names are in unitOptions: 200 names per deadline made most of the JSON). */
  upcoming: { task: string; lastDay: string; dueText: string; daysLeft: number; units: number[] }[];
  counts: Record<UnitState, number>;
  statuses: readonly Status[];
  viewer: { name: string; role: TurnUser["role"]; unitName: string | null; canExport: boolean };
}

export type BoardResult = { ok: true; data: BoardData } | { ok: false; status: 400 | 401 | 403; error: string };

const STATUS_INDEX = Object.fromEntries(STATUSES.map((st, i) => [st, i])) as Record<Status, number>;

function periodOptions(today: string): { key: string; label: string }[] {
  const y = Number(today.slice(0, 4));
  const keys = [halfYearOf(today), `${y}-H${halfYearOf(today).endsWith("1") ? 2 : 1}`, `${y - 1}-H2`, String(y), String(y - 1)];
  return [...new Set(keys)].map((key) => ({ key, label: periodLabel(key) }));
}

/**
 * The board for `viewer` (the signed-in user; null when not registered). The period defaults to the
 * half-year of `today`. A member asking for another unit gets 403.
 */
export async function boardFor(q: DbQuery, viewer: TurnUser | null, query: BoardQuery, today: string): Promise<BoardResult> {
  if (!viewer) return { ok: false, status: 401, error: "Bạn chưa đăng ký. Mở trang trò chuyện, gõ \"đăng ký MÃ\" với mã mời của bạn, rồi mở lại bảng tiến độ." };
  const period = query.period ?? halfYearOf(today);
  if (!isPeriodKey(period)) return { ok: false, status: 400, error: `Kỳ "${period}" không hợp lệ; dùng dạng 2027-H1, 2027-Q2 hoặc 2027.` };
  let unitId = query.unitId ?? null;
  if (viewer.role === "member") {
    if (viewer.unitId === null) return { ok: false, status: 403, error: "Tài khoản của bạn chưa gắn với đơn vị nào." };
    if (unitId !== null && unitId !== viewer.unitId) return { ok: false, status: 403, error: "Bạn chỉ xem được tiến độ của đơn vị mình." };
    unitId = viewer.unitId;
  }
  const s = await loadProgressGrid(q, { period, today, planId: query.planId ?? null, unitId, lean: true });
  const counts: Record<UnitState, number> = { "hoàn thành": 0, "đang thực hiện": 0, "vướng mắc": 0, "chưa cập nhật": 0 };
  const rows = s.units.map((u) => {
    const g = s.grid.get(u.id);
    const cells: BoardCell[] = new Array<BoardCell>(s.tasks.length).fill(null);
    const statuses: (Status | null)[] = [];
    if (g) {
      s.tasks.forEach((t, i) => {
        const e = g.latest[i];
        const responsible = g.responsible[i] as 0 | 1;
        if (!e && !responsible) return;
        cells[i] = e ? [STATUS_INDEX[e.status], e.percent, t.duePassed && e.status !== "hoàn thành" ? 1 : 0, responsible] : [null, null, t.duePassed ? 1 : 0, 1];
        statuses.push(e ? e.status : null);
      });
    }
    const state = stateOf(statuses) ?? null;
    if (state) counts[state]++;
    return { unitId: u.id, name: u.name, lastUpdate: u.lastUpdate ? formatDate(u.lastUpdate) : null, state, cells };
  });
  // Members: only their unit's tasks as columns.
  const keep = s.tasks.map((_, i) => viewer.role !== "member" || rows.some((r) => r.cells[i] !== null));
  const unitOptions =
    viewer.role === "member" || unitId === null
      ? rows.map((r) => ({ id: r.unitId, name: r.name }))
        : (await officeUnits(q)).sort((a, b) => byName(a.name, b.name)).map((u) => ({ id: u.id, name: u.name }));
  return {
    ok: true,
    data: {
      period,
      periodLabel: periodLabel(period),
      today,
      periods: periodOptions(today).some((p) => p.key === period) ? periodOptions(today) : [{ key: period, label: periodLabel(period) }, ...periodOptions(today)],
      plans: s.plans.map((p) => ({ id: p.id, title: p.title })),
      unitOptions,
      tasks: s.tasks.filter((_, i) => keep[i]).map((t) => ({ planId: t.planId, obligationId: t.obligationId, task: t.task, due: t.due, dueText: t.due ? formatDate(t.due) : null })),
      rows: viewer.role === "member" ? rows.map((r) => ({ ...r, cells: r.cells.filter((_, i) => keep[i]) })) : rows,
      upcoming: s.upcoming.map((u) => ({ task: u.task, lastDay: u.lastDay, dueText: formatDate(u.lastDay), daysLeft: u.daysLeft, units: u.unitIds })),
      counts,
      statuses: STATUSES,
      viewer: { name: viewer.name, role: viewer.role, unitName: viewer.unitName, canExport: viewer.role !== "member" },
    },
  };
}
