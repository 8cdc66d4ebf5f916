// Greetings, thanks and two overview questions answered from the store before the answering engine
// is called: "kế hoạch nào đang nạp?" (the plans, current ones first) and "tháng này / tuần này có
// việc gì đến hạn?" (dated tasks of the current plans, or of the asker's unit when registered).
import { addDays, daysBetween, daysInMonth, formatVnDate, isoDate } from "../../knowledge/occurrences";
import type { ScheduleItem } from "../../knowledge/types";
import { datedOccurrences } from "../nudges/due-dates";
import { loadOfficeSchedules } from "../nudges/nudge-state";
import { planStates } from "../plans/plan-folder";
import type { DbQuery } from "../storage/db";
import type { CommandHandler, TurnContext } from "../turn";
import { obligationLabel } from "../updates/match";
import { periodLabel } from "../../knowledge/time";
import { commandKey } from "./context";
import { reply } from "./replies";

export const EXAMPLES = ["khi nào nộp báo cáo 6 tháng?", "tháng này có việc gì đến hạn?", "kế hoạch nào đang được nạp?", "help"];

const GREETING_RE = /^(?:xin chao|chao|chao ban|chao bot|chao tro ly|hello|hi|hey|alo|good (?:morning|afternoon))(?:\s+(?:ban|bot|tro ly|anh|chi|em|ad|admin))*\s*[!.,]*$/;
const THANKS_RE = /^(?:(?:ok|vang|da|duoc)\s+)?(?:cam on|cam on ban|cam on nhieu|thanks?|thank you|tks|thanks a lot)(?:\s+(?:ban|bot|tro ly|nhieu|nha|nhe|a))*\s*[!.]*$/;
const PLANS_RE = /\b(?:(?:nhung|cac|danh sach)\s+ke hoach|ke hoach nao|bao nhieu ke hoach|which plans|what plans|loaded plans)\b/;
const DUE_RE = /\b(?:thang nay|tuan nay|this (?:month|week))\b.*\b(?:den han|han|phai nop|phai lam|can lam|due|deadlines?)\b|\b(?:viec gi|co gi|nhung viec|han nao|deadlines?|due)\b.*\b(?:thang nay|tuan nay|this (?:month|week))\b/;

function cleanKey(text: string): string {
  return commandKey(text).replace(/[?!.…]+$/u, "").trim();
}

export const smallTalkHandler: CommandHandler = async (ctx) => {
  const k = cleanKey(ctx.msg.text);
  if (GREETING_RE.test(k)) {
    const who = ctx.user ? `Chào ${ctx.user.name}! ` : "Xin chào! ";
    return reply(
      `${who}Tôi là Trợ lý Kế hoạch: tôi trả lời câu hỏi về nhiệm vụ, thời hạn và nơi nhận báo cáo trong các kế hoạch đã nạp (kèm trích dẫn), ghi nhận cập nhật tiến độ và nhắc hạn. Bạn có thể hỏi, ví dụ: "khi nào nộp báo cáo 6 tháng?".`,
      EXAMPLES,
    );
  }
  if (THANKS_RE.test(k)) return reply("Không có gì ạ. Khi cần, bạn cứ hỏi tiếp hoặc gõ \"help\" để xem tôi làm được gì.", ["help"]);
  if (PLANS_RE.test(k) && !/\b(?:han|khi nao|ai|bao gio)\b/.test(k)) return plansReply(ctx);
  if (DUE_RE.test(k)) return dueReply(ctx, /\b(?:tuan nay|this week)\b/.test(k) ? "week" : "month");
  return null;
};

