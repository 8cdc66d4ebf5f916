// Obligations from a table of tasks ("TT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian
// hoàn thành"): the header row names the columns, each row below it is one task with its lead unit
// and its time. The lead unit is the "chủ trì"/"thực hiện" column, never the "phối hợp" one.
import { cellTexts } from "../document/tables";
import type { ScheduleItem } from "../types";
import { key } from "../vietnamese";
import { findRecipient } from "./recipient";
import { clauseSchedule } from "./schedule";
import { unitListAt } from "./units";

export interface TableColumns {
  task: number;
  responsible: number | null;
  time: number | null;
}

const TASK_HEAD = /^(?:noi dung|nhiem vu|cong viec|hoat dong|giai phap|ten (?:nhiem vu|hoat dong|cong viec|de an|du an)|noi dung (?:cong viec|nhiem vu|thuc hien))/u;
const LEAD_HEAD = /(?:chu tri|thuc hien|phu trach|trach nhiem|don vi|co quan)/u;
const PARTNER_HEAD = /phoi hop/u;
const TIME_HEAD = /^(?:thoi gian|thoi han|tien do|han|moc thoi gian)/u;
// A time cell that says when work goes on, not when it is due ("Thường xuyên", "Cả năm").
const ONGOING = /^(?:thuong xuyen|ca nam|trong nam|hang ngay|hang nam|lien tuc|suot nam)$/u;

/** The columns of a header row, or null when the row is not a task table's header. */
export function headerColumns(paragraph: string): TableColumns | null {
  const cells = cellTexts(paragraph).map((c) => key(c));
  const task = cells.findIndex((c) => TASK_HEAD.test(c));
  if (task < 0 || cells.some((c) => /^\d+$/u.test(c))) return null;
  const responsible = cells.findIndex((c, i) => i !== task && LEAD_HEAD.test(c) && !PARTNER_HEAD.test(c) && !TIME_HEAD.test(c));
  const time = cells.findIndex((c) => TIME_HEAD.test(c));
  return { task, responsible: responsible < 0 ? null : responsible, time: time < 0 ? null : time };
}

export interface RowTask {
  task: string;
  responsible: string[];
  recipient: string | null;
  schedule: ScheduleItem[];
}

/** The task of one data row under `columns`, or null when the row has no task text. */
export function rowTask(paragraph: string, columns: TableColumns): RowTask | null {
  const cells = cellTexts(paragraph);
  const task = cells[columns.task]?.trim();
  if (!task || task.length < 4) return null;
  const lead = columns.responsible === null ? "" : (cells[columns.responsible] ?? "").trim();
  // The cell holds only names: a list when unit names cover it, else the cell as written.
  const cell = lead.replace(/[.;,\s]+$/u, "");
  const listed = cell ? unitListAt(cell, 0) : [];
  const responsible = listed.length && listed[listed.length - 1].end >= cell.length ? listed.map((u) => u.name) : cell ? [cell] : [];
  const time = columns.time === null ? "" : (cells[columns.time] ?? "").trim();
  const when = ONGOING.test(key(time)) ? "" : time;
  const schedule = clauseSchedule(when ? `${task} | ${when}` : task).items;
  return { task: task.charAt(0).toLocaleUpperCase("vi") + task.slice(1), responsible, recipient: findRecipient(task)?.name ?? null, schedule };
}
