// The whole turn path under load: the real server (createApp + startServer, Teams in Emulator mode)
// on a loopback port, a fake Bot Connector that receives the replies, and N users each sending
// their questions one after another, all at once. Every turn is a POST to /api/messages that
// returns once the bot has answered (botbuilder posts the reply to the connector first).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pino from "pino";
import { startServer } from "../../adapters/server";
import { createApp } from "../../bot/app";
import { loadConfig } from "../../bot/config";
import type { OfficeAwareEngine } from "../../bot/plans/office-answerer";
import { officeAwareAnswerer } from "../../bot/plans/office-answerer";
import { openDbFromConfig } from "../../bot/storage/open-db";
import { startFakeConnector } from "../../test/fakes/fake-connector";
import { percentile } from "./stats";

export interface TurnFigures {
  turns: number;
  failed: number;
  /** Why turns failed: HTTP status or error message, with counts. */
  failures: Record<string, number>;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Health checks sent during the load: their worst latency (ms). */
  healthMax: number;
  /** RSS (MB) of this process right after the embedded database opened, and before. */
  rssBeforeDb: number;
  rssAfterDb: number;
}

const rssMb = () => process.memoryUsage().rss / 1048576;

/** Runs `questions` (cycled) through /api/messages with `users` concurrent users, `turns` turns in all. */
export async function timeTurns(o: { answerer: OfficeAwareEngine; questions: string[]; users: number; turns: number }): Promise<TurnFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), "tlkh-bench-turns-"));
  const config = loadConfig({ DATA_DIR: dataDir, NUDGES_ENABLED: "false", LOG_LEVEL: "silent", ZALO_CREDENTIALS_FILE: join(dataDir, "none.json") });
  const log = pino({ level: "silent" });
  const rssBeforeDb = rssMb();
  const db = await openDbFromConfig(config);
  const rssAfterDb = rssMb();
  const connector = await startFakeConnector();
  const app = await createApp(config, { db, log, skipIngest: true, answerer: officeAwareAnswerer(o.answerer, db) });
  const server = await startServer({
    config,
    app,
    log,
    port: 0,
    host: "127.0.0.1",
    zalo: null,
    background: null,
    // One loopback address for every user: the per-address limits would measure themselves.
    limits: { requestsPerMinute: 1e9, turnsPerMinute: 1e9, registrationsPer15Min: 1e9 },
  });
  const times: number[] = [];
  let failed = 0;
  const failures: Record<string, number> = {};
  const fail = (why: string) => {
    failed++;
    failures[why] = (failures[why] ?? 0) + 1;
  };
  let next = 0;
  let healthMax = 0;
  let running = true;
  const health = (async () => {
    while (running) {
      const t = performance.now();
      await fetch(`${server.url}/healthz`).then((r) => r.text()).catch(() => "");
      healthMax = Math.max(healthMax, performance.now() - t);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const user = async (u: number) => {
    let seq = 0;
    for (;;) {
      const i = next++;
      if (i >= o.turns) return;
      const activity = {
        type: "message",
        id: `bench-${u}-${++seq}`,
        timestamp: new Date().toISOString(),
        channelId: "msteams",
        serviceUrl: connector.url,
        from: { id: `29:bench-user-${u}`, name: `Người dùng ${u}`, aadObjectId: `aad-bench-${u}` },
        recipient: { id: "28:bot-app-id", name: "Trợ lý Kế hoạch" },
        conversation: { id: `a:bench-chat-${u}`, conversationType: "personal", tenantId: "tenant-1" },
        channelData: { tenant: { id: "tenant-1" } },
        locale: "vi-VN",
        text: o.questions[i % o.questions.length],
      };
      const t = performance.now();
      try {
        const res = await fetch(`${server.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
        await res.text();
        if (res.status >= 300) fail(`HTTP ${res.status}`);
      } catch (e) {
        fail(String((e as Error & { cause?: Error }).cause?.message ?? (e as Error).message));
      }
      times.push(performance.now() - t);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: o.users }, (_, u) => user(u)));
  const seconds = (performance.now() - t0) / 1000;
  running = false;
  await health;
  await server.close();
  await connector.close();
  rmSync(dataDir, { recursive: true, force: true });
  times.sort((a, b) => a - b);
  return {
    turns: times.length,
    failed,
    failures,
    seconds,
    perSecond: times.length / seconds,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    max: times[times.length - 1],
    healthMax,
    rssBeforeDb,
    rssAfterDb,
  };
}
