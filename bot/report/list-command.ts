// Reading progress by chat: "tiến độ" (mine), "tiến độ đơn vị [tên]" and "tiến độ báo cáo 6
// tháng" (coordinators: everyone's; members: their own), "chưa cập nhật [kỳ]" (coordinators).
import { commandKey } from "../core/context";
import { needCoordinator, needUser, reply } from "../core/replies";
import { UserInputError } from "../errors";
import type { OutgoingMessage } from "../messages";
import type { CommandHandler, TurnContext } from "../turn";
import { listEntries, type ReportEntry } from "../updates/entries";
import { entryLine } from "../updates/echo";
import { parseUpdate } from "../updates/parse";
import { halfYearOf, periodFor } from "../updates/period";
import { periodLabel, periodsWithin, periodWords } from "../../knowledge/time";
import { findUnits } from "../users/units";

const LIST_RE = /^tien do\b\s*(.*)$/;
const UNIT_RE = /^(?:cua\s+)?don vi\b\s*(.*)$/;
const NOT_UPDATED_RE = /^(?:chua cap nhat|don vi chua cap nhat|ai chua cap nhat)\b\s*(.*)$/;
export const MAX_LINES = 20;

function listing(title: string, entries: ReportEntry[], withUnit: boolean, empty: string): OutgoingMessage[] {
  if (!entries.length) return reply(empty);
  const lines = entries.slice(0, MAX_LINES).map((e, i) => `${i + 1}. ${entryLine(e, withUnit)}`);
  const more = entries.length > MAX_LINES ? `\n… và ${entries.length - MAX_LINES} cập nhật khác. Gõ "xuất báo cáo" để có bản đầy đủ.` : "";
  return reply(`${title} (${entries.length}):\n${lines.join("\n")}${more}`);
}

/** Latest entry per (unit, obligation): what a coordinator wants to see. */
function latestPerTask(entries: ReportEntry[]): ReportEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    const k = `${e.unitId}|${e.planId}|${e.obligationId ?? `#${e.id}`}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function isUpdate(ctx: TurnContext): boolean {
  if (ctx.msg.text.includes(":")) return true;
  try {
    return parseUpdate(ctx.msg.text, ctx.today) !== null;
  } catch (err) {
    if (err instanceof UserInputError) return true; // the update handler explains the error
    throw err;
  }
}

export const listHandler: CommandHandler = async (ctx) => {
  const m = LIST_RE.exec(commandKey(ctx.msg.text));
  if (!m || isUpdate(ctx)) return null;
  const missing = needUser(ctx);
  if (missing || !ctx.user) return missing;
  const user = ctx.user;
  const rest = m[1].replace(/^cua toi\b\s*/, "");
  const unitM = UNIT_RE.exec(rest);
  if (unitM) {
    const name = unitM[1].trim();
    let unitId = user.unitId;
    let unitName = user.unitName;
    if (name) {
      const units = await findUnits(ctx.db, name);
      if (units.length === 0) return reply(`Không tìm thấy đơn vị "${name}". Gõ "tiến độ đơn vị" để xem đơn vị của bạn.`);
      if (units.length > 1) return reply(`Có nhiều đơn vị khớp với "${name}": ${units.map((u) => u.name).join("; ")}. Vui lòng ghi đầy đủ tên.`);
      unitId = units[0].id;
      unitName = units[0].name;
    }
    if (user.role === "member") {
      const whose = unitId === user.unitId ? "của cả đơn vị" : `của đơn vị khác (${unitName})`;
      return reply(`Xin lỗi, bạn không xem được tiến độ ${whose}: vai trò thành viên chỉ xem cập nhật của chính mình (gõ "tiến độ"). Cán bộ tổng hợp của đơn vị xem được toàn đơn vị.`);
    }
    if (unitId === null) return reply('Tài khoản của bạn chưa gắn với đơn vị nào; gõ "tiến độ đơn vị <tên đơn vị>".');
    const entries = latestPerTask(await listEntries(ctx.db, { unitId, limit: 200 }));
    return listing(`Tiến độ của ${unitName}`, entries, false, `${unitName} chưa có cập nhật nào.`);
  }
  const words = periodWords(rest);
  const periods = words.kind || words.year ? periodsWithin(periodFor(words, ctx.today)) : undefined;
  const label = periods ? ` kỳ ${periodLabel(periodFor(words, ctx.today))}` : "";
  if (user.role === "member" || !rest) {
    const entries = await listEntries(ctx.db, { reporterId: user.id, periods, limit: 200 });
    return listing(`Cập nhật của bạn${label}`, entries, false, `Bạn chưa có cập nhật nào${label}. Gửi cập nhật, ví dụ: "cập nhật báo cáo 6 tháng: đang làm".`);
  }
  const entries = latestPerTask(await listEntries(ctx.db, { periods, planId: user.planId, limit: 500 }));
  return listing(`Tiến độ các đơn vị${label}`, entries, true, `Chưa có đơn vị nào cập nhật${label}.`);
};

export const notUpdatedHandler: CommandHandler = async (ctx) => {
  const m = NOT_UPDATED_RE.exec(commandKey(ctx.msg.text));
  if (!m) return null;
  const refused = needCoordinator(ctx, "xem danh sách đơn vị chưa cập nhật");
  if (refused) return refused;
  const words = periodWords(m[1]);
  const period = words.kind || words.year ? periodFor(words, ctx.today) : halfYearOf(ctx.today);
  const planId = ctx.user?.planId ?? null;
  const rows = await ctx.db.query<{ name: string; tasks: number; updated: boolean }>(
    `SELECT n.name, count(DISTINCT (ou.plan_id, ou.obligation_id))::int AS tasks,
       EXISTS (SELECT 1 FROM report_entries e WHERE e.unit_id = n.id AND e.withdrawn_at IS NULL AND e.period = ANY($1::text[])) AS updated
     FROM obligation_units ou JOIN units n ON n.id = ou.unit_id
     WHERE ($2::text IS NULL OR ou.plan_id = $2)
       -- a collective name ("UBND các phường, xã") stands for real units once some are linked
       AND (NOT n.collective OR NOT EXISTS (
         SELECT 1 FROM obligation_units ou2 JOIN units n2 ON n2.id = ou2.unit_id
          WHERE ou2.plan_id = ou.plan_id AND ou2.obligation_id = ou.obligation_id AND NOT n2.collective))
     GROUP BY n.id, n.name ORDER BY n.name`,
    [periodsWithin(period), planId],
  );
  const missing = rows.filter((r) => !r.updated);
  const label = periodLabel(period);
  if (!rows.length) return reply("Chưa có kế hoạch nào ghi đơn vị thực hiện, nên chưa có danh sách đơn vị.");
  if (!missing.length) return reply(`Tất cả ${rows.length} đơn vị có nhiệm vụ đều đã cập nhật cho kỳ ${label}.`);
  const lines = missing.slice(0, 40).map((r) => `• ${r.name} (${r.tasks} nhiệm vụ)`);
  const more = missing.length > 40 ? `\n… và ${missing.length - 40} đơn vị khác.` : "";
  return reply(`Đơn vị chưa cập nhật kỳ ${label}: ${missing.length}/${rows.length}\n${lines.join("\n")}${more}`);
};
