// OutgoingMessage -> the texts sendMessage takes (1 to 2,000 characters each). The Zalo Bot API has
// no buttons (quick replies become a hint line, the update form a numbered list, as in the zca-js
// channel) and documents no way to send a document, so a file becomes its caption and a signed
// download link served by this server.
import type { FileMessage, OutgoingMessage } from "../../bot/messages";
import { plainText } from "../plain-text";
import { splitText, ZALO_MAX_CHARS } from "../zalo/split";

export function fileLine(file: Pick<FileMessage, "fileName">, url: string): string {
  return `📎 ${file.fileName}: ${url}`;
}

/** `link` turns a file into its download URL (only called for files). */
export async function renderForZaloBot(msg: OutgoingMessage, link: (file: FileMessage) => Promise<string>, maxChars: number = ZALO_MAX_CHARS): Promise<string[]> {
  const text = msg.kind === "file" ? plainText(msg, fileLine(msg, await link(msg))) : plainText(msg);
  return splitText(text, maxChars).filter((piece) => piece.trim() !== "");
}
