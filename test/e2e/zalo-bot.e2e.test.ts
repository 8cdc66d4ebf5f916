// The official Zalo bot end to end: the real server (createApp + startServer) against a local fake
// Zalo Bot API over HTTP, in webhook and in polling mode: answers, a progress update stored, a nudge
// delivered once, the draft report as a download link, 429s waited out, a forged webhook refused,
// and the errors an operator sees for a wrong token and an unreachable webhook address.
import { readyBody } from "../support/ready";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../bot/config";
import { NudgeScheduler } from "../../bot/nudges/scheduler";
import { loadCalendar } from "../../bot/nudges/calendar";
import { createInvite } from "../../bot/users/invites";
import { ensureUnit } from "../../bot/users/units";
import { FAKE_BOT_TOKEN, startFakeZaloBot, textUpdate, type FakeZaloBot } from "../fakes/fake-zalo-bot";
import { postJson, startHarness, type Harness } from "./harness";

const SECRET = "s3cret-webhook-token-for-tests";
const FAST = { rateLimits: { threadIntervalMs: 0, globalIntervalMs: 0 }, backoff: { baseDelayMs: 20, maxDelayMs: 100 }, sendBackoff: { baseDelayMs: 10, maxDelayMs: 50 }, pollTimeoutSec: 1 };
const INVITE_AT = new Date("2023-05-01T00:00:00Z");
// One sample plan is enough where the test is about the transport (a quicker start).
const ONE_PLAN = mkdtempSync(join(tmpdir(), "tlkh-one-plan-"));
copyFileSync("knowledge/sample-plans/honglinh-2023.txt", join(ONE_PLAN, "honglinh-2023.txt"));
afterAll(() => rmSync(ONE_PLAN, { recursive: true, force: true }));

/** A pino logger whose JSON lines are kept for the assertions. */
function capturingLog() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      cb();
    },
  });
  return { log: pino({ level: "info" }, stream), lines };
}

