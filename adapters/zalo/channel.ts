// The Zalo channel on a personal account (zca-js): logs in from the credentials file, listens,
// answers, and keeps the listener alive (own reconnect with backoff, re-login when the session
// died, an admin alert when it cannot). Outgoing messages go through the rate limiter.
import type { MessageContent } from "zca-js";
import type { Logger } from "pino";
import { DeadAddressError, type ConversationAddress, type OutgoingMessage, type ProactiveSender } from "../../bot/messages";
import type { BotCore } from "../core";
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffOptions } from "./backoff";
import { zaloMessageToIncoming } from "./inbound";
import { ThreadType, type ZaloMessage, type ZaloPort } from "./port";
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimits } from "./rate-limiter";
import { renderForZalo } from "./render";
import { ZALO_MAX_CHARS } from "./split";

const SORRY_TEXT = "Xin lỗi, tôi gặp lỗi khi xử lý tin nhắn này. Vui lòng thử lại sau ít phút.";
/** Close codes: 3003 = the server kicked this session (log in again), 1000 = we stopped it. */
const KICKED = 3003;
const MANUAL = 1000;
/** Plain listener restarts tried before a fresh login from the saved cookies. */
const RESTARTS_BEFORE_RELOGIN = 2;
/** zca-js error codes: 122 the recipient blocks strangers. */
const BLOCKED_BY_RECIPIENT = 122;

export interface ZaloChannelDeps {
  /** Cookie login from the credentials file; a fresh API each call. */
  login(): Promise<ZaloPort>;
  core: BotCore;
  log: Logger;
  keywords: string[];
  /** Tells the admins (log, Teams) that Zalo is down and needs a new QR login. */
  alert(text: string): Promise<void>;
  /** Saves refreshed cookies back to the credentials file. */
  persist?(port: ZaloPort): Promise<void>;
  persistEveryMs?: number;
  backoff?: BackoffOptions;
  random?: () => number;
  rateLimits?: RateLimits;
  /** Wall clock for messages without a timestamp (default Date.now). */
  nowMs?: () => number;
  maxChars?: number;
}

type ZaloThreadType = "user" | "group";

export class ZaloChannel {
  readonly sender: ProactiveSender;
  private port: ZaloPort | null = null;
  private ownId = "";
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private persistTimer: NodeJS.Timeout | undefined;
  private stopping = false;
  private alerted = false;
  private readonly seen = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly limiter: RateLimiter;
  private readonly log: Logger;
  private detach: () => void = () => {};

  constructor(private readonly deps: ZaloChannelDeps) {
    this.log = deps.log.child({ channel: "zalo" });
    this.limiter = new RateLimiter(deps.rateLimits ?? DEFAULT_RATE_LIMITS);
    this.sender = { channel: "zalo", send: (address, messages) => this.sendProactive(address, messages) };
  }

  get connected(): boolean {
    return this.port !== null && this.reconnectTimer === undefined && !this.stopping;
  }

  /** Logs in and starts listening; a failed first login is retried in the background. */
  async start(): Promise<void> {
    this.stopping = false;
    try {
      await this.connect(await this.deps.login());
    } catch (err) {
      this.log.error({ err }, "Zalo login failed; retrying in the background");
      await this.alertOnce(err);
      this.scheduleReconnect("relogin");
    }
    const everyMs = this.deps.persistEveryMs ?? 10 * 60_000;
    if (this.deps.persist) this.persistTimer = setInterval(() => void this.persistNow(), everyMs).unref();
  }

