// Labelled lines under a task item: "Thời gian thực hiện: Quý II/2025", "Đơn vị thực hiện: Văn
// phòng - Thống kê xã", "Đơn vị phối hợp: ...". They complete the task above them (its lead unit and
// its time) and are not tasks of their own.
import type { ScheduleItem } from "../types";
import { clauseSchedule } from "./schedule";
import { unitListAt } from "./units";

export type FieldKind = "time" | "lead" | "partner" | "product";

export interface Field {
  kind: FieldKind;
  /** The text after the label. */
  value: string;
}

const FIELD_RE =
  /^(?:(Thời gian(?: thực hiện| hoàn thành| triển khai)?|Thời hạn(?: hoàn thành| thực hiện)?|Tiến độ(?: thực hiện)?|Hạn hoàn thành)|((?:Đơn vị|Cơ quan|Bộ phận|Người)(?: chịu trách nhiệm)? (?:thực hiện|chủ trì|phụ trách)|Chủ trì(?: thực hiện)?|Trách nhiệm(?: thực hiện)?)|((?:Đơn vị|Cơ quan)? ?[Pp]hối hợp(?: thực hiện)?)|(Sản phẩm(?: đầu ra)?|Kết quả đầu ra|Kinh phí))\s*:\s*/u;

/** The field a clause is, or null. */
export function fieldOf(text: string): Field | null {
  const m = FIELD_RE.exec(text);
  if (!m) return null;
  const kind: FieldKind = m[1] ? "time" : m[2] ? "lead" : m[3] ? "partner" : "product";
  return { kind, value: text.slice(m[0].length).trim() };
}

/** The lead units a "lead" field names: the unit names, else its words up to the first comma. */
export function fieldUnits(value: string): string[] {
  const units = unitListAt(value, 0).map((u) => u.name);
  if (units.length) return units;
  const plain = value.split(/[,;.(]/u)[0].trim();
  return plain ? [plain] : [];
}

export function fieldSchedule(value: string): ScheduleItem[] {
  return clauseSchedule(value).items;
}
