// The Zalo bot channel's pieces against the fake Zalo Bot API over HTTP, without the bot server:
// the API client (envelope, 429 backoff, token errors without the token), the webhook secret check,
// the update mapping and the splitting of long answers.
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZaloBotApi, ZaloBotApiError } from "../../../adapters/zalo-bot/api";
import { ZaloBotChannel } from "../../../adapters/zalo-bot/channel";
import { updateSchema, zaloBotUpdateToIncoming } from "../../../adapters/zalo-bot/inbound";
import { renderForZaloBot } from "../../../adapters/zalo-bot/render";
import { secretMatches } from "../../../adapters/zalo-bot/webhook-secret";
import type { IncomingMessage } from "../../../bot/messages";
import { FAKE_BOT_NAME, FAKE_BOT_TOKEN, startFakeZaloBot, textUpdate, type FakeZaloBot } from "../../fakes/fake-zalo-bot";

const NOW = new Date("2023-05-02T02:00:00Z");
const log = pino({ level: "silent" });
const noLink = async () => "https://bot.example/files/x";

let fake: FakeZaloBot;
beforeAll(async () => {
  fake = await startFakeZaloBot();
});
afterAll(async () => fake?.close());

describe("Zalo Bot API client", () => {
  it("retries a 429 after the backoff and sends once", async () => {
    const waits: number[] = [];
    const api = new ZaloBotApi({ baseUrl: fake.url, token: FAKE_BOT_TOKEN, random: () => 0.5, sleepMs: async (ms) => void waits.push(ms) });
    const before = fake.sent.length;
    fake.tooManyRequests(2);
    await api.sendMessage("c-1", "Xin chào");
    expect(fake.sent.slice(before).map((s) => s.text)).toEqual(["Xin chào"]);
    expect(waits).toEqual([750, 1500]); // equal jitter of 1 s and 2 s
  });

  it("gives up after five 429s with a rate-limit error", async () => {
    const api = new ZaloBotApi({ baseUrl: fake.url, token: FAKE_BOT_TOKEN, sleepMs: async () => {} });
    fake.tooManyRequests(5);
    await expect(api.sendMessage("c-1", "x")).rejects.toMatchObject({ kind: "rate_limited", status: 429 });
  });

  it("says how to fix a wrong token and never repeats the token", async () => {
    const api = new ZaloBotApi({ baseUrl: fake.url, token: "42:not-the-token" });
    const err = (await api.getMe().catch((e: unknown) => e)) as ZaloBotApiError;
    expect(err).toBeInstanceOf(ZaloBotApiError);
    expect(err.kind).toBe("bad_token");
    expect(err.message).toMatch(/ZALO_BOT_TOKEN.*Zalo Bot Manager/);
    expect(`${err.message} ${err.stack}`).not.toContain("not-the-token");
  });

  it("names the host, not the URL with the token, when the API cannot be reached", async () => {
    const api = new ZaloBotApi({ baseUrl: "http://127.0.0.1:9", token: FAKE_BOT_TOKEN });
    const err = (await api.getMe().catch((e: unknown) => e)) as ZaloBotApiError;
    expect(err.kind).toBe("network");
    expect(err.message).toContain("127.0.0.1:9");
    expect(err.message).not.toContain(FAKE_BOT_TOKEN);
  });

  it("returns no updates when the long poll ends empty (error 408)", async () => {
    const api = new ZaloBotApi({ baseUrl: fake.url, token: FAKE_BOT_TOKEN });
    const t0 = performance.now();
    expect(await api.getUpdates(1)).toEqual([]);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(900);
  });
});

describe("webhook secret", () => {
  it("accepts only the exact secret", () => {
    expect(secretMatches("s3cret-value", "s3cret-value")).toBe(true);
    expect(secretMatches("s3cret-value", "s3cret-valuE")).toBe(false);
    expect(secretMatches("s3cret-value", "s3cret-value ")).toBe(false);
    expect(secretMatches("s3cret-value", undefined)).toBe(false);
    expect(secretMatches("s3cret-value", ["s3cret-value", "s3cret-value"])).toBe(false);
    expect(secretMatches("", "")).toBe(false);
  });

  it("a refused, malformed or polling-mode call never reaches the core", async () => {
    const seen: IncomingMessage[] = [];
    const core = { handle: async (m: IncomingMessage) => (seen.push(m), []) };
    const api = new ZaloBotApi({ baseUrl: fake.url, token: FAKE_BOT_TOKEN });
    const hook = new ZaloBotChannel({ api, core, log, mode: "webhook", secret: "s3cret-value", webhookUrl: () => "", link: noLink });
    const body = { ok: true, result: textUpdate({ from: "u1", text: "help" }) };
    expect(hook.handleWebhook("wrong-value!", body).status).toBe(401);
    expect(hook.handleWebhook(undefined, body).status).toBe(401);
    expect(hook.handleWebhook("s3cret-value", [body]).status).toBe(400);
    const polling = new ZaloBotChannel({ api, core, log, mode: "polling", webhookUrl: () => "", link: noLink });
    expect(polling.handleWebhook("s3cret-value", body).status).toBe(404);
    await hook.stop();
    expect(seen).toEqual([]);
  });
});

describe("updates and replies", () => {
  const map = (u: unknown) => zaloBotUpdateToIncoming(updateSchema.parse(u), FAKE_BOT_NAME, NOW);

  it("maps only text messages from people", () => {
    const text = textUpdate({ from: "u1", text: "help" });
    expect(map({ ...text, event_name: "message.sticker.received" })).toBeNull();
    expect(map({ event_name: "message.unsupported.received" })).toBeNull();
    expect(map({ ...text, message: { ...text.message, from: { id: "b", is_bot: true } } })).toBeNull();
  });

  it("reads dates in milliseconds or seconds, and falls back to now", () => {
    expect(map(textUpdate({ from: "u1", text: "x", date: 1750316131602 }))?.receivedAt.toISOString()).toBe("2025-06-19T06:55:31.602Z");
    expect(map(textUpdate({ from: "u1", text: "x", date: 1750316131 }))?.receivedAt.toISOString()).toBe("2025-06-19T06:55:31.000Z");
    expect(map(textUpdate({ from: "u1", text: "x", date: 0 }))?.receivedAt).toEqual(NOW);
  });

  it("keeps a group message without the bot's mention as it is, and stores no address", () => {
    const msg = map(textUpdate({ from: "u1", chatId: "g1", group: true, text: "hạn báo cáo năm?" }));
    expect(msg).toMatchObject({ isGroup: true, text: "hạn báo cáo năm?", address: undefined });
  });

  it("splits a long answer into pieces the API accepts (1 to 2,000 characters)", async () => {
    const sentence = "Phòng Nội vụ tổng hợp báo cáo 6 tháng, gửi về UBND thị xã trước ngày 10/6. ";
    const pieces = await renderForZaloBot({ kind: "text", text: sentence.repeat(80), quickReplies: ["Đã xong"] }, noLink);
    expect(pieces.length).toBeGreaterThan(2);
    for (const p of pieces) expect(p.length).toBeGreaterThan(0), expect(p.length).toBeLessThanOrEqual(2000);
    expect(pieces.join(" ").replace(/\s+/g, " ")).toContain("“Đã xong”");
  });
});