async function until(pred: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** One user turn: delivers the update and waits for `replies` sends. */
async function say(fake: FakeZaloBot, update: ReturnType<typeof textUpdate>, replies = 1) {
  const before = fake.sent.length;
  await fake.deliver(update);
  return fake.waitForSent(before + replies, before);
}

describe("Zalo bot in webhook mode", () => {
  let fake: FakeZaloBot;
  let h: Harness;
  beforeAll(async () => {
    fake = await startFakeZaloBot();
    h = await startHarness({ ZALO_BOT_TOKEN: FAKE_BOT_TOKEN, ZALO_BOT_MODE: "webhook", ZALO_BOT_WEBHOOK_SECRET: SECRET, ZALO_BOT_API_URL: fake.url }, { zaloBot: FAST });
    await fake.waitForCall("setWebhook");
  });
  afterAll(async () => {
    await h?.stop();
    await fake?.close();
  });

  it("registers PUBLIC_BASE_URL/api/zalo with the secret at start", async () => {
    expect(fake.webhook).toEqual({ url: `${h.server.url.replace("127.0.0.1", "localhost")}/api/zalo`, secret: SECRET });
    const ready = await readyBody(h.server.url);
    expect(ready.zaloBot).toBe("webhook registered");
  });

  it("answers a question in the chat it came from and stores the chat id as an address", async () => {
    const [reply] = await say(fake, textUpdate({ from: "u-web-1", text: "khi nao nop bao cao 6 thang" }));
    expect(reply.chatId).toBe("u-web-1");
    expect(reply.text).toContain("10/6");
    const rows = await h.app.db.query<{ conversation_key: string; data: { chatId: string } }>("SELECT conversation_key, data FROM addresses WHERE channel = 'zalo-bot'");
    expect(rows).toEqual([{ conversation_key: "chat:u-web-1", data: { chatId: "u-web-1" } }]);
  });

  it("refuses a forged webhook call (wrong or missing secret) and runs no turn", async () => {
    const before = fake.sent.length;
    const forged = textUpdate({ from: "attacker", text: "đăng ký 123456" });
    expect(await fake.deliver(forged, "wrong-secret-value")).toBe(401);
    expect((await postJson(`${h.server.url}/api/zalo`, { ok: true, result: forged })).status).toBe(401);
    // A genuine call after it is answered, and only it.
    await say(fake, textUpdate({ from: "u-web-2", text: "help" }));
    expect(fake.sent.slice(before).map((s) => s.chatId)).not.toContain("attacker");
    const rows = await h.app.db.query("SELECT 1 FROM addresses WHERE channel_user_id = 'attacker'");
    expect(rows).toEqual([]);
  });

  it("answers a sticker in a direct chat with how to ask, and stores nothing", async () => {
    const sticker = textUpdate({ from: "u-sticker", text: "" });
    const [reply] = await say(fake, { ...sticker, event_name: "message.sticker.received" });
    expect(reply).toMatchObject({ chatId: "u-sticker", text: expect.stringContaining("Tôi chỉ đọc được tin nhắn chữ") });
    expect(await h.app.db.query("SELECT 1 FROM addresses WHERE channel_user_id = 'u-sticker'")).toEqual([]);
  });

  it("ignores the same message delivered twice", async () => {
    const update = textUpdate({ from: "u-web-3", text: "help", id: "dup-1" });
    await say(fake, update);
    const before = fake.sent.length;
    expect(await fake.deliver(update)).toBe(200);
    await say(fake, textUpdate({ from: "u-web-3", text: "help", id: "dup-2" }));
    expect(fake.sent.length - before).toBe(1);
  });

  it("waits out 429 answers with backoff and still delivers every piece in order", async () => {
    fake.tooManyRequests(2);
    const replies = await say(fake, textUpdate({ from: "u-web-4", text: "help" }));
    expect(replies[0].chatId).toBe("u-web-4");
    expect(fake.calls.filter((c) => c.method === "sendMessage" && c.status === 429)).toHaveLength(2);
  });

  it("registers by invite, offers the numbered update form and stores the numbered answer", async () => {
    const unit = await ensureUnit(h.app.db, "UBND phường Bắc Hồng", "admin");
    const invite = await createInvite(h.app.db, { unitId: unit.id, role: "member", now: INVITE_AT, days: 30 });
    expect((await say(fake, textUpdate({ from: "u-member", text: `đăng ký ${invite.code}` })))[0].text).toMatch(/Đăng ký thành công/);

    const [form] = await say(fake, textUpdate({ from: "u-member", text: "cập nhật" }));
    expect(form.text).toMatch(/^1\. /m);
    expect(form.text).toContain("“1: đang thực hiện 60%");

    const [echo] = await say(fake, textUpdate({ from: "u-member", text: "1: đang thực hiện 60%, chờ số liệu phường", id: "zb-update-1" }));
    expect(echo.text).toMatch(/Đã ghi nhận[\s\S]*đang thực hiện \(60%\)/);
    const entries = await h.app.db.query<{ status: string; percent: number; channel: string }>(
      "SELECT status, percent, channel FROM report_entries WHERE source_message_id = 'zb-update-1'",
    );
    expect(entries).toEqual([{ status: "đang thực hiện", percent: 60, channel: "zalo-bot" }]);
  });

  it("delivers a deadline nudge to the registered user once", async () => {
    const config = loadConfig({ NUDGES_ENABLED: "true" });
    const scheduler = new NudgeScheduler({ db: h.app.db, senders: h.server.senders, config, calendar: loadCalendar(undefined) });
    const before = fake.sent.length;
    const now = new Date("2023-06-02T01:00:00Z"); // 08:00 in Hà Nội, 7 days before the 6-month report
    await scheduler.tick(now);
    await scheduler.tick(new Date(now.getTime() + 60_000));
    await scheduler.tick(new Date(now.getTime() + 120_000));
    const nudges = fake.sent.slice(before).filter((s) => s.chatId === "u-member");
    expect(nudges).toHaveLength(1);
    expect(nudges[0].text).toMatch(/còn 7 ngày/);
    expect(nudges[0].text).toContain("“Đã xong”");
  });

  it("sends the draft report as a signed download link that serves the Word file", async () => {
    const unit = await ensureUnit(h.app.db, "Phòng Nội vụ", "admin");
    const invite = await createInvite(h.app.db, { unitId: unit.id, role: "coordinator", now: INVITE_AT, days: 30 });
    await say(fake, textUpdate({ from: "u-coord", text: `đăng ký ${invite.code}` }));
    const replies = await say(fake, textUpdate({ from: "u-coord", text: "xuất báo cáo 6 tháng" }));
    const withLink = replies.find((r) => /\/files\//.test(r.text));
    expect(withLink?.text).toMatch(/📎 .+\.docx: http/);
    const url = /(http\S+)/.exec(withLink?.text ?? "")?.[1] ?? "";
    const res = await fetch(url.replace("localhost", "127.0.0.1"));
    expect(res.status, withLink?.text).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 2).toString()).toBe("PK");
  });
});

