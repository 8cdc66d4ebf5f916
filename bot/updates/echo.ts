// How an entry is shown back: what was understood, and how to correct it.
import { formatDate } from "../core/replies";
import type { ReportEntry } from "./entries";
import { obligationLabel } from "./match";
import { periodLabel } from "../../knowledge/time";

export const EDIT_HINT = 'Gõ "sửa ..." để sửa (ví dụ: "sửa 90%", "sửa: vướng mắc, chờ kinh phí", "sửa 6 tháng đầu năm" để đổi kỳ báo cáo) hoặc "hủy" để rút lại.';

export function statusLine(e: Pick<ReportEntry, "status" | "percent">): string {
  return e.percent !== null && e.percent !== undefined ? `${e.status} (${e.percent}%)` : e.status;
}

export function entryDetails(e: ReportEntry): string {
  const lines = [
    `• Đơn vị: ${e.unitName}`,
    `• Nhiệm vụ: ${e.task ? obligationLabel({ task: e.task }) : "chưa gắn với nhiệm vụ nào trong kế hoạch"}`,
    `• Kỳ báo cáo: ${periodLabel(e.period)}`,
    `• Tình trạng: ${statusLine(e)}`,
  ];
  if (e.doneOn) lines.push(`• Ngày thực hiện: ${formatDate(e.doneOn)}`);
  if (e.note) lines.push(`• Ghi chú: ${e.note}`);
  return lines.join("\n");
}

/** One line of a listing. */
export function entryLine(e: ReportEntry, withUnit: boolean): string {
  const what = e.task ? obligationLabel({ task: e.task }, 80) : "(nội dung khác)";
  const parts = [`[${periodLabel(e.period)}]`, withUnit ? `${e.unitName}:` : "", what, "—", statusLine(e)];
  if (e.note) parts.push(`— ${e.note}`);
  parts.push(`(${formatDate(e.updatedAt)})`);
  return parts.filter(Boolean).join(" ");
}
