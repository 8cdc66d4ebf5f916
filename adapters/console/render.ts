// How replies look in a terminal: text, sources, quick replies as [chips], files saved to disk.
import type { OutgoingMessage } from "../../bot/messages";

export function renderConsole(messages: OutgoingMessage[], savedFiles: Map<OutgoingMessage, string> = new Map()): string {
  const out: string[] = [];
  for (const m of messages) {
    if (m.kind === "text") {
      out.push(m.text);
      if (m.citations?.length) out.push(...m.citations.map((c) => `  Nguồn: ${c.planTitle} — ${c.section}`));
      if (m.quickReplies?.length) out.push(m.quickReplies.map((q) => `[${q}]`).join(" "));
    } else if (m.kind === "update_form") {
      out.push(m.text, ...m.obligations.map((o, i) => `  ${i + 1}. ${o.label}`), `  Tình trạng: ${m.statuses.join(" / ")}`);
    } else {
      out.push(`${m.caption}\n  Tệp: ${savedFiles.get(m) ?? m.fileName} (${m.data.length.toLocaleString("vi-VN")} byte)`);
    }
  }
  return out.join("\n");
}
