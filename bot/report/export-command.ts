// "xuất báo cáo 6 tháng [docx|csv|md]": coordinators and admins get the draft report as a file.
import { commandKey } from "../core/context";
import { needCoordinator, reply } from "../core/replies";
import type { CommandHandler } from "../turn";
import { halfYearOf, periodFor, periodWords } from "../updates/period";
import { reportFileMessage, type ReportFormat } from "./export";

const EXPORT_RE = /^(?:xuat|export|tai|tao)\s+(?:bao cao|bc|report|du thao bao cao)\b\s*(.*)$/;

function formatOf(rest: string): ReportFormat {
  if (/\b(?:csv|excel|xlsx?)\b/.test(rest)) return "csv";
  if (/\b(?:md|markdown|van ban)\b/.test(rest)) return "md";
  return "docx";
}

export const exportHandler: CommandHandler = async (ctx) => {
  const m = EXPORT_RE.exec(commandKey(ctx.msg.text));
  if (!m) return null;
  const refused = needCoordinator(ctx, "xuất báo cáo tổng hợp");
  if (refused) return refused;
  const rest = m[1];
  const words = periodWords(ctx.msg.text);
  const period = words.kind || words.year ? periodFor(words, ctx.today) : halfYearOf(ctx.today);
  const file = await reportFileMessage(ctx.db, { period, format: formatOf(rest), planId: ctx.user?.planId ?? null });
  return [file, ...reply(`${file.caption} Đây là bản dự thảo để anh/chị chỉnh sửa trước khi ký gửi.`)];
};
