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
 * One cell as one small integer, what the page decodes (20,000 cells stay about 90 KB of JSON):
 * 0 = not the unit's task; else bits 0-2 the status (its index in `statuses` plus 1, 0 = not
 * reported), bit 3 overdue, bit 4 the plan makes the unit responsible, bits 5 and up the percent
 * plus 1 (0 = no percent).
 */
export type BoardCell = number;

export function encodeCell(status: number | null, percent: number | null, overdue: boolean, responsible: boolean): BoardCell {
  return (status === null ? 0 : status + 1) | (overdue ? 8 : 0) | (responsible ? 16 : 0) | ((percent === null ? 0 : percent + 1) << 5);
}

export function decodeCell(c: BoardCell): { status: number | null; percent: number | null; overdue: boolean; responsible: boolean } | null {
  if (c === 0) return null;
  const st = c & 7;
  const p = c >> 5;
  return { status: st === 0 ? null : st - 1, percent: p === 0 ? null : p - 1, overdue: (c & 8) !== 0, responsible: (c & 16) !== 0 };
}

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
  /**
   * `task`: the deadline's column in `tasks`. Its units are the rows whose cell in that column has
   * the responsible bit (200 unit ids per deadline made a third of the JSON when sent again here).
   */
  upcoming: { task: number; lastDay: string; dueText: string; daysLeft: number }[];
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
    const cells: BoardCell[] = new Array<BoardCell>(s.tasks.length).fill(0);
    const statuses: (Status | null)[] = [];
    if (g) {
      s.tasks.forEach((t, i) => {
        const e = g.latest[i];
        const responsible = g.responsible[i] as 0 | 1;
        if (!e && !responsible) return;
        cells[i] = e ? encodeCell(STATUS_INDEX[e.status], e.percent, t.duePassed && e.status !== "hoàn thành", responsible === 1) : encodeCell(null, null, t.duePassed, true);
        statuses.push(e ? e.status : null);
      });
    }
    const state = stateOf(statuses) ?? null;
    if (state) counts[state]++;
    return { unitId: u.id, name: u.name, lastUpdate: u.lastUpdate ? formatDate(u.lastUpdate) : null, state, cells };
  });
  // Members: only their unit's tasks as columns.
  const keep = s.tasks.map((_, i) => viewer.role !== "member" || rows.some((r) => r.cells[i] !== 0));
  const column = new Map(s.tasks.filter((_, i) => keep[i]).map((t, i) => [`${t.planId}|${t.obligationId}`, i]));
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
      upcoming: s.upcoming.flatMap((u) => {
        const col = column.get(`${u.planId}|${u.obligationId}`);
        return col === undefined ? [] : [{ task: col, lastDay: u.lastDay, dueText: formatDate(u.lastDay), daysLeft: u.daysLeft }];
      }),
      counts,
      statuses: STATUSES,
      viewer: { name: viewer.name, role: viewer.role, unitName: viewer.unitName, canExport: viewer.role !== "member" },
    },
  };
}
