// The Zalo channel on the official Zalo Bot API. Webhook mode: start() checks the token and registers
// PUBLIC_BASE_URL/api/zalo with the secret; every replica answers POST /api/zalo. Polling mode: the one
// replica holding the lock (server.ts) runs start(), which long-polls getUpdates. Both modes feed
// the same turn path: de-duplicated by message id, one chat's messages in order, replies through
// the zca-js channel's rate limiter, 429s retried with backoff (api.ts).
import type { Logger } from "pino";
import { DeadAddressError, type ConversationAddress, type FileMessage, type OutgoingMessage, type ProactiveSender } from "../../bot/messages";
import type { BotCore } from "../core";
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffOptions } from "../zalo/backoff";
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimits } from "../zalo/rate-limiter";
import { ZALO_MAX_CHARS } from "../zalo/split";
import { ZaloBotApiError, type ZaloBotApi } from "./api";
import { isGroupChat, updateSchema, webhookBodySchema, zaloBotUpdateToIncoming, type ZaloBotUpdate } from "./inbound";
import { renderForZaloBot } from "./render";
import { secretMatches } from "./webhook-secret";

const SORRY_TEXT = "Xin lỗi, tôi gặp lỗi khi xử lý tin nhắn này. Vui lòng thử lại sau ít phút.";
const TEXT_ONLY = "Tôi chỉ đọc được tin nhắn chữ. Hãy gõ câu hỏi, ví dụ: “khi nào nộp báo cáo 6 tháng?”";
export const WEBHOOK_PATH = "/api/zalo";

export type ZaloBotMode = "webhook" | "polling";

export interface ZaloBotChannelDeps {
  api: ZaloBotApi;
  core: BotCore;
  log: Logger;
  mode: ZaloBotMode;
  /** ZALO_BOT_WEBHOOK_SECRET (webhook mode). */
  secret?: string;
  /** The public webhook address, known once the server listens. */
  webhookUrl: () => string;
  /** A signed download link for a file (the API sends no documents). */
  link: (file: FileMessage) => Promise<string>;
  rateLimits?: RateLimits;
  /** Retry spacing of failed polls and webhook registration. */
  backoff?: BackoffOptions;
  random?: () => number;
  /** getUpdates long-poll length (default 30 s). */
  pollTimeoutSec?: number;
  /** Wall clock for updates without a date (default Date.now). */
  nowMs?: () => number;
  maxChars?: number;
}

export interface WebhookReply {
  status: number;
  body: Record<string, unknown>;
}

export class ZaloBotChannel {
  readonly sender: ProactiveSender;
  /** What /readyz shows. */
  status = "starting";
  private botName: string | undefined;
  private stopping = false;
  /** Aborted by stop(): cuts the long poll and any backoff wait short. */
  private life = new AbortController();
  private pollLoop: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly seen = new Set<string>();
  private readonly chats = new Map<string, Promise<void>>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly limiter: RateLimiter;
  private readonly log: Logger;

  constructor(private readonly deps: ZaloBotChannelDeps) {
    this.log = deps.log.child({ channel: "zalo-bot" });
    this.limiter = new RateLimiter(deps.rateLimits ?? DEFAULT_RATE_LIMITS);
    this.sender = { channel: "zalo-bot", send: (address, messages) => this.sendProactive(address, messages) };
  }

  get mode(): ZaloBotMode {
    return this.deps.mode;
  }

  /**
   * Checks the token, then registers the webhook or starts polling. Never throws: a rejected token
   * is logged with its fix and stops the channel; other failures are retried with backoff.
   */
  async start(): Promise<void> {
    this.stopping = false;
    this.life = new AbortController();
    if (!(await this.checkToken())) return;
    if (this.deps.mode === "webhook") await this.registerWebhook(1);
    else this.pollLoop = this.poll();
  }