  /** Stops the listener, waits for turns in progress, saves the cookies. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.persistTimer);
    this.reconnectTimer = undefined;
    try {
      this.port?.listener.stop();
    } catch (err) {
      this.log.warn({ err }, "Zalo listener did not stop cleanly");
    }
    this.detach();
    await this.settled();
    await this.persistNow();
  }

  /** Resolves when every message received so far has been handled (answered, or ignored). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async connect(port: ZaloPort): Promise<void> {
    this.detach();
    this.port = port;
    this.ownId = port.getOwnId();
    const onMessage = (m: ZaloMessage) => this.track(this.onMessage(m));
    const onClosed = (code: number, reason: string) => this.onClosed(code, reason);
    const onError = (err: unknown) => this.log.warn({ err }, "Zalo listener error");
    const onConnected = () => {
      this.attempt = 0;
      this.alerted = false;
      this.log.info("Zalo listener connected");
    };
    // The error handler is registered before start(): an EventEmitter without one kills the process.
    port.listener.on("error", onError);
    port.listener.on("closed", onClosed);
    port.listener.on("connected", onConnected);
    port.listener.on("message", onMessage);
    this.detach = () => {
      port.listener.off("error", onError);
      port.listener.off("closed", onClosed);
      port.listener.off("connected", onConnected);
      port.listener.off("message", onMessage);
      this.detach = () => {};
    };
    port.listener.start();
  }

  private onClosed(code: number, reason: string): void {
    if (this.stopping || code === MANUAL) return;
    this.log.warn({ code, reason }, "Zalo listener closed; reconnecting");
    this.scheduleReconnect(code === KICKED ? "relogin" : "restart");
  }

  private scheduleReconnect(mode: "restart" | "relogin"): void {
    if (this.stopping || this.reconnectTimer) return;
    this.attempt += 1;
    const delayMs = backoffDelayMs(this.attempt, this.deps.backoff ?? DEFAULT_BACKOFF, this.deps.random);
    this.log.info({ attempt: this.attempt, delayMs, mode }, "Zalo reconnect scheduled");
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.reconnect(mode);
    }, delayMs);
  }

  private async reconnect(mode: "restart" | "relogin"): Promise<void> {
    if (this.stopping) return;
    const port = this.port;
    if (port && mode === "restart" && this.attempt <= RESTARTS_BEFORE_RELOGIN) {
      try {
        port.listener.start();
        return; // "connected" resets the attempts; another "closed" comes back here
      } catch (err) {
        this.log.warn({ err }, "Zalo listener restart failed; logging in again");
      }
    }
    try {
      await this.connect(await this.deps.login());
    } catch (err) {
      this.log.error({ err, attempt: this.attempt }, "Zalo login failed");
      await this.alertOnce(err);
      this.scheduleReconnect("relogin");
    }
  }

  private async alertOnce(err: unknown): Promise<void> {
    if (this.alerted) return;
    this.alerted = true;
    const reason = err instanceof Error ? err.message : String(err);
    await this.deps
      .alert(`Zalo: không đăng nhập lại được (${reason}). Cần quét mã QR mới: chạy \`npm run zalo:login\` trên máy chủ rồi khởi động lại bot.`)
      .catch((e: unknown) => this.log.error({ err: e }, "could not alert the admins"));
  }

  private async persistNow(): Promise<void> {
    if (!this.port || !this.deps.persist) return;
    await this.deps.persist(this.port).catch((err: unknown) => this.log.warn({ err }, "could not save the Zalo cookies"));
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  /** True the first time a message id is seen (Zalo may deliver one twice, e.g. after reconnect). */
  private firstSight(msgId: string): boolean {
    if (this.seen.has(msgId)) return false;
    this.seen.add(msgId);
    if (this.seen.size > 5000) this.seen.delete(this.seen.values().next().value as string);
    return true;
  }

  private async onMessage(message: ZaloMessage): Promise<void> {
    if (message.isSelf || !this.firstSight(message.data.msgId)) return;
    const msg = zaloMessageToIncoming(message, this.ownId, this.deps.keywords, new Date(this.deps.nowMs?.() ?? Date.now()));
    if (!msg) return;
    const type: ZaloThreadType = message.type === ThreadType.Group ? "group" : "user";
    this.log.debug({ messageId: msg.messageId, text: msg.text }, "Zalo message");
    let replies: OutgoingMessage[];
    try {
      replies = await this.deps.core.handle(msg);
    } catch (err) {
      this.log.error({ err, messageId: msg.messageId }, "Zalo turn failed");
      replies = [{ kind: "text", text: SORRY_TEXT }];
    }
    try {
      await this.deliver(message.threadId, type, replies);
    } catch (err) {
      this.log.error({ err, messageId: msg.messageId }, "Zalo reply could not be sent");
    }
  }

  /** Sends each piece through the rate limiter, in order. */
  private async deliver(threadId: string, type: ZaloThreadType, messages: OutgoingMessage[]): Promise<void> {
    const maxChars = this.deps.maxChars ?? ZALO_MAX_CHARS;
    for (const content of messages.flatMap((m) => renderForZalo(m, maxChars))) await this.sendOne(threadId, type, content);
  }

  private async sendOne(threadId: string, type: ZaloThreadType, content: MessageContent): Promise<void> {
    await this.limiter.acquire(threadId);
    const port = this.port;
    if (!port) throw new Error("Zalo is not logged in; the message was not sent.");
    // Always pass the thread type: the default (User) would send a group id to the DM endpoint.
    await port.sendMessage(content, threadId, type === "group" ? ThreadType.Group : ThreadType.User);
  }

  private async sendProactive(address: ConversationAddress, messages: OutgoingMessage[]): Promise<void> {
    const threadId = typeof address.data.threadId === "string" ? address.data.threadId : null;
    const type: ZaloThreadType = address.data.type === "group" ? "group" : "user";
    if (!threadId) throw new DeadAddressError(`Stored Zalo address ${address.conversationKey} has no thread id.`);
    try {
      await this.deliver(threadId, type, messages);
    } catch (err) {
      if ((err as { code?: unknown }).code === BLOCKED_BY_RECIPIENT) {
        throw new DeadAddressError(`Zalo user ${address.channelUserId} does not accept messages from the bot (code 122).`);
      }
      throw err;
    }
  }
}
