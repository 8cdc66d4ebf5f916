// A zca-js message as the neutral IncomingMessage. Direct messages are always for the bot; in a
// group only a message that @mentions the bot or starts with a keyword is, and that marker is
// removed. Non-text messages (stickers, photos) and the bot's own messages are ignored.
import { fold } from "../../knowledge/vietnamese";
import type { IncomingMessage } from "../../bot/messages";
import { ThreadType, type ZaloMessage } from "./port";

export function parseKeywords(setting: string): string[] {
  return setting
    .split(",")
    .map((k) => k.trim())
    .filter((k) => k !== "");
}

/** Case- and diacritic-insensitive ("@troly" matches "@trolý"); fold keeps NFC lengths. */
function stripKeyword(text: string, keywords: string[]): string | null {
  const t = text.normalize("NFC").trimStart();
  const folded = fold(t).toLowerCase();
  for (const kw of keywords) {
    const k = fold(kw.normalize("NFC")).toLowerCase();
    if (folded.startsWith(k) && !/[\p{L}\p{N}]/u.test(folded.charAt(k.length))) {
      return t.slice(k.length).replace(/^[\s,:;.-]+/, "");
    }
  }
  return null;
}

/** Removes the bot's own @mention spans (pos/len from Zalo), right to left so offsets stay valid. */
function stripMentions(text: string, spans: { pos: number; len: number }[]): string {
  let out = text;
  for (const s of [...spans].sort((a, b) => b.pos - a.pos)) out = out.slice(0, s.pos) + out.slice(s.pos + s.len);
  return out.replace(/\s+/g, " ").trim().replace(/^[,:;.-]+\s*/, "");
}

export function zaloMessageToIncoming(
  message: ZaloMessage,
  ownId: string,
  keywords: string[],
  fallbackNow: Date,
): IncomingMessage | null {
  if (message.isSelf) return null;
  const data = message.data;
  if (typeof data.content !== "string") return null;
  const isGroup = message.type === ThreadType.Group;
  let text = data.content.trim();
  if (isGroup) {
    const mine = (message.type === ThreadType.Group ? (message.data.mentions ?? []) : []).filter((m) => m.uid === ownId);
    if (mine.length > 0) text = stripMentions(data.content, mine);
    else {
      const rest = stripKeyword(data.content, keywords);
      if (rest === null) return null;
      text = rest.trim();
    }
  }
  const ts = Number(data.ts);
  return {
    channel: "zalo",
    messageId: data.msgId,
    channelUserId: data.uidFrom,
    userName: data.dName || undefined,
    isGroup,
    text,
    // Nudges go to direct chats only: a group is shared, and writing to strangers risks a ban.
    address: isGroup
      ? undefined
      : { channel: "zalo", channelUserId: data.uidFrom, conversationKey: `user:${message.threadId}`, data: { threadId: message.threadId, type: "user" } },
    receivedAt: Number.isFinite(ts) && ts > 0 ? new Date(ts) : fallbackNow,
  };
}
