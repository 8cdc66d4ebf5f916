// The web chat's JSON endpoint, callable without a server: validate the body (zod), take the
// identity from the signed cookie, run the turn, render the replies for the page.
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { z } from "zod";
import type { FileMessage, IncomingMessage, OutgoingMessage } from "../../bot/messages";
import type { BotCore } from "../core";
import { citationsToShow } from "../plain-text";
import { TOO_MANY, type Limits } from "../rate-limits";
import { memorySessionStore, WebSessions } from "./session";
import { planStatesAt, type PlanState } from "../../bot/plans/plan-folder";
import type { DbQuery } from "../../bot/storage/db";

export const MAX_TEXT_CHARS = 4000;

export const chatRequestSchema = z
  .object({
    name: z.string().trim().min(1, "name is required").max(80),
    text: z.string().max(MAX_TEXT_CHARS, `text is longer than ${MAX_TEXT_CHARS} characters`).default(""),
    /** Client-made id of this message, so a retried POST is the same message for the core. */
    id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
    value: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((b) => b.text.trim() !== "" || b.value !== undefined, { message: "text or value is required" });

export type WebReply =
  /** A citation's quote is "" when the text already quotes it (the page shows a compact source line). */
  | { kind: "text"; text: string; citations: { planTitle: string; section: string; quote: string }[]; quickReplies: string[] }
  | { kind: "form"; text: string; obligations: { id: string; label: string }[]; statuses: string[]; periods: { id: string; label: string }[] }
  | { kind: "file"; caption: string; fileName: string; url: string };

export interface WebChatDeps {
  core: BotCore;
  secret: string;
  /** Per-user and registration rate limits (the server's); none when absent. */
  limits?: Limits;
  /** The sessions (server: kept in the database); default: in memory, signed with `secret`. */
  sessions?: WebSessions;
  /** Cookies get `Secure` when the public URL is https. */
  secureCookies: boolean;
  link(file: FileMessage, now: Date): Promise<string>;
  log: Logger;
}

export interface WebResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** One reply as the page draws it (exported for the channel contract suite). */
export async function renderWebReply(m: OutgoingMessage, link: WebChatDeps["link"], now: Date): Promise<WebReply> {
  switch (m.kind) {
    case "text": {
      // A citation the text already quotes becomes a compact source line (no quote twice).
      const full = new Set(citationsToShow(m));
      return {
        kind: "text",
        text: m.text,
        citations: (m.citations ?? []).map((c) => ({ planTitle: c.planTitle, section: c.section, quote: full.has(c) ? c.quote : "" })),
        quickReplies: m.quickReplies ?? [],
      };
    }
    case "update_form":
      return { kind: "form", text: m.text, obligations: m.obligations, statuses: m.statuses, periods: m.periods ?? [] };
    case "file":
      return { kind: "file", caption: m.caption, fileName: m.fileName, url: await link(m, now) };
  }
}

/** "đăng ký MÃ": the turn that may register this browser, after which its session is renewed. */
const REGISTER = /^\s*(?:đăng\s*ký|dang\s*ky|dangky|register)(?=\s|:|$)/iu;

/** What the page's first screen shows: what the bot does, the loaded plans, example questions. */
export interface WebWelcome {
  greeting: string;
  plans: { id: string; title: string; state: PlanState["state"]; label: string }[];
  examples: string[];
}

export const EXAMPLE_QUESTIONS = [
  "Khi nào nộp báo cáo 6 tháng?",
  "Tháng này có việc gì đến hạn?",
  "Kế hoạch nào đang được nạp?",
  "Ai chủ trì đối thoại với nhân dân?",
];

const STATE_LABEL: Record<PlanState["state"], string> = { current: "đang thực hiện", ended: "đã hết thời hạn", retired: "đã gỡ khỏi thư mục kế hoạch" };

export async function webWelcome(db: DbQuery, now: Date): Promise<WebWelcome> {
  const states = (await planStatesAt(db, now)).filter((p) => p.state !== "retired");
  return {
    greeting:
      "Tôi là Trợ lý Kế hoạch: tôi trả lời câu hỏi về nhiệm vụ, thời hạn và nơi nhận báo cáo trong các kế hoạch đã nạp (kèm trích dẫn), ghi nhận cập nhật tiến độ và nhắc hạn.",
    plans: states.map((p) => ({
      id: p.id,
      title: p.title,
      state: p.state,
      label: `${STATE_LABEL[p.state]}${p.period ? ` (${p.period.from === p.period.to ? p.period.from : `${p.period.from}–${p.period.to}`})` : ""}`,
    })),
    examples: EXAMPLE_QUESTIONS,
  };
}

export function createWebChat(deps: WebChatDeps) {
  const sessions = deps.sessions ?? new WebSessions({ secret: deps.secret, store: memorySessionStore(), secure: deps.secureCookies });
  return {
    sessions,
    async logout(req: { cookieHeader?: string; now: Date }): Promise<WebResponse> {
      const cookie = await sessions.logout(req.cookieHeader, req.now);
      return { status: 200, headers: { "cache-control": "no-store", "set-cookie": cookie }, body: { ok: true } };
    },
    async handle(req: { cookieHeader?: string; body: unknown; now: Date; ip?: string }): Promise<WebResponse> {
      const headers: Record<string, string> = { "cache-control": "no-store" };
      let session = await sessions.resolve(req.cookieHeader, req.now);
      if (session.setCookie) headers["set-cookie"] = session.setCookie;
      const sid = session.identity;
      const parsed = chatRequestSchema.safeParse(req.body);
      if (!parsed.success) {
        const detail = parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
        return { status: 400, headers, body: { error: `Yêu cầu không hợp lệ (${detail}).` } };
      }
      const b = parsed.data;
      const msg: IncomingMessage = {
        channel: "web",
        messageId: `${sid}:${b.id ?? randomUUID()}`,
        channelUserId: sid,
        userName: b.name,
        isGroup: false,
        text: b.text.trim(),
        value: b.value,
        receivedAt: req.now,
      };
      const wait = deps.limits
        ? ((await deps.limits.turn(sid)) ?? (REGISTER.test(msg.text) ? await deps.limits.register(req.ip ?? "?", sid) : null))
        : null;
      if (wait !== null) {
        deps.log.info({ status: 429 }, "web chat rate limit");
        return { status: 429, headers: { ...headers, "retry-after": String(wait) }, body: { error: TOO_MANY(wait) } };
      }
      deps.log.debug({ messageId: msg.messageId, text: msg.text }, "web message");
      const replies = await deps.core.handle(msg);
      if (REGISTER.test(msg.text)) {
        session = await sessions.rotate(session, req.now);
        headers["set-cookie"] = session.setCookie!;
      }
      return { status: 200, headers, body: { replies: await Promise.all(replies.map((r) => renderWebReply(r, deps.link, req.now))) } };
    },
  };
}

export type WebChat = ReturnType<typeof createWebChat>;
