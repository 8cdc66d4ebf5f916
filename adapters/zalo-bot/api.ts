// The official Zalo Bot API over plain HTTPS (no SDK): POST JSON to BASE/bot<TOKEN>/<method>, an
// envelope { ok, result, error_code, description } back. HTTP 200 is not success: `ok` is. The token
// is in the path, so no URL, request or upstream error text that could carry it is ever logged.
import { z } from "zod";
import { backoffDelayMs, type BackoffOptions } from "../zalo/backoff";

const envelopeSchema = z.object({
  ok: z.boolean(),
  result: z.unknown().optional(),
  error_code: z.number().optional(),
  description: z.string().optional(),
});

export const botInfoSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  account_name: z.string().optional(),
  display_name: z.string().optional(),
});
export type BotInfo = z.output<typeof botInfoSchema>;

/** Backoff of sends refused with 429: 1 s, 2 s, 4 s ... up to 30 s, or the server's Retry-After. */
export const SEND_BACKOFF: BackoffOptions = { baseDelayMs: 1_000, maxDelayMs: 30_000 };
export const SEND_ATTEMPTS = 5;

export type ZaloBotErrorKind = "bad_token" | "rate_limited" | "no_updates" | "network" | "refused";

export class ZaloBotApiError extends Error {
  constructor(
    message: string,
    readonly method: string,
    readonly kind: ZaloBotErrorKind,
    readonly status: number,
    readonly errorCode?: number,
    /** From a Retry-After header, when the server sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "ZaloBotApiError";
  }
}

export interface ZaloBotApiOptions {
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  /** Time limit of a short call (not getUpdates), default 15 s. */
  timeoutMs?: number;
  sendBackoff?: BackoffOptions;
  random?: () => number;
  sleepMs?: (ms: number) => Promise<void>;
}

const BAD_TOKEN_FIX =
  "Zalo refused ZALO_BOT_TOKEN: copy the token again from the Zalo Bot Manager chat (Zalo Bot Creator > your bot), or create a new one there, then restart.";

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export class ZaloBotApi {
  private readonly base: string;
  private readonly doFetch: typeof fetch;

  constructor(private readonly opts: ZaloBotApiOptions) {
    this.base = opts.baseUrl.replace(/\/+$/, "");
    this.doFetch = opts.fetch ?? fetch;
  }

  /** One call; throws ZaloBotApiError (never an error carrying the URL). */
  async call(method: string, body: Record<string, unknown>, o: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<unknown> {
    const timeout = AbortSignal.timeout(o.timeoutMs ?? this.opts.timeoutMs ?? 15_000);
    const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await this.doFetch(`${this.base}/bot${this.opts.token}/${method}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal,
      });
    } catch (err) {
      const name = (err as { name?: string }).name;
      const why = name === "TimeoutError" ? "timed out" : name === "AbortError" ? "was cancelled" : `failed (${(err as { cause?: { code?: string } }).cause?.code ?? name ?? "network error"})`;
      throw new ZaloBotApiError(`Zalo Bot API ${method} ${why}: check that this server reaches ${new URL(this.base).host}.`, method, "network", 0);
    }
    const parsed = envelopeSchema.safeParse(await res.json().catch(() => null));
    const env = parsed.success ? parsed.data : null;
    if (res.ok && env?.ok) return env.result;
    const code = env?.error_code;
    const what = env?.description ? `: ${env.description.slice(0, 200)}` : "";
    if (res.status === 429 || code === 429) {
      throw new ZaloBotApiError(`Zalo Bot API ${method} refused: too many requests (429)${what}`, method, "rate_limited", res.status, code, retryAfterMs(res.headers.get("retry-after")));
    }
    if ([401, 403, 404].includes(res.status) || code === 401 || code === 403) {
      throw new ZaloBotApiError(`${BAD_TOKEN_FIX} (${method}: HTTP ${res.status}${code ? `, error ${code}` : ""}${what})`, method, "bad_token", res.status, code);
    }
    if (code === 408) throw new ZaloBotApiError(`Zalo Bot API ${method}: no updates`, method, "no_updates", res.status, code);
    throw new ZaloBotApiError(`Zalo Bot API ${method} failed (HTTP ${res.status}${code ? `, error ${code}` : ""})${what}`, method, "refused", res.status, code);
  }

  /** Like call(), retried with backoff while the server answers 429 (sends must not be dropped). */
  async callPatiently(method: string, body: Record<string, unknown>): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.call(method, body);
      } catch (err) {
        if (!(err instanceof ZaloBotApiError) || err.kind !== "rate_limited" || attempt >= SEND_ATTEMPTS) throw err;
        const waitMs = Math.max(err.retryAfterMs ?? 0, backoffDelayMs(attempt, this.opts.sendBackoff ?? SEND_BACKOFF, this.opts.random));
        await (this.opts.sleepMs ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(waitMs);
      }
    }
  }

  async getMe(): Promise<BotInfo> {
    return botInfoSchema.parse(await this.call("getMe", {}));
  }

  /** Long poll: one update, several, or none (null) within timeoutSec. */
  async getUpdates(timeoutSec: number, signal?: AbortSignal): Promise<unknown[]> {
    try {
      const result = await this.call("getUpdates", { timeout: String(timeoutSec) }, { timeoutMs: (timeoutSec + 10) * 1000, signal });
      if (result === undefined || result === null) return [];
      return Array.isArray(result) ? result : [result];
    } catch (err) {
      if (err instanceof ZaloBotApiError && err.kind === "no_updates") return [];
      throw err;
    }
  }

  async setWebhook(url: string, secretToken: string): Promise<void> {
    await this.call("setWebhook", { url, secret_token: secretToken });
  }

  async deleteWebhook(): Promise<void> {
    await this.call("deleteWebhook", {});
  }

  async sendMessage(chatId: string, text: string): Promise<void> {
    await this.callPatiently("sendMessage", { chat_id: chatId, text });
  }
}
