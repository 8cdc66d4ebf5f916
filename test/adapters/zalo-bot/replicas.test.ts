// Two replicas on one PostgreSQL (TEST_DATABASE_URL) against one fake Zalo Bot API: in polling mode
// only the replica holding the advisory lock polls; when it stops, the standby takes over. In
// webhook mode both answer the calls they receive.
import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZaloBotApi } from "../../../adapters/zalo-bot/api";
import { ZaloBotChannel, type ZaloBotMode } from "../../../adapters/zalo-bot/channel";
import { runZaloBot } from "../../../adapters/zalo-bot/run";
import type { IncomingMessage } from "../../../bot/messages";
import type { EngineDb } from "../../../bot/storage/engine";
import { dropSchema, freshSchema, openPg } from "../../bot/nudges/db";
import { FAKE_BOT_TOKEN, startFakeZaloBot, textUpdate, type FakeZaloBot } from "../../fakes/fake-zalo-bot";

const schema = freshSchema("zalobot");
let dbs: EngineDb[] = [];
let fake: FakeZaloBot;
beforeAll(async () => {
  fake = await startFakeZaloBot();
  dbs = [await openPg(schema), await openPg(schema)];
});
afterAll(async () => {
  await fake?.close();
  if (dbs[0]) await dropSchema(dbs[0], schema);
  for (const db of dbs) await db.close();
});

function replica(name: string, db: EngineDb, mode: ZaloBotMode) {
  const handled: IncomingMessage[] = [];
  const logLines: string[] = [];
  const log = pino({ level: "info" }, new Writable({ write: (c: Buffer, _e, cb) => (logLines.push(c.toString()), cb()) }));
  const channel = new ZaloBotChannel({
    api: new ZaloBotApi({ baseUrl: fake.url, token: FAKE_BOT_TOKEN }),
    core: { handle: async (m) => (handled.push(m), [{ kind: "text", text: `${name} trả lời` }]) },
    log,
    mode,
    secret: "s3cret-value",
    webhookUrl: () => `${fake.url}/hook-${name}`,
    link: async () => "",
    rateLimits: { threadIntervalMs: 0, globalIntervalMs: 0 },
    pollTimeoutSec: 1,
  });
  const run = runZaloBot(channel, { tryLock: (key) => db.tryAdvisoryLock(key), log, retryMs: 50 });
  return { name, channel, run, handled, logLines };
}

async function until(pred: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 15_000;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("Zalo bot replicas on PostgreSQL", () => {
  it("polling: one replica polls, the other stands by and takes over when it stops", async () => {
    const a = replica("A", dbs[0], "polling");
    await fake.waitForCall("getUpdates", 200);
    const b = replica("B", dbs[1], "polling");
    await until(() => b.logLines.some((l) => l.includes("another replica runs the Zalo bot poller; standing by")), "B to stand by");
    expect(a.channel.status).toBe("polling");
    expect(b.channel.status).toBe("starting");
    expect(fake.calls.filter((c) => c.method === "getMe")).toHaveLength(1);

    let before = fake.sent.length;
    await fake.deliver(textUpdate({ from: "u1", text: "help", id: "r-1" }));
    expect((await fake.waitForSent(before + 1, before))[0].text).toBe("A trả lời");

    await a.run.stop();
    await until(() => b.channel.status === "polling", "B to take over");
    before = fake.sent.length;
    await fake.deliver(textUpdate({ from: "u1", text: "help", id: "r-2" }));
    expect((await fake.waitForSent(before + 1, before))[0].text).toBe("B trả lời");
    expect(a.handled.map((m) => m.messageId)).toEqual(["r-1"]);
    expect(b.handled.map((m) => m.messageId)).toEqual(["r-2"]);
    await b.run.stop();
  });

  it("webhook: both replicas register and answer what they receive", async () => {
    const a = replica("A", dbs[0], "webhook");
    const b = replica("B", dbs[1], "webhook");
    await until(() => a.channel.status !== "starting" && b.channel.status !== "starting", "both to register");
    const body = (id: string) => ({ ok: true, result: textUpdate({ from: "u2", text: "help", id }) });
    expect(a.channel.handleWebhook("s3cret-value", body("w-1")).status).toBe(200);
    expect(b.channel.handleWebhook("s3cret-value", body("w-2")).status).toBe(200);
    await until(() => a.handled.length === 1 && b.handled.length === 1, "both turns");
    await Promise.all([a.run.stop(), b.run.stop()]);
  });
});