  /** Stops polling or retrying, waits for turns in progress. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.retryTimer);
    this.life.abort();
    await this.pollLoop?.catch(() => {});
    await Promise.allSettled([...this.inFlight]);
  }

  /** POST /api/zalo: the secret first, then the payload; the turn runs after the 200. */
  handleWebhook(secretHeader: string | string[] | undefined, body: unknown): WebhookReply {
    if (this.deps.mode !== "webhook") {
      return { status: 404, body: { error: "The Zalo bot runs in polling mode (ZALO_BOT_MODE=polling); this server takes no webhook calls." } };
    }
    if (!secretMatches(this.deps.secret ?? "", secretHeader)) {
      this.log.warn("Zalo webhook call refused: missing or wrong X-Bot-Api-Secret-Token");
      return { status: 401, body: { error: "wrong secret token" } };
    }
    const parsed = webhookBodySchema.safeParse(body);
    if (!parsed.success) return { status: 400, body: { error: "not a Zalo Bot API update" } };
    this.accept(parsed.data);
    return { status: 200, body: { ok: true } };
  }

  private async checkToken(): Promise<boolean> {
    for (let attempt = 1; !this.stopping; attempt++) {
      try {
        const me = await this.deps.api.getMe();
        this.botName = me.account_name ?? me.display_name;
        this.log.info({ bot: this.botName, mode: this.deps.mode }, "Zalo bot token accepted");
        return true;
      } catch (err) {
        if (err instanceof ZaloBotApiError && err.kind === "bad_token") {
          this.status = "token rejected: fix ZALO_BOT_TOKEN";
          this.log.error({ fix: err.message }, "Zalo bot is off: the token was refused");
          return false;
        }
        this.status = "cannot reach the Zalo Bot API";
        const delayMs = backoffDelayMs(attempt, this.deps.backoff ?? DEFAULT_BACKOFF, this.deps.random);
        this.log.warn({ reason: (err as Error).message, delayMs }, "Zalo bot token check failed; retrying");
        await this.sleep(delayMs);
      }
    }
    return false;
  }

  private async registerWebhook(attempt: number): Promise<void> {
    if (this.stopping) return;
    const url = this.deps.webhookUrl();
    try {
      await this.deps.api.setWebhook(url, this.deps.secret ?? "");
      this.status = "webhook registered";
      this.log.info({ url }, "Zalo bot webhook registered");
    } catch (err) {
      if (err instanceof ZaloBotApiError && err.kind === "bad_token") {
        this.status = "token rejected: fix ZALO_BOT_TOKEN";
        this.log.error({ fix: err.message }, "Zalo bot is off: the token was refused");
        return;
      }
      this.status = "webhook not registered";
      const delayMs = backoffDelayMs(attempt, this.deps.backoff ?? DEFAULT_BACKOFF, this.deps.random);
      this.log.error(
        {
          url,
          reason: (err as Error).message,
          fix: `Zalo must reach ${url} over the internet: set PUBLIC_BASE_URL to this server's public https address (not localhost or a private address; a tunnel such as Cloudflare Tunnel or ngrok works), or set ZALO_BOT_MODE=polling.`,
          retryInMs: delayMs,
        },
        "Zalo bot webhook could not be registered",
      );
      this.retryTimer = setTimeout(() => void this.registerWebhook(attempt + 1), delayMs);
      this.retryTimer.unref();
    }
  }

