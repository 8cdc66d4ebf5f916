// A draft answer as text: the fact first in one or two lines, then the source once (plan, section,
// a quote of at most one sentence). English answers label the facts in English and quote the
// Vietnamese words of the plan.
import { formatVnDate } from "../occurrences";
import type { Ask } from "./ask";
import { daysLeftText, type Lang } from "./compose";
import type { AnswerDraft } from "./draft";

const LABEL: Record<Ask, [string, string]> = {
  deadline: ["Hạn", "Due"],
  duration: ["Thời hạn", "Time limit"],
  recipient: ["Gửi về", "Send to"],
  responsible: ["Đơn vị thực hiện", "Responsible"],
  recurrence: ["Định kỳ", "How often"],
  method: ["Cách thực hiện", "How"],
  contact: ["Địa chỉ", "Address"],
  annex: ["Biểu mẫu, phụ lục", "Form or annex"],
  money: ["Mức tiền", "Amount"],
  funding: ["Nguồn kinh phí", "Funded from"],
  quantity: ["Con số", "Figure"],
  signer: ["Người ký", "Signed by"],
  person: ["Người", "Person"],
  issued: ["Ngày ký", "Signed on"],
  content: ["", ""],
};

const OFFICE_LABEL: [string, string] = ["Hạn do văn phòng đặt (kế hoạch không nêu ngày)", "Deadline set by the office (the plan gives no date)"];

const S = {
  notFound: ["Không tìm thấy thông tin này trong các kế hoạch đã nạp.", "I could not find this in the loaded plans."],
  closest: ["Nội dung gần nhất", "The closest passage"],
  periodNoDate: ["Kế hoạch nêu kỳ này nhưng không nêu ngày cụ thể", "The plan states this period but gives no date"],
  lastDay: ["hạn cuối", "last day"],
  ended: ["kế hoạch đã kết thúc", "the plan has ended"],
  past: ["đã qua", "passed"],
  noDay: ["kế hoạch không nêu ngày cụ thể", "the plan gives no exact day"],
  ifContinued: ["nếu vẫn áp dụng, lần tới", "if it still applies, next"],
  source: ["Nguồn", "Source"],
  according: ["Theo", "According to"],
};
const t = (k: keyof typeof S, lang: Lang) => S[k][lang === "vi" ? 0 : 1];

function quoteValue(value: string, lang: Lang): string {
  return lang === "en" ? `“${value}”` : value;
}

export function renderDraft(d: AnswerDraft): string {
  return [renderOne(d), ...(d.more ?? []).map(renderOne)].join("\n\n");
}

function renderOne(d: AnswerDraft): string {
  const lang = d.language;
  const lines: string[] = [];
  if (d.flags.includes("not-found")) {
    lines.push(t("notFound", lang));
    if (d.source) lines.push(`${t("closest", lang)}: ${sourceLine(d, lang)}`);
    return lines.join("\n");
  }
  if (d.flags.includes("period-no-date")) {
    const said = d.facts[0] ? `: ${quoteValue(d.facts[0].value, lang)}` : "";
    lines.push(`${t("periodNoDate", lang)}${said}.`);
  } else {
    const facts = d.facts.filter((f) => f.value);
    const parts = facts.map((f, i) => {
      const [vi, en] = i === 0 && d.flags.includes("office-date") ? OFFICE_LABEL : LABEL[f.ask];
      const label = lang === "vi" ? vi : en;
      let s = label ? `${label}: ${quoteValue(f.value, lang)}` : f.value;
      if (i === 0 && d.next) {
        const when = `${t("lastDay", lang)} ${formatVnDate(d.next.date)}, ${daysLeftText(d.next.daysLeft, lang)}`;
        s += d.flags.includes("plan-ended") ? ` (${t("ended", lang)}; ${t("ifContinued", lang)}: ${when})` : ` (${when})`;
      } else if (i === 0 && d.lastDay) s += ` (${t("lastDay", lang)} ${formatVnDate(d.lastDay)}, ${t(d.flags.includes("plan-ended") ? "ended" : "past", lang)})`;
      else if (i === 0 && d.flags.includes("plan-ended")) s += ` (${t("ended", lang)})`;
      else if (i === 0 && d.flags.includes("no-day")) s += ` (${t("noDay", lang)})`;
      return s;
    });
    if (parts.length) lines.push(parts.join(" · "));
  }
  if (d.source) lines.push(`${lines.length ? `${t("source", lang)}:` : t("according", lang)} ${sourceLine(d, lang)}`);
  return lines.join("\n");
}

function sourceLine(d: AnswerDraft, lang: Lang): string {
  const s = d.source!;
  const where = s.section ? `, ${lang === "vi" ? "mục" : "section"} “${s.section}”` : "";
  return `${s.title}${where}: “${s.excerpt}”`;
}
