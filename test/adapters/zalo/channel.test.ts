// The Zalo channel with the real bot core and a typed fake zca-js API (EventEmitter listener,
// recording sendMessage): who gets answered, duplicates, reconnect, the per-thread rate limit.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { ThreadType } from "zca-js";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ZaloChannel, type ZaloChannelDeps } from "../../../adapters/zalo/channel";
import { createApp, type App } from "../../../bot/app";
import { loadConfig } from "../../../bot/config";
import type { IncomingMessage } from "../../../bot/messages";
import { BOT_UID, dm, FakeZaloApi, groupMsg } from "../../fakes/fake-zalo";

let app: App;
let dataDir: string;
const seen: IncomingMessage[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "tlkh-zalo-"));
  app = await createApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent", NUDGES_ENABLED: "false" }), { log: pino({ level: "silent" }) });
});
afterAll(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(() => vi.useRealTimers());

function channelWith(api: FakeZaloApi, extra: Partial<ZaloChannelDeps> = {}) {
  const alerts: string[] = [];
  const logins = { count: 0 };
  const channel = new ZaloChannel({
    login: async () => {
      logins.count += 1;
      return api;
    },
    core: { handle: (m) => (seen.push(m), app.handle(m)) },
    log: pino({ level: "silent" }),
    keywords: ["@trolý", "/tl"],
    alert: async (t) => void alerts.push(t),
    rateLimits: { threadIntervalMs: 1000, globalIntervalMs: 100 },
    ...extra,
  });
  return { channel, alerts, logins };
}

describe("Zalo channel", () => {
  it("answers a DM in the DM thread with the thread type, and ignores the same msgId twice", async () => {
    const api = new FakeZaloApi();
    const { channel } = channelWith(api);
    await channel.start();
    expect(api.listener.listenerCount("error")).toBe(1);
    expect(api.listener.starts).toBe(1);
    api.listener.emit("message", dm("111", "khi nao nop bao cao 6 thang", "dup-1"));
    await channel.settled();
    expect(api.sent[0]).toMatchObject({ threadId: "111", type: ThreadType.User });
    expect(api.sent.map((s) => s.msg).join("\n")).toContain("10/6");
    const sentAfterFirst = api.sent.length;
    api.listener.emit("message", dm("111", "khi nao nop bao cao 6 thang", "dup-1"));
    await channel.settled();
    expect(api.sent.length).toBe(sentAfterFirst);
    await channel.stop();
    expect(api.listener.stops).toBe(1);
    expect(api.listener.listenerCount("message")).toBe(0);
  });

  it("answers in a group only when addressed, always with the group thread type", async () => {
    const api = new FakeZaloApi();
    const { channel } = channelWith(api);
    await channel.start();
    const before = seen.length;
    api.listener.emit("message", groupMsg("g-1", "222", "khi nao nop bao cao 6 thang"));
    api.listener.emit("message", { ...dm("111", "tin của chính bot"), isSelf: true });
    await channel.settled();
    expect(api.sent).toHaveLength(0);
    expect(seen.length).toBe(before);

    api.listener.emit("message", groupMsg("g-1", "222", "@Trợ lý khi nao nop bao cao nam", [{ uid: BOT_UID, pos: 0, len: 7, type: 0 }]));
    await channel.settled();
    expect(seen.at(-1)).toMatchObject({ isGroup: true, text: "khi nao nop bao cao nam" });
    expect(api.sent.every((s) => s.threadId === "g-1" && s.type === ThreadType.Group)).toBe(true);
    expect(api.sent.map((s) => s.msg).join("\n")).toContain("25/11");

    const n = api.sent.length;
    api.listener.emit("message", groupMsg("g-1", "333", "/tl khi nao nop bao cao 6 thang"));
    await channel.settled();
    expect(api.sent.length).toBeGreaterThan(n);
    expect(seen.at(-1)?.text).toBe("khi nao nop bao cao 6 thang");
    await channel.stop();
  });

  it("never sends to one thread faster than the limit", async () => {
    const api = new FakeZaloApi();
    // Long answers become several pieces; a short interval keeps the test quick.
    const { channel } = channelWith(api, { maxChars: 120, rateLimits: { threadIntervalMs: 150, globalIntervalMs: 20 } });
    await channel.start();
    api.listener.emit("message", dm("444", "khi nao nop bao cao 6 thang"));
    api.listener.emit("message", dm("555", "khi nao nop bao cao nam"));
    await channel.settled();
    expect(api.sent.filter((s) => s.threadId === "444").length).toBeGreaterThanOrEqual(3);
    const times = api.sent.filter((s) => s.threadId === "444").map((s) => s.atMs);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(149);
    // (The account-wide limit is checked with fake time in rate-limiter.test.ts.)
    expect(new Set(api.sent.map((s) => s.threadId))).toEqual(new Set(["444", "555"]));
    for (const s of api.sent) expect(s.msg.length).toBeLessThanOrEqual(120);
    await channel.stop();
  });

  it("reconnects after the listener closes, with growing backoff, then logs in again and alerts when it cannot", async () => {
    vi.useFakeTimers();
    const api = new FakeZaloApi();
    let loginWorks = true;
    const { channel, alerts, logins } = channelWith(api, {
      backoff: { baseDelayMs: 1000, maxDelayMs: 60_000 },
      random: () => 1, // no jitter: the delays are exactly 1000, 2000, 4000 ms
    });
    (channel as unknown as { deps: ZaloChannelDeps }).deps.login = async () => {
      logins.count += 1;
      if (!loginWorks) throw new Error("Đăng nhập thất bại");
      return api;
    };
    await channel.start();
    expect(api.listener.starts).toBe(1);

    api.listener.emit("closed", 1006, "abnormal");
    await vi.advanceTimersByTimeAsync(999);
    expect(api.listener.starts).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.listener.starts).toBe(2); // first retry: restart the listener after 1000 ms

    api.listener.emit("closed", 1006, "abnormal"); // no "connected" in between: second retry
    await vi.advanceTimersByTimeAsync(1999);
    expect(api.listener.starts).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.listener.starts).toBe(3); // second retry after 2000 ms

    api.listener.emit("connected");
    api.listener.emit("closed", 3003, "kicked"); // kicked: log in again
    loginWorks = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(logins.count).toBe(2);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain("npm run zalo:login");
    loginWorks = true;
    await vi.advanceTimersByTimeAsync(2000);
    expect(logins.count).toBe(3);
    expect(api.listener.starts).toBe(4);
    await channel.stop();
  });
});