  private async poll(): Promise<void> {
    // getUpdates does not work while a webhook is set (e.g. left from an earlier webhook setup).
    await this.deps.api.deleteWebhook().catch((err: unknown) => this.log.warn({ reason: (err as Error).message }, "could not clear the Zalo bot webhook"));
    this.status = "polling";
    this.log.info("Zalo bot polling for messages");
    let failures = 0;
    while (!this.stopping) {
      try {
        const updates = await this.deps.api.getUpdates(this.deps.pollTimeoutSec ?? 30, this.life.signal);
        failures = 0;
        this.status = "polling";
        for (const raw of updates) {
          const parsed = updateSchema.safeParse(raw);
          if (parsed.success) this.accept(parsed.data);
          else this.log.warn("Zalo bot update with an unknown shape ignored");
        }
      } catch (err) {
        if (this.stopping) break;
        if (err instanceof ZaloBotApiError && err.kind === "bad_token") {
          this.status = "token rejected: fix ZALO_BOT_TOKEN";
          this.log.error({ fix: err.message }, "Zalo bot polling stopped: the token was refused");
          break;
        }
        failures += 1;
        const delayMs = err instanceof ZaloBotApiError && err.retryAfterMs !== undefined ? err.retryAfterMs : backoffDelayMs(failures, this.deps.backoff ?? DEFAULT_BACKOFF, this.deps.random);
        this.status = "polling (retrying)";
        this.log.warn({ reason: (err as Error).message, delayMs }, "Zalo bot getUpdates failed; retrying");
        await this.sleep(delayMs);
      }
    }
  }

  /** A sleep that stop() cuts short. */
  private sleep(ms: number): Promise<void> {
    const signal = this.life.signal;
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        clearTimeout(t);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const t = setTimeout(done, ms);
      signal.addEventListener("abort", done, { once: true });
    });
  }

  /** Queues an update's turn behind the same chat's earlier turns. */
  private accept(update: ZaloBotUpdate): void {
    const m = update.message;
    if (!m || !this.firstSight(m.message_id)) return;
    const chatId = m.chat.id;
    const previous = this.chats.get(chatId) ?? Promise.resolve();
    const turn = previous.then(() => this.onUpdate(update));
    this.chats.set(chatId, turn);
    this.inFlight.add(turn);
    void turn.finally(() => {
      this.inFlight.delete(turn);
      if (this.chats.get(chatId) === turn) this.chats.delete(chatId);
    });
  }

  /** True the first time a message id is seen (a webhook retry or a re-poll may repeat one). */
  private firstSight(messageId: string): boolean {
    if (this.seen.has(messageId)) return false;
    this.seen.add(messageId);
    if (this.seen.size > 5000) this.seen.delete(this.seen.values().next().value as string);
    return true;
  }

  private async onUpdate(update: ZaloBotUpdate): Promise<void> {
    const chatId = update.message?.chat.id ?? "";
    const msg = zaloBotUpdateToIncoming(update, this.botName, new Date(this.deps.nowMs?.() ?? Date.now()));
    let replies: OutgoingMessage[];
    if (!msg) {
      if (isGroupChat(update) || update.message?.from.is_bot) return;
      replies = [{ kind: "text", text: TEXT_ONLY }];
    } else {
      this.log.debug({ messageId: msg.messageId, text: msg.text }, "Zalo bot message");
      try {
        replies = await this.deps.core.handle(msg);
      } catch (err) {
        this.log.error({ err, messageId: msg.messageId }, "Zalo bot turn failed");
        replies = [{ kind: "text", text: SORRY_TEXT }];
      }
    }
    try {
      await this.deliver(chatId, replies);
    } catch (err) {
      this.log.error({ reason: (err as Error).message, messageId: update.message?.message_id }, "Zalo bot reply could not be sent");
    }
  }

  /** Each piece in order, through the rate limiter. */
  private async deliver(chatId: string, messages: OutgoingMessage[]): Promise<void> {
    for (const message of messages) {
      for (const text of await renderForZaloBot(message, this.deps.link, this.deps.maxChars ?? ZALO_MAX_CHARS)) {
        await this.limiter.acquire(chatId);
        await this.deps.api.sendMessage(chatId, text);
      }
    }
  }

  private async sendProactive(address: ConversationAddress, messages: OutgoingMessage[]): Promise<void> {
    const chatId = typeof address.data.chatId === "string" ? address.data.chatId : null;
    if (!chatId) throw new DeadAddressError(`Stored Zalo bot address ${address.conversationKey} has no chat id.`);
    // The API documents no "user blocked the bot" error, so a failed send stays retryable.
    await this.deliver(chatId, messages);
  }
}
