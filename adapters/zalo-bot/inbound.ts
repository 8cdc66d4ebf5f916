// A Zalo Bot API update (from getUpdates or a webhook call) as the neutral IncomingMessage. The
// platform sends { event_name, message: { message_id, from, chat: { id, chat_type }, text, date } },
// the webhook wraps it in { ok, result }. Direct chats store the chat id as the address for nudges;
// in a group (where the platform only delivers messages that @mention the bot) the mention is removed
// and no address is stored. Non-text events map to null.
import { z } from "zod";
import type { IncomingMessage } from "../../bot/messages";

const id = z.union([z.string().min(1), z.number()]).transform(String);

const messageSchema = z.object({
  message_id: id,
  from: z.object({ id, display_name: z.string().optional(), is_bot: z.boolean().optional() }),
  chat: z.object({ id, chat_type: z.string().optional() }),
  text: z.string().optional(),
  date: z.number().optional(),
});

export const updateSchema = z.object({
  event_name: z.string(),
  message: messageSchema.optional(),
});
export type ZaloBotUpdate = z.output<typeof updateSchema>;

/** A webhook body: the documented { ok, result: update } envelope, or the bare update. */
export const webhookBodySchema = z.union([z.object({ ok: z.boolean().optional(), result: updateSchema }).transform((b) => b.result), updateSchema]);

export const TEXT_EVENT = "message.text.received";

export function isGroupChat(update: ZaloBotUpdate): boolean {
  return (update.message?.chat.chat_type ?? "PRIVATE").toUpperCase() === "GROUP";
}

/** Removes a leading "@<bot name>" (case-insensitive) and the punctuation after it. */
function stripMention(text: string, botName: string | undefined): string {
  const t = text.normalize("NFC").trim();
  if (!botName) return t;
  const at = `@${botName.normalize("NFC")}`;
  if (t.toLowerCase().startsWith(at.toLowerCase())) return t.slice(at.length).replace(/^[\s,:;.-]+/, "").trim();
  return t;
}

/** Platform dates are milliseconds; a value in seconds is scaled. */
function receivedAt(date: number | undefined, fallbackNow: Date): Date {
  if (date === undefined || !Number.isFinite(date) || date <= 0) return fallbackNow;
  return new Date(date < 1e11 ? date * 1000 : date);
}

export function zaloBotUpdateToIncoming(update: ZaloBotUpdate, botName: string | undefined, fallbackNow: Date): IncomingMessage | null {
  const m = update.message;
  if (update.event_name !== TEXT_EVENT || !m || typeof m.text !== "string" || m.from.is_bot) return null;
  const isGroup = isGroupChat(update);
  return {
    channel: "zalo-bot",
    messageId: m.message_id,
    channelUserId: m.from.id,
    userName: m.from.display_name || undefined,
    isGroup,
    text: isGroup ? stripMention(m.text, botName) : m.text.trim(),
    // Nudges go to direct chats only, and only to people who wrote to the bot first.
    address: isGroup ? undefined : { channel: "zalo-bot", channelUserId: m.from.id, conversationKey: `chat:${m.chat.id}`, data: { chatId: m.chat.id } },
    receivedAt: receivedAt(m.date, fallbackNow),
  };
}
