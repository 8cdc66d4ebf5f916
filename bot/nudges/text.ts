// What a nudge and a coordinator's summary say, in Vietnamese, rendered at send time (so "còn N
// ngày" counts from the day the message actually goes out).
import { daysBetween, formatVnDate } from "../../knowledge/occurrences";
import type { OutgoingMessage } from "../messages";
import { periodLabel } from "../../knowledge/time";
import { weekdayName } from "./calendar";
import type { EscalationPayload, NudgePayload, Payload } from "./planner";

export const DONE_REPLY = "Đã xong";
export const SNOOZE_REPLY = "Nhắc lại sau 2 ngày";

/** "Thứ Sáu, 9/6/2023". */
export function longDate(date: string): string {
  return `${weekdayName(date)}, ${formatVnDate(date)}`;
}

/** "còn 7 ngày", "hôm nay là hạn cuối", "đã quá hạn 1 ngày". */
export function daysLeftText(today: string, lastDay: string): string {
  const left = daysBetween(today, lastDay);
  if (left > 0) return `còn ${left} ngày`;
  if (left === 0) return "hôm nay là hạn cuối";
  return `đã quá hạn ${-left} ngày`;
}

export function dueSource(setByOffice: boolean, dueText: string): string {
  return setByOffice ? "hạn do văn phòng đặt, kế hoạch không nêu ngày" : `kế hoạch ghi "${dueText}"`;
}

function nudgeMessage(p: NudgePayload, today: string): OutgoingMessage {
  const lines = [
    `⏰ ${p.afterSnooze ? "Nhắc lại" : "Nhắc hạn"}: ${p.task}`,
    `Kỳ báo cáo: ${periodLabel(p.periodKey)}. Kế hoạch: ${p.planTitle}.`,
    `Hạn cuối: ${longDate(p.lastDay)} (${dueSource(p.setByOffice, p.dueText)}), ${daysLeftText(today, p.lastDay)}.`,
    `Khi đã hoàn thành, trả lời "${DONE_REPLY}"; cần thêm thời gian, trả lời "${SNOOZE_REPLY}". Không muốn nhận nhắc việc này: "tắt nhắc việc này".`,
  ];
  return { kind: "text", text: lines.join("\n"), quickReplies: [DONE_REPLY, SNOOZE_REPLY] };
}

function escalationMessage(p: EscalationPayload): OutgoingMessage {
  const lines = [`📋 Tổng hợp ngày ${formatVnDate(p.date)}: đơn vị chưa báo cáo hoàn thành việc đã quá hạn`];
  for (const i of p.items) {
    lines.push(
      `• ${i.task} (kỳ ${periodLabel(i.periodKey)}, hạn cuối ${formatVnDate(i.lastDay)}${i.setByOffice ? " do văn phòng đặt" : ""}, ${daysLeftText(p.date, i.lastDay)}; ${i.planTitle}):`,
    );
    for (const u of i.units) lines.push(`   - ${u.name}: ${u.status ? `${u.status}${u.percent != null ? ` ${u.percent}%` : ""}` : "chưa cập nhật"}`);
  }
  return { kind: "text", text: lines.join("\n") };
}

/** The message of a nudge_log row, as the user reads it on `today`. */
export function renderPayload(p: Payload, today: string): OutgoingMessage[] {
  return [p.kind === "nudge" ? nudgeMessage(p, today) : escalationMessage(p)];
}
