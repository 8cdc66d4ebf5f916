// OutgoingMessage -> what zca-js sendMessage takes: text pieces under the length limit (citations
// and quick-reply hints as lines), a file as an attachment sent from memory.
import type { MessageContent } from "zca-js";
import type { OutgoingMessage } from "../../bot/messages";
import { plainText } from "../plain-text";
import { splitText, ZALO_MAX_CHARS } from "./split";

export function renderForZalo(msg: OutgoingMessage, maxChars: number = ZALO_MAX_CHARS): MessageContent[] {
  if (msg.kind === "file") {
    const fileName = (/\.[A-Za-z0-9]+$/.test(msg.fileName) ? msg.fileName : `${msg.fileName}.bin`) as `${string}.${string}`;
    return [
      {
        msg: splitText(msg.caption, maxChars)[0] ?? "",
        attachments: [{ data: msg.data, filename: fileName, metadata: { totalSize: msg.data.length } }],
      },
    ];
  }
  return splitText(plainText(msg), maxChars).map((piece) => ({ msg: piece }));
}
