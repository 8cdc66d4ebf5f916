// The words of answers, in Vietnamese and English. English answers quote the Vietnamese source.
import { formatVnDate } from "../occurrences";
import { PERIOD_LABEL_VI as PERIOD_VI } from "../obligations/format";
import type { Period } from "../types";

export type Lang = "vi" | "en";

const PERIOD_EN: Record<Period, string> = {
  once: "once",
  monthly: "monthly",
  quarterly: "quarterly",
  half_year: "6-month",
  nine_months: "9-month",
  yearly: "annual",
  multi_year: "multi-year",
  ad_hoc: "ad hoc",
};

export function periodLabel(p: Period, lang: Lang): string {
  return lang === "vi" ? PERIOD_VI[p] : PERIOD_EN[p];
}

/** "9/6" from "2023-06-09". */
export function dayMonth(date: string): string {
  const [, m, d] = date.split("-").map(Number);
  return `${d}/${m}`;
}

export function daysLeftText(days: number, lang: Lang): string {
  if (lang === "en") return days === 0 ? "today is the last day" : days === 1 ? "1 day left" : `${days} days left`;
  return days === 0 ? "hôm nay là hạn cuối" : `còn ${days} ngày`;
}

export function citationLine(title: string, section: string, quote: string, lang: Lang): string {
  const where = section ? (lang === "vi" ? `, mục “${section}”` : `, section “${section}”`) : "";
  return lang === "vi" ? `Nguồn: ${title}${where}: “${quote}”` : `Source: ${title}${where}: “${quote}”`;
}

export const T = {
  notFound: (lang: Lang) =>
    lang === "vi"
      ? "Không tìm thấy thông tin này trong các kế hoạch đã nạp."
      : "I could not find this in the loaded plans.",
  closest: (lang: Lang) => (lang === "vi" ? "Nội dung gần nhất" : "The closest passage"),
  empty: (lang: Lang) =>
    lang === "vi"
      ? "Anh/chị hãy nhập câu hỏi về kế hoạch, ví dụ: “Khi nào nộp báo cáo 6 tháng?”"
      : "Please type a question about the plans, for example: “When is the 6-month report due?”",
  tooLong: (n: number, max: number, lang: Lang) =>
    lang === "vi"
      ? `Câu hỏi dài quá (${n} ký tự). Anh/chị vui lòng hỏi ngắn gọn, dưới ${max} ký tự, ví dụ: “Hạn nộp báo cáo năm là ngày nào?”`
      : `The question is too long (${n} characters). Please ask in under ${max} characters, for example: “When is the annual report due?”`,
  unclear: (lang: Lang) =>
    lang === "vi"
      ? "Xin lỗi, tôi chưa hiểu câu hỏi. Anh/chị hỏi về hạn nộp, đơn vị thực hiện, nơi gửi báo cáo hoặc nội dung của kế hoạch, ví dụ: “Báo cáo 6 tháng gửi về đâu?”"
      : "Sorry, I did not understand the question. Ask about a deadline, who is responsible, where to send a report, or what a plan says, e.g. “Where is the 6-month report sent?”",
  noPlans: (lang: Lang) =>
    lang === "vi"
      ? "Chưa có kế hoạch nào được nạp, nên chưa thể trả lời. Quản trị viên cần nạp kế hoạch trước."
      : "No plans are loaded yet, so I cannot answer. An administrator needs to load the plans first.",
  according: (title: string, lang: Lang) => (lang === "vi" ? `Theo ${title}:` : `According to ${title}:`),
  dueLine: (period: Period, stated: string, lastDay: string | null, lang: Lang) => {
    const p = periodLabel(period, lang);
    if (lang === "vi") return `- Định kỳ ${p}: ${stated}${lastDay ? `, tức hạn cuối là ngày ${lastDay}` : ""}.`;
    return `- ${p[0].toUpperCase()}${p.slice(1)}: “${stated}”${lastDay ? ` (so the last day is ${lastDay})` : ""}.`;
  },
  noDate: (periods: Period[], lang: Lang) => {
    const ps = periods.map((p) => periodLabel(p, lang)).join(", ");
    if (lang === "vi") return periods.length ? `Kế hoạch nêu định kỳ ${ps} nhưng không nêu ngày cụ thể.` : "Kế hoạch không nêu ngày cụ thể.";
    return periods.length ? `The plan sets a ${ps} schedule but gives no date.` : "The plan gives no date.";
  },
  timeOnly: (when: string, lang: Lang) =>
    lang === "vi" ? `- Thời gian: ${when} (kế hoạch không nêu ngày cụ thể).` : `- Time: “${when}” (the plan gives no exact day).`,
  officeDueLine: (period: Period, stated: string, lastDay: string | null, lang: Lang) => {
    const p = periodLabel(period, lang);
    if (lang === "vi") return `- Định kỳ ${p}: Hạn do văn phòng đặt (kế hoạch không nêu ngày): ${stated}${lastDay ? `, tức hạn cuối là ngày ${lastDay}` : ""}.`;
    return `- ${p[0].toUpperCase()}${p.slice(1)}: deadline set by the office (the plan gives no date): “${stated}”${lastDay ? ` (so the last day is ${lastDay})` : ""}.`;
  },
  next: (date: string, days: number, lang: Lang, byOffice = false) => {
    const by = byOffice ? (lang === "vi" ? ", hạn do văn phòng đặt" : ", set by the office") : "";
    return lang === "vi" ? `Hạn tới: ngày ${formatVnDate(date)} (${daysLeftText(days, lang)}${by}).` : `Next due: ${formatVnDate(date)} (${daysLeftText(days, lang)}${by}).`;
  },
  expired: (period: { from: number; to: number }, last: string | null, lang: Lang) => {
    const span = period.from === period.to ? `${period.from}` : `${period.from}-${period.to}`;
    if (lang === "vi") return `Kế hoạch áp dụng cho ${period.from === period.to ? "năm" : "giai đoạn"} ${span}, đã kết thúc${last ? `; hạn cuối cùng theo kế hoạch là ngày ${formatVnDate(last)}` : ""}.`;
    return `The plan covers ${span} and has ended${last ? `; its last deadline was ${formatVnDate(last)}` : ""}.`;
  },
  continued: (date: string, days: number, lang: Lang) =>
    lang === "vi"
      ? `Nếu tiếp tục áp dụng cùng mốc này, hạn tới là ngày ${formatVnDate(date)} (${daysLeftText(days, lang)}).`
      : `If the same schedule still applies, the next one is ${formatVnDate(date)} (${daysLeftText(days, lang)}).`,
  recipient: (r: string, lang: Lang) => (lang === "vi" ? `Gửi về: ${r}.` : `Send to: “${r}”.`),
  responsible: (units: string[], lang: Lang) =>
    lang === "vi" ? `Đơn vị thực hiện: ${units.join("; ")}.` : `Responsible: ${units.map((u) => `“${u}”`).join("; ")}.`,
  signers: (title: string, signers: string[], lang: Lang) =>
    lang === "vi" ? `${title} do ${signers.join(" và ")} ký.` : `${title} was signed by ${signers.join(" and ")}.`,
  issued: (title: string, date: string, place: string | null, lang: Lang) =>
    lang === "vi"
      ? `${title} được ký ngày ${date}${place ? ` tại ${place}` : ""}.`
      : `${title} was signed on ${date}${place ? ` in ${place}` : ""} (day/month/year).`,
  states: (lang: Lang) => (lang === "vi" ? "Kế hoạch nêu:" : "The plan states (in Vietnamese):"),
};
