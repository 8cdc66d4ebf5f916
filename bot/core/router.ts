// The conversation core: one IncomingMessage in, the replies out. Builds the turn context once,
// saves the sender's address, then offers the message to each handler in turn; what no handler
// takes is a question for the answering engine. A handler's UserInputError becomes its polite
// reply; any other failure is logged and answered with an apology, never a crash.
import type { Logger } from "pino";
import { z } from "zod";
import { saveAddressOnTurn } from "../addresses";
import { UserInputError } from "../errors";
import { CHANNEL_NAMES, type IncomingMessage, type OutgoingMessage } from "../messages";
import type { Db } from "../storage/db";
import { turnCacheFor } from "../storage/turn-cache";
import type { CommandHandler, TurnContext } from "../turn";
import { answerMessage, type Answerer } from "./answerer";
import { buildTurn, commandKey } from "./context";
import { helpHandler } from "./help";
import { smallTalkHandler } from "./small-talk";
import { reply } from "./replies";

export const MAX_MESSAGE_CHARS = 2000;

const addressSchema = z.object({
  channel: z.enum(CHANNEL_NAMES),
  channelUserId: z.string().min(1),
  conversationKey: z.string().min(1),
  data: z.record(z.string(), z.unknown()),
});

export const incomingSchema = z.object({
  channel: z.enum(CHANNEL_NAMES),
  messageId: z.string().min(1).max(500),
  channelUserId: z.string().min(1).max(500),
  userName: z.string().max(500).optional(),
  isGroup: z.boolean(),
  text: z.string(),
  value: z.record(z.string(), z.unknown()).optional(),
  address: addressSchema.optional(),
  receivedAt: z.date().refine((d) => !Number.isNaN(d.getTime()), "receivedAt must be a valid date"),
});

export interface CoreOptions {
  db: Db;
  answerer: Answerer;
  log: Logger;
  /**
   * The handlers, in order (see defaultHandlers); extra handlers (nudges) go in this list too.
   * The first that returns replies wins.
   */
  handlers: CommandHandler[];
}

export type Handle = (msg: IncomingMessage) => Promise<OutgoingMessage[]>;

const SORRY = "Xin lỗi, hệ thống đang gặp sự cố nên chưa xử lý được tin nhắn này. Vui lòng thử lại sau ít phút; nếu vẫn lỗi, hãy báo quản trị viên.";

/** Text starting with "/" or "!" that no handler knew. */
const unknownCommand: CommandHandler = async (ctx) => {
  const m = /^[/!]([\p{L}\p{N}_-]+)/u.exec(ctx.msg.text.trim());
  if (!m) return null;
  return reply(`Lệnh "${m[0]}" không có. Gõ "help" để xem những việc tôi làm được.`, ["help"]);
};

export function createCore(o: CoreOptions): { handle: Handle } {
  const chain = [helpHandler, ...o.handlers, unknownCommand, smallTalkHandler];
  const cache = turnCacheFor(o.db);

  async function ask(ctx: TurnContext): Promise<OutgoingMessage[]> {
    const a = await o.answerer.answer(ctx.msg.text.trim(), { planId: ctx.user?.planId ?? null, now: ctx.now });
    return [answerMessage(a)];
  }

  async function handle(raw: IncomingMessage): Promise<OutgoingMessage[]> {
    const parsed = incomingSchema.safeParse(raw);
    if (!parsed.success) {
      o.log.warn({ issues: parsed.error.issues.map((i) => i.path.join(".")) }, "invalid incoming message");
      return reply("Tin nhắn không hợp lệ nên không xử lý được. Vui lòng gửi lại.");
    }
    const msg: IncomingMessage = { ...parsed.data, text: parsed.data.text };
    const text = msg.text.trim();
    if (!text && !msg.value) return reply('Tin nhắn trống. Gõ câu hỏi hoặc cập nhật tiến độ; gõ "help" để xem hướng dẫn.', ["help"]);
    if (text.length > MAX_MESSAGE_CHARS) {
      return reply(
        `Tin nhắn quá dài (${text.length.toLocaleString("vi-VN")} ký tự); tôi chỉ đọc tin dưới ${MAX_MESSAGE_CHARS.toLocaleString("vi-VN")} ký tự. Vui lòng gửi ngắn gọn hơn, mỗi tin một nội dung.`,
      );
    }
    let ctx: TurnContext | null = null;
    try {
      await cache.sync();
      ctx = await buildTurn(o.db, { ...msg, text }, o.log, cache);
      ctx.log.debug({ text }, "turn");
      if (msg.address) await saveAddressOnTurn(o.db, cache, msg.address, ctx.user?.id ?? null, ctx.now);
      for (const h of chain) {
        const out = await h(ctx);
        if (out) return out;
      }
      if (!commandKey(text)) return reply('Tôi chưa hiểu tin nhắn này. Gõ "help" để xem hướng dẫn.', ["help"]);
      return await ask(ctx);
    } catch (err) {
      if (err instanceof UserInputError) return reply(err.message);
      (ctx?.log ?? o.log).error({ err }, "turn failed");
      return reply(SORRY);
    }
  }

  return { handle };
}
