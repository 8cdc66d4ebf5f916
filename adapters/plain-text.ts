// Outgoing messages as plain text, for channels without cards or buttons (Zalo, and the text part
// of Teams and web replies): the answer, then one line per citation, then the quick replies.
import type { Citation, OutgoingMessage, UpdateFormMessage } from "../bot/messages";

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
  if (form.statuses.length > 0) lines.push("", `Trạng thái: ${form.statuses.join(" / ")}`);
  lines.push("", "Trả lời theo mẫu: cập nhật <tên việc>: <trạng thái> <phần trăm>%, <ghi chú>");
  return lines.join("\n");
}

/** The whole message as text; a file becomes its caption plus `fileLine` (e.g. a download link). */
export function plainText(msg: OutgoingMessage, fileLine?: string): string {
  switch (msg.kind) {
    case "text": {
      const lines = [msg.text];
      if (msg.citations?.length) lines.push("", ...msg.citations.map(citationLine));
      if (msg.quickReplies?.length) lines.push("", quickReplyHint(msg.quickReplies));
      return lines.join("\n");
    }
    case "update_form":
      return updateFormText(msg);
    case "file":
      return fileLine ? `${msg.caption}\n${fileLine}` : msg.caption;
  }
}