describe("Zalo bot in polling mode", () => {
  let fake: FakeZaloBot;
  let h: Harness;
  beforeAll(async () => {
    fake = await startFakeZaloBot();
    h = await startHarness({ ZALO_BOT_TOKEN: FAKE_BOT_TOKEN, ZALO_BOT_MODE: "polling", ZALO_BOT_API_URL: fake.url, PLANS_DIR: ONE_PLAN }, { zaloBot: FAST });
    await fake.waitForCall("getUpdates", 200);
  });
  afterAll(async () => {
    await h?.stop();
    await fake?.close();
  });

  it("clears a webhook, long-polls, answers, and has no webhook endpoint", async () => {
    expect(fake.calls.map((c) => c.method).slice(0, 2)).toEqual(["getMe", "deleteWebhook"]);
    const [reply] = await say(fake, textUpdate({ from: "u-poll-1", text: "khi nào nộp báo cáo năm?" }));
    expect(reply.chatId).toBe("u-poll-1");
    expect(reply.text).toContain("25/11");
    const res = await postJson(`${h.server.url}/api/zalo`, { ok: true, result: textUpdate({ from: "x", text: "help" }) }, { "x-bot-api-secret-token": "whatever-it-is" });
    expect(res.status).toBe(404);
  });

  it("answers one chat's messages in order", async () => {
    const before = fake.sent.length;
    await fake.deliver(textUpdate({ from: "u-poll-2", text: "help" }));
    await fake.deliver(textUpdate({ from: "u-poll-2", text: "khi nào nộp báo cáo năm?" }));
    const replies = (await fake.waitForSent(before + 2, before)).filter((s) => s.chatId === "u-poll-2");
    expect(replies[1].text).toContain("25/11");
  });

  it("stops polling on shutdown without waiting for the long poll", async () => {
    const t0 = performance.now();
    await h.stop();
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});

describe("Zalo bot operator errors", () => {
  let fake: FakeZaloBot;
  beforeAll(async () => {
    fake = await startFakeZaloBot();
  });
  afterAll(async () => fake?.close());

  it("a wrong token: the log names ZALO_BOT_TOKEN and the fix, readyz says so, polling stops", async () => {
    const { log, lines } = capturingLog();
    const h = await startHarness({ ZALO_BOT_TOKEN: "999:wrong-token", ZALO_BOT_API_URL: fake.url, PLANS_DIR: ONE_PLAN }, { zaloBot: FAST, log });
    try {
      await until(() => lines.some((l) => l.msg === "Zalo bot is off: the token was refused"), "the token error");
      const line = lines.find((l) => l.msg === "Zalo bot is off: the token was refused");
      expect(String(line?.fix)).toMatch(/ZALO_BOT_TOKEN[\s\S]*Zalo Bot Manager/);
      expect(JSON.stringify(lines)).not.toContain("wrong-token");
      const ready = await readyBody(h.server.url);
      expect(ready.zaloBot).toMatch(/token rejected/);
      expect(fake.calls.filter((c) => c.method === "getUpdates")).toEqual([]);
    } finally {
      await h.stop();
    }
  });

  it("an unreachable webhook address: the log says what to set, and registration is retried", async () => {
    const { log, lines } = capturingLog();
    const h = await startHarness(
      { ZALO_BOT_TOKEN: FAKE_BOT_TOKEN, ZALO_BOT_MODE: "webhook", ZALO_BOT_WEBHOOK_SECRET: SECRET, ZALO_BOT_API_URL: fake.url, PUBLIC_BASE_URL: "http://127.0.0.1:9", PLANS_DIR: ONE_PLAN },
      { zaloBot: FAST, log },
    );
    try {
      await until(() => lines.filter((l) => l.msg === "Zalo bot webhook could not be registered").length >= 2, "two registration attempts");
      const line = lines.find((l) => l.msg === "Zalo bot webhook could not be registered");
      expect(line?.reason).toMatch(/not reachable/);
      expect(String(line?.fix)).toMatch(/PUBLIC_BASE_URL[\s\S]*ZALO_BOT_MODE=polling/);
      const ready = await readyBody(h.server.url);
      expect(ready.zaloBot).toBe("webhook not registered");
    } finally {
      await h.stop();
    }
  });
});
