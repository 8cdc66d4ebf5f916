// "tổng hợp tiến độ [kỳ]": the coordinator's overview by chat: how many units are done, in
// progress, blocked or have not reported in the period, the overdue tasks by name, and a link to
// the board. Members are refused (they see their own entries with "tiến độ").
import { commandKey } from "../core/context";
import { formatDate, needCoordinator, reply } from "../core/replies";
import type { CommandHandler } from "../turn";
import { halfYearOf, periodFor } from "../updates/period";
import { periodWords } from "../../knowledge/time";
import { byName, loadProgress, unitStates } from "./progress";

const SUMMARY_RE = /^(?:tong hop|tom tat|tinh hinh)\s+tien do\b\s*(.*)$|^tien do tong hop\b\s*(.*)$/;
const MAX_OVERDUE = 10;

export function createSummaryHandler(o: { boardUrl?: string | null } = {}): CommandHandler {
  return async (ctx) => {
    const m = SUMMARY_RE.exec(commandKey(ctx.msg.text));
    if (!m) return null;
    const refused = needCoordinator(ctx, "xem tổng hợp tiến độ các đơn vị");
    if (refused) return refused;
    const words = periodWords(m[1] ?? m[2] ?? "");
    const period = words.kind || words.year ? periodFor(words, ctx.today) : halfYearOf(ctx.today);
    const s = await loadProgress(ctx.db, { period, today: ctx.today });
    const link = o.boardUrl ? `\nXem bảng tiến độ: ${o.boardUrl}` : "";
    if (!s.plans.length) return reply(`Không có kế hoạch nào có hiệu lực trong ${s.periodLabel}.${link}`);
    const states = unitStates(s);
    const counted = [...states.values()];
    if (!counted.length) return reply(`Chưa có đơn vị nào của cơ quan được giao nhiệm vụ trong ${s.periodLabel} (mời đơn vị bằng "tạo mã mời").${link}`);
    const n = (st: string) => counted.filter((x) => x === st).length;
    const unitName = new Map(s.units.map((u) => [u.id, u.name]));
    const taskOf = new Map(s.tasks.map((t) => [`${t.planId}|${t.obligationId}`, t]));
    const overdue = [...s.cells.values()]
      .filter((c) => c.overdue)
      .map((c) => ({ unit: unitName.get(c.unitId) ?? "", task: taskOf.get(`${c.planId}|${c.obligationId}`) }))
      .sort((a, b) => byName(a.unit, b.unit));
    const lines = [
      `Tổng hợp tiến độ ${s.periodLabel} (đến ${formatDate(ctx.today)}), ${counted.length} đơn vị:`,
      `• Hoàn thành: ${n("hoàn thành")}`,
      `• Đang thực hiện: ${n("đang thực hiện")}`,
      `• Vướng mắc: ${n("vướng mắc")}`,
      `• Chưa cập nhật: ${n("chưa cập nhật")}`,
    ];
    if (overdue.length) {
      lines.push(`Quá hạn (${overdue.length}):`);
      for (const x of overdue.slice(0, MAX_OVERDUE)) {
        const task = x.task ? (x.task.task.length > 90 ? `${x.task.task.slice(0, 89)}…` : x.task.task) : "";
        lines.push(`• ${x.unit}: ${task}${x.task?.due ? ` (hạn ${formatDate(x.task.due)})` : ""}`);
      }
      if (overdue.length > MAX_OVERDUE) lines.push(`… và ${overdue.length - MAX_OVERDUE} việc quá hạn khác.`);
    } else lines.push("Không có việc nào quá hạn.");
    return reply(lines.join("\n") + link, ["chưa cập nhật", "xuất báo cáo"]);
  };
}
