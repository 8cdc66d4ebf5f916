// The terminal chat: each line typed is an IncomingMessage from one console user; replies are
// printed, files are written to a folder. "/user TÊN" switches who is typing (to try roles),
// "/quit" ends. The clock is read here, at the edge, unless a clock is given (tests).
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { IncomingMessage, OutgoingMessage } from "../../bot/messages";
import type { BotCore } from "../core";
import { renderConsole } from "./render";

export interface ConsoleChatOptions {
  core: BotCore;
  input: Readable;
  output: Writable;
  /** The console user id (and display name) to start as. */
  user: string;
  /** Where files (exported reports) are written. */
  filesDir: string;
  clock?: () => Date;
  /** Print a prompt before each line (interactive use). */
  prompt?: boolean;
}

export const CONSOLE_HELP = 'Gõ câu hỏi hoặc cập nhật; "help" để xem hướng dẫn, "/user TÊN" để đổi người dùng, "/quit" để thoát.';

export function consoleMessage(user: string, text: string, now: Date): IncomingMessage {
  return {
    channel: "console",
    // Unique across runs: entries are de-duplicated on (channel, message id).
    messageId: randomUUID(),
    channelUserId: user,
    userName: user,
    isGroup: false,
    text,
    address: { channel: "console", channelUserId: user, conversationKey: `console:${user}`, data: {} },
    receivedAt: now,
  };
}

export async function runConsoleChat(o: ConsoleChatOptions): Promise<void> {
  const clock = o.clock ?? (() => new Date());
  let user = o.user;
  const write = (s: string) => o.output.write(`${s}\n`);
  const rl = createInterface({ input: o.input, terminal: false });
  const prompt = () => o.prompt && o.output.write(`${user}> `);
  write(CONSOLE_HELP);
  prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (/^\/(quit|exit|thoat|thoát)$/i.test(text)) break;
    const sw = /^\/user\s+(\S+)/i.exec(text);
    if (sw) {
      user = sw[1];
      write(`(Đang nói với tư cách: ${user})`);
      prompt();
      continue;
    }
    let replies: OutgoingMessage[];
    try {
      replies = await o.core.handle(consoleMessage(user, line, clock()));
    } catch (err) {
      replies = [{ kind: "text", text: `Lỗi: ${(err as Error).message}` }];
    }
    const saved = new Map<OutgoingMessage, string>();
    for (const m of replies) {
      if (m.kind !== "file") continue;
      mkdirSync(o.filesDir, { recursive: true });
      const path = join(o.filesDir, m.fileName);
      writeFileSync(path, m.data);
      saved.set(m, path);
    }
    write(renderConsole(replies, saved));
    prompt();
  }
  rl.close();
}
