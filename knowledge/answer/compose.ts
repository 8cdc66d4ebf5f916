// The words of replies that are not answers (an empty or unreadable question, no plans loaded),
// in Vietnamese and English; render.ts holds the words of answers.
export type Lang = "vi" | "en";

export function daysLeftText(days: number, lang: Lang): string {
  if (lang === "en") return days === 0 ? "today is the last day" : days === 1 ? "1 day left" : `${days} days left`;
  return days === 0 ? "hôm nay là hạn cuối" : `còn ${days} ngày`;
}

export const T = {
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
};
