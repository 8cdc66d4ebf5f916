// "xuất báo cáo 6 tháng [docx|csv|md]": coordinators and admins get the draft report as a file,
// over every plan current in the period (not only the user's own plan).
import { commandKey } from "../core/context";
import { needCoordinator, reply } from "../core/replies";
import type { CommandHandler } from "../turn";
import { halfYearOf, periodFor } from "../updates/period";
import { periodWords } from "../../knowledge/time";
import { reportFileMessage, type ReportFormat } from "./export";
import { NO_OFFICE, type OfficeSettings } from "./model";

const EXPORT_RE = /^(?:xuat|export|tai|tao)\s+(?:bao cao|bc|report|du thao bao cao)\b\s*(.*)$/;

function formatOf(rest: string): ReportFormat {
  if (/\b(?:csv|excel|xlsx?)\b/.test(rest)) return "csv";
  if (/\b(?:md|markdown|van ban)\b/.test(rest)) return "md";
  return "docx";
}

/** The export command; `office` fills the report header and signature (configuration). */
export function createExportHandler(office: OfficeSettings = NO_OFFICE): CommandHandler {
  return async (ctx) => {
    const m = EXPORT_RE.exec(commandKey(ctx.msg.text));
    if (!m) return null;
    const refused = needCoordinator(ctx, "xuất báo cáo tổng hợp");
    if (refused) return refused;
    const rest = m[1];
    const words = periodWords(ctx.msg.text);
    const period = words.kind || words.year ? periodFor(words, ctx.today) : halfYearOf(ctx.today);
    const file = await reportFileMessage(ctx.db, { period, format: formatOf(rest), today: ctx.today, office });
    return [file, ...reply(`${file.caption} Đây là bản dự thảo để anh/chị chỉnh sửa trước khi ký gửi.`)];
  };
}

export const exportHandler = createExportHandler();
