// How replies look in a terminal: text, sources, quick replies as [chips], files saved to disk.
import type { OutgoingMessage } from "../../bot/messages";
import { citationLine, citationsToShow, updateFormText } from "../plain-text";

export function renderConsole(messages: OutgoingMessage[], savedFiles: Map<OutgoingMessage, string> = new Map()): string {
  const out: string[] = [];
  for (const m of messages) {
    if (m.kind === "text") {
      out.push(m.text);
      const cited = citationsToShow(m);
      if (cited.length) out.push(...cited.map((c) => `  ${citationLine(c)}`));
      if (m.quickReplies?.length) out.push(m.quickReplies.map((q) => `[${q}]`).join(" "));
    } else if (m.kind === "update_form") {
      out.push(updateFormText(m));
    } else {
      out.push(`${m.caption}\n  Tệp: ${savedFiles.get(m) ?? m.fileName} (${m.data.length.toLocaleString("vi-VN")} byte)`);
    }
  }
  return out.join("\n");
}
