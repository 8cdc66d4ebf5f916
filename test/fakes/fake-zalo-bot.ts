// A local fake of the Zalo Bot API (a real HTTP server): POST /bot<TOKEN>/<method> with JSON, the
// { ok, result | error_code, description } envelope, getMe, getUpdates (long poll: one update, or
// error 408 when none came in time), setWebhook (checks the secret's length and that the URL
// answers, as the platform refuses addresses it cannot reach), deleteWebhook, sendMessage (1 to
// 2,000 characters) and sendPhoto. A wrong token gets 401; tooManyRequests(n) makes the next n sends
// answer 429. Updates reach the bot by webhook (with the secret header) or by the next getUpdates.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const FAKE_BOT_TOKEN = "1234567890:fake-zalo-bot-token";
export const FAKE_BOT_NAME = "Bot Trợ lý Kế hoạch";

export interface SentText {
  chatId: string;
  text: string;
  method: "sendMessage" | "sendPhoto";
  /** performance.now() when the send was accepted. */
  atMs: number;
}

interface PendingPoll {
  resolve(update: unknown | null): void;
}

let nextMessage = 1;

/** A text update as the platform shapes it. */
export function textUpdate(o: { from: string; text: string; chatId?: string; group?: boolean; id?: string; date?: number; name?: string }) {
  return {
    event_name: "message.text.received",
    message: {
      from: { id: o.from, display_name: o.name ?? `Cán bộ ${o.from.slice(-3)}`, is_bot: false },
      chat: { id: o.chatId ?? o.from, chat_type: o.group ? "GROUP" : "PRIVATE" },
      text: o.text,
      message_id: o.id ?? `fake-msg-${nextMessage++}`,
      date: o.date ?? Date.UTC(2023, 4, 2, 2, 0, 0),
    },
  };
}

export class FakeZaloBot {
  readonly sent: SentText[] = [];
  /** Every API call, by method (wrong-token calls included). */
  readonly calls: { method: string; status: number }[] = [];
  webhook: { url: string; secret: string } | null = null;
  private queue: unknown[] = [];
  private polls: PendingPoll[] = [];
  private throttle = 0;
  private waiters: { n: number; resolve: () => void }[] = [];
  private callWaiters: { pred: () => boolean; resolve: () => void }[] = [];
  private server: Server;
  url = "";

  constructor(readonly token = FAKE_BOT_TOKEN, private readonly maxPollMs = 5_000) {
    this.server = createServer((req, res) => void this.route(req, res));
  }

  async listen(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const p of this.polls.splice(0)) p.resolve(null);
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  /** The next n sends answer HTTP 429. */
  tooManyRequests(n: number): void {
    this.throttle = n;
  }

  /** Resolves once `n` messages in all were sent; gives the messages from index `from` on. */
  waitForSent(n: number, from = 0): Promise<SentText[]> {
    if (this.sent.length >= n) return Promise.resolve(this.sent.slice(from));
    return new Promise((resolve) => this.waiters.push({ n, resolve: () => resolve(this.sent.slice(from)) }));
  }

  /** Resolves once a call matching `pred` has happened. */
  waitForCall(method: string, status = 200): Promise<void> {
    const pred = () => this.calls.some((c) => c.method === method && c.status === status);
    if (pred()) return Promise.resolve();
    return new Promise((resolve) => this.callWaiters.push({ pred, resolve }));
  }

