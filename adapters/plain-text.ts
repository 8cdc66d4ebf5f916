// Outgoing messages as plain text, for channels without cards or buttons (Zalo, the terminal, and
// the text part of Teams and web replies): the answer, then one line per citation the answer does
// not already quote, then the quick replies.
import type { Citation, OutgoingMessage, TextMessage, UpdateFormMessage } from "../bot/messages";

const squash = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();

/**
 * The citations still worth showing under the text: an answer from knowledge/ already writes
 * "Nguồn: … “quote”" lines, and the same quote twice is noise. A citation the text lacks is kept.
 */
export function citationsToShow(msg: Pick<TextMessage, "text" | "citations">): Citation[] {
  const text = squash(msg.text);
  return (msg.citations ?? []).filter((c) => !c.quote.trim() || !text.includes(squash(c.quote)));
}

export function citationLine(c: Citation): string {
  const where = c.section ? `${c.planTitle}, ${c.section}` : c.planTitle;
  return `📄 ${where}: “${c.quote}”`;
}

export function quickReplyHint(replies: string[]): string {
  return `↩ ${replies.map((r) => `“${r}”`).join(" · ")}`;
}

export function updateFormText(form: UpdateFormMessage): string {
  const lines = [form.text];
  if (form.obligations.length > 0) {
    lines.push("", "Việc:");
    form.obligations.forEach((o, i) => lines.push(`${i + 1}. ${o.label}`));
  }
  if (form.statuses.length > 0) lines.push("", `Tình trạng: ${form.statuses.join(" / ")}`);
  // The core reads "N: <tình trạng> <phần trăm>%, <ghi chú>" against this numbered list.
  const example = form.obligations.length > 0 ? "1: đang thực hiện 60%, chờ số liệu phường" : "cập nhật: đang thực hiện 60%, chờ số liệu phường";
  const how = form.obligations.length > 0 ? "Gõ số thứ tự của việc kèm tình trạng, phần trăm và ghi chú" : "Gõ cập nhật kèm tình trạng, phần trăm và ghi chú";
  lines.push("", `${how}, ví dụ: “${example}”`);
  return lines.join("\n");
}

/** The whole message as text; a file becomes its caption plus `fileLine` (e.g. a download link). */
export function plainText(msg: OutgoingMessage, fileLine?: string): string {
  switch (msg.kind) {
    case "text": {
      const lines = [msg.text];
      const cited = citationsToShow(msg);
      if (cited.length) lines.push("", ...cited.map(citationLine));
      if (msg.quickReplies?.length) lines.push("", quickReplyHint(msg.quickReplies));
      return lines.join("\n");
    }
    case "update_form":
      return updateFormText(msg);
    case "file":
      return fileLine ? `${msg.caption}\n${fileLine}` : msg.caption;
  }
}