async function plansReply(ctx: TurnContext) {
  const states = await planStates(ctx.db, ctx.today);
  const shown = states.filter((p) => p.state !== "retired");
  if (!shown.length) return reply("Chưa có kế hoạch nào được nạp. Quản trị viên đặt tệp kế hoạch vào thư mục PLANS_DIR rồi khởi động lại máy chủ.");
  const span = (p: (typeof shown)[number]) => (p.period ? ` (${p.period.from === p.period.to ? p.period.from : `${p.period.from}–${p.period.to}`})` : "");
  const lines = shown.map((p) => `• ${p.title}${span(p)}${p.state === "ended" ? " — đã hết thời hạn" : ""}`);
  const current = shown.filter((p) => p.state === "current").length;
  return reply(`Đang nạp ${shown.length} kế hoạch (${current} còn hiệu lực, ${shown.length - current} đã hết thời hạn):\n${lines.join("\n")}`, ["tháng này có việc gì đến hạn?"]);
}

interface DueRow {
  plan_id: string;
  id: string;
  task: string;
  schedule: ScheduleItem[];
  title: string;
  validity: { from?: unknown; to?: unknown } | null;
}

/** Dated tasks of the current plans whose last day falls in [from, to]; the unit's own when given. */
export async function dueBetween(q: DbQuery, from: string, to: string, unitId: number | null) {
  const rows = await q.query<DueRow>(
    `SELECT o.plan_id, o.id, o.task, o.schedule, p.title, p.meta->'period' AS validity
       FROM obligations o JOIN plans p ON p.id = o.plan_id
      WHERE p.retired_at IS NULL
        AND ($1::int IS NULL OR EXISTS (SELECT 1 FROM obligation_units ou WHERE ou.plan_id = o.plan_id AND ou.obligation_id = o.id AND ou.unit_id = $1))
      ORDER BY o.plan_id, o.ord`,
    [unitId],
  );
  const office = await loadOfficeSchedules(q);
  const out: { task: string; planTitle: string; lastDay: string; periodKey: string; text: string; byOffice: boolean }[] = [];
  for (const r of rows) {
    const validity = r.validity && typeof r.validity.from === "number" && typeof r.validity.to === "number" ? { from: r.validity.from, to: r.validity.to } : null;
    for (const o of datedOccurrences(r.schedule, office.get(`${r.plan_id}|${r.id}`) ?? [], from, to, validity)) {
      out.push({ task: r.task, planTitle: r.title, lastDay: o.lastDay, periodKey: o.periodKey, text: o.due.text, byOffice: o.setByOffice });
    }
  }
  return out.sort((a, b) => a.lastDay.localeCompare(b.lastDay));
}

async function dueReply(ctx: TurnContext, span: "week" | "month") {
  const today = ctx.today;
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  const to = span === "month" ? isoDate(y, m, daysInMonth(y, m)) : addDays(today, 6 - weekday);
  const unitId = ctx.user?.unitId ?? null;
  const items = await dueBetween(ctx.db, today, to, unitId);
  const scope = unitId !== null ? `của ${ctx.user?.unitName ?? "đơn vị bạn"}` : "trong các kế hoạch đang thực hiện";
  const when = span === "month" ? `tháng ${m}/${y}` : `tuần này (đến ${formatVnDate(to)})`;
  if (!items.length) {
    return reply(`Không có việc nào ${scope} có hạn trong ${when} (tính từ hôm nay ${formatVnDate(today)}). Các việc kế hoạch không nêu ngày không được tính; gõ "lịch nhắc" để xem các hạn sắp tới.`, ["lịch nhắc"]);
  }
  const lines = items.slice(0, 10).map((i) => {
    const left = daysBetween(today, i.lastDay);
    return `• ${obligationLabel({ task: i.task }, 90)} (kỳ ${periodLabel(i.periodKey)}): hạn cuối ${formatVnDate(i.lastDay)}, ${left === 0 ? "hôm nay" : `còn ${left} ngày`}; ${i.byOffice ? "hạn do văn phòng đặt" : `kế hoạch ghi "${i.text}"`} — ${i.planTitle}`;
  });
  const more = items.length > 10 ? `\n... và ${items.length - 10} việc khác.` : "";
  return reply(`Việc ${scope} đến hạn trong ${when}:\n${lines.join("\n")}${more}`);
}