  /**
   * A user writes to the bot: POSTed to the webhook with `secret` (default: the registered one),
   * or handed to the next getUpdates. Returns the webhook's HTTP status, or 0 when queued.
   */
  async deliver(update: unknown, secret?: string): Promise<number> {
    if (this.webhook) {
      const res = await fetch(this.webhook.url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-bot-api-secret-token": secret ?? this.webhook.secret },
        body: JSON.stringify({ ok: true, result: update }),
      });
      await res.text();
      return res.status;
    }
    const poll = this.polls.shift();
    if (poll) poll.resolve(update);
    else this.queue.push(update);
    return 0;
  }

  private record(method: string, status: number): void {
    this.calls.push({ method, status });
    for (const w of this.callWaiters.filter((x) => x.pred())) {
      this.callWaiters.splice(this.callWaiters.indexOf(w), 1);
      w.resolve();
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const m = /^\/bot(.+)\/([A-Za-z]+)$/.exec(req.url ?? "");
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      this.record(m?.[2] ?? "?", status);
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "POST" || !m) return reply(404, { ok: false, error_code: 404, description: "Not Found" });
    if (m[1] !== this.token) return reply(401, { ok: false, error_code: 401, description: "Unauthorized" });
    let body: Record<string, unknown>;
    try {
      body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>) : {};
    } catch {
      return reply(400, { ok: false, error_code: 400, description: "Bad Request: body is not JSON" });
    }
    switch (m[2]) {
      case "getMe":
        return reply(200, { ok: true, result: { id: "7000000000000000001", account_name: FAKE_BOT_NAME, account_type: "BASIC", can_join_groups: false } });
      case "getUpdates": {
        if (this.webhook) return reply(400, { ok: false, error_code: 400, description: "Bad Request: webhook is set; call deleteWebhook to use getUpdates" });
        const queued = this.queue.shift();
        if (queued) return reply(200, { ok: true, result: queued });
        const waitMs = Math.min(this.maxPollMs, Number(body.timeout ?? 30) * 1000);
        const update = await new Promise<unknown | null>((resolve) => {
          const poll: PendingPoll = { resolve: (u) => (clearTimeout(timer), resolve(u)) };
          const timer = setTimeout(() => {
            this.polls.splice(this.polls.indexOf(poll), 1);
            resolve(null);
          }, waitMs);
          this.polls.push(poll);
          req.socket.once("close", () => {
            const i = this.polls.indexOf(poll);
            if (i >= 0) this.polls.splice(i, 1);
          });
        });
        if (update === null) return reply(200, { ok: false, error_code: 408, description: "Request timeout" });
        if (res.destroyed) return void this.queue.unshift(update);
        return reply(200, { ok: true, result: update });
      }
      case "setWebhook": {
        const url = String(body.url ?? "");
        const secret = String(body.secret_token ?? "");
        if (secret.length < 8 || secret.length > 256) return reply(400, { ok: false, error_code: 400, description: "secret_token must be 8-256 characters" });
        const reachable = await fetch(url, { method: "GET", signal: AbortSignal.timeout(2000) }).then(
          () => true,
          () => false,
        );
        if (!reachable) return reply(400, { ok: false, error_code: 400, description: "Webhook url is not reachable" });
        this.webhook = { url, secret };
        return reply(200, { ok: true, result: { url, updated_at: Date.now() } });
      }
      case "deleteWebhook":
        this.webhook = null;
        return reply(200, { ok: true, result: { url: "", updated_at: Date.now() } });
      case "sendMessage":
      case "sendPhoto": {
        if (this.throttle > 0) {
          this.throttle -= 1;
          return reply(429, { ok: false, error_code: 429, description: "Too Many Requests" });
        }
        const text = String(m[2] === "sendMessage" ? (body.text ?? "") : (body.caption ?? body.photo ?? ""));
        if (!body.chat_id || text.length < 1 || text.length > 2000) return reply(400, { ok: false, error_code: 400, description: "Bad Request: text must be 1-2000 characters" });
        this.sent.push({ chatId: String(body.chat_id), text, method: m[2], atMs: performance.now() });
        for (const w of this.waiters.filter((x) => this.sent.length >= x.n)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve();
        }
        return reply(200, { ok: true, result: { message_id: `sent-${this.sent.length}`, date: Date.now() } });
      }
      default:
        return reply(404, { ok: false, error_code: 404, description: `Method ${m[2]} not found` });
    }
  }
}

export async function startFakeZaloBot(token?: string): Promise<FakeZaloBot> {
  return new FakeZaloBot(token).listen();
}
