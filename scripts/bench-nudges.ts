// npm run bench:nudges [-- --nudges 40000 --runs 3 --users 20 --think-ms 1000 --plans 20 --latency-ms 60 --failure-rate 0.01 --concurrency 64]
// The morning wave: --nudges due nudges delivered by the real scheduler (load, plan, claim, send,
// mark, retry) through a fake channel that behaves like a real sender (a random latency around
// --latency-ms, a share --failure-rate of transient failures that are retried), while --users chat
// users send question turns through /api/messages of the same server, in the same process as the
// scheduler (the load generator runs on a worker thread, its own event loop). Each run starts from
// an empty nudge log. Prints the time to deliver all (target < 2 min) and the chat p99 during the
// delivery (target < 1 s), per run and as medians with spreads.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { cliArgs, UsageError, wholeNumber } from "./cli";
import { Worker } from "node:worker_threads";
import pino from "pino";
import { startServer } from "../adapters/server";
import { openApp } from "../bot/app";
import { loadConfig } from "../bot/config";
import type { ConversationAddress, OutgoingMessage, ProactiveSender } from "../bot/messages";
import { localInstant } from "../bot/nudges/clock";
import { DEFAULT_DELIVERY } from "../bot/nudges/delivery";
import { NudgeScheduler } from "../bot/nudges/scheduler";
import type { DbQuery } from "../bot/storage/db";
import { planFromText } from "../knowledge/load-plan";
import { makePlans, readSources, rng } from "./bench/corpus";
import { makeQuestions } from "./bench/questions";
import { median, spread } from "./bench/stats";
import { seedUsers, type TurnFigures } from "./bench/turns";

const HELP = `Usage: npm run bench:nudges [-- OPTIONS]
  --nudges N          due nudges to deliver in one morning (default 40000)
  --runs N            runs; medians and spreads are printed (default 3)
  --users N           chat users during the delivery, each asking again about --think-ms after an answer (default 20)
  --think-ms N        a chat user's pause between turns (default 1000; 0: as fast as the server answers)
  --plans N           plans the chat questions are asked of (default 20)
  --latency-ms N      the fake channel's mean send latency (default 60; each send 0.5x to 1.5x)
  --failure-rate X    share of sends that fail transiently and are retried (default 0.01)
  --concurrency N     sends in flight at once (default: the scheduler's, 64)
  --corpus DIR        real documents to make the chat plans from (default ../shared/corpus/docs)
  --source DIR        sample plans (default ./knowledge/sample-plans)
  -h, --help          this text`;

// A working Tuesday; every seeded obligation's last day ("trước ngày 10/6" of the first half).
const TODAY = "2026-06-09";
const OBLIGATIONS_PER_UNIT = 4;
const USERS_PER_UNIT = 20;

/** A channel like a real one: each send takes a while, and now and then fails and is retried. */
class FakeChannel implements ProactiveSender {
  readonly channel = "zalo" as const;
  sent = 0;
  failed = 0;
  inFlight = 0;
  maxInFlight = 0;
  private readonly r = rng(7);
  constructor(
    private readonly latencyMs: number,
    private readonly failureRate: number,
  ) {}
  async send(_address: ConversationAddress, _messages: OutgoingMessage[]): Promise<void> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((res) => setTimeout(res, this.latencyMs * (0.5 + this.r())));
      if (this.r() < this.failureRate) {
        this.failed++;
        throw new Error("fake channel: 502 Bad Gateway");
      }
      this.sent++;
    } finally {
      this.inFlight--;
    }
  }
}

/** Units, users with a live address each, and obligations of synthetic plans all due today. */
async function seedNudges(db: DbQuery, nudges: number): Promise<void> {
  const units = Math.max(1, Math.ceil(nudges / (OBLIGATIONS_PER_UNIT * USERS_PER_UNIT)));
  const unitIds = (
    await db.query<{ id: number }>(
      `INSERT INTO units (name, name_key) SELECT 'Đơn vị thử ' || g, 'don vi thu ' || g FROM generate_series(1, $1) g RETURNING id`,
      [units],
    )
  ).map((u) => u.id);
  const userCount = Math.ceil(nudges / OBLIGATIONS_PER_UNIT);
  await db.query(
    `WITH u AS (
       INSERT INTO users (name, unit_id, role) SELECT 'Người nhận ' || g, ($2::int[])[1 + (g - 1) % $3], 'member' FROM generate_series(1, $1) g RETURNING id)
     INSERT INTO addresses (channel, conversation_key, channel_user_id, user_id, data)
     SELECT 'zalo', 'user:bench-' || u.id, 'bench-' || u.id, u.id, jsonb_build_object('threadId', 'bench-' || u.id, 'type', 'user') FROM u`,
    [userCount, unitIds, unitIds.length],
  );
  const plans = Math.ceil(units / 50);
  await db.query(
    `INSERT INTO plans (id, file, sha256, title, meta, doc)
     SELECT 'nudge-bench-' || g, 'nudge-bench-' || g || '.txt', '0', 'Kế hoạch thử ' || g, '{"period": {"from": 2026, "to": 2026}}'::jsonb, '{}'::jsonb FROM generate_series(1, $1) g`,
    [plans],
  );
  const schedule = JSON.stringify([{ period: "half_year", due: { day: 10, month: 6, before: true, text: "trước ngày 10/6" } }]);
  // Obligation k of unit u: plan 1 + u / 50; each unit is responsible for OBLIGATIONS_PER_UNIT of them.
  await db.query(
    `INSERT INTO obligations (plan_id, id, section_id, section, responsible, task, schedule, quote)
     SELECT 'nudge-bench-' || (1 + (u - 1) / 50), 'o-' || u || '-' || k, 's0', '', '[]'::jsonb, 'Báo cáo kết quả thực hiện nhiệm vụ ' || k, $3::jsonb, 'Báo cáo 6 tháng trước ngày 10/6'
       FROM generate_series(1, $1) u, generate_series(1, $2) k`,
    [unitIds.length, OBLIGATIONS_PER_UNIT, schedule],
  );
  await db.query(
    `INSERT INTO obligation_units (plan_id, obligation_id, unit_id)
     SELECT 'nudge-bench-' || (1 + (u - 1) / 50), 'o-' || u || '-' || k, ($3::int[])[u] FROM generate_series(1, $1) u, generate_series(1, $2) k`,
    [unitIds.length, OBLIGATIONS_PER_UNIT, unitIds],
  );
}

interface RunFigures {
  planned: number;
  deliverS: number;
  sent: number;
  retried: number;
  dead: number;
  ticks: number;
  maxInFlight: number;
  chat: TurnFigures;
  /** The same chat load for 10 s before the wave. */
  quiet: TurnFigures;
}

async function main(): Promise<void> {
  const { values } = cliArgs(
    {
      options: {
        nudges: { type: "string", default: "40000" },
        runs: { type: "string", default: "3" },
        users: { type: "string", default: "20" },
        "think-ms": { type: "string", default: "1000" },
        plans: { type: "string", default: "20" },
        "latency-ms": { type: "string", default: "60" },
        "failure-rate": { type: "string", default: "0.01" },
        concurrency: { type: "string", default: String(DEFAULT_DELIVERY.concurrency) },
        corpus: { type: "string", default: "../shared/corpus/docs" },
        source: { type: "string", default: "./knowledge/sample-plans" },
        help: { type: "boolean", short: "h", default: false },
      },
    },
    HELP,
  );
  const nudges = wholeNumber("nudges", values.nudges);
  const runs = wholeNumber("runs", values.runs);
  const users = wholeNumber("users", values.users);
  const nPlans = wholeNumber("plans", values.plans);
  const latencyMs = Number(values["latency-ms"]);
  const failureRate = Number(values["failure-rate"]);
  const thinkMs = Number(values["think-ms"]);
  const concurrency = wholeNumber("concurrency", values.concurrency);
  if (!/^\d+$/.test(values["think-ms"]!)) throw new UsageError(`--think-ms must be a whole number of milliseconds; got "${values["think-ms"]}".`);
  if (!(latencyMs >= 0)) throw new UsageError(`--latency-ms must be a number of milliseconds; got "${values["latency-ms"]}".`);
  if (!(failureRate >= 0 && failureRate < 1)) throw new UsageError(`--failure-rate must be a share from 0 to below 1; got "${values["failure-rate"]}".`);
  let real: ReturnType<typeof readSources>;
  let samples: ReturnType<typeof readSources>;
  try {
    [real, samples] = [readSources(values.corpus!), readSources(values.source!)];
  } catch (e) {
    throw new UsageError(`${(e as Error).message}: pass --corpus DIR (the real documents, ../shared/corpus/docs beside the main checkout) and --source DIR (the sample plans).`);
  }

  const root = mkdtempSync(join(tmpdir(), "tlkh-bench-nudges-"));
  const plansDir = join(root, "plans");
  mkdirSync(plansDir);
  const corpus = makePlans(real, nPlans, 1, samples);
  for (const p of corpus) writeFileSync(join(plansDir, `${p.id}${p.ext}`), p.text);
  const plans = corpus.map((c) => planFromText(c.id, c.text, `${c.id}${c.ext}`));
  const questions = makeQuestions(plans.map((p, i) => ({ plan: p, place: corpus[i].place })), 500);
  const load = () => `load average ${loadavg().map((x) => x.toFixed(2)).join(", ")}`;

  const config = loadConfig({ DATA_DIR: join(root, "data"), PLANS_DIR: plansDir, NUDGES_ENABLED: "false", LOG_LEVEL: "silent", TRUST_PROXY: "true", ZALO_CREDENTIALS_FILE: join(root, "no-zalo.json") });
  const log = pino({ level: "silent" });
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  const stopAll = async () => {
    await server?.close().catch(() => undefined);
    server = null;
    rmSync(root, { recursive: true, force: true });
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void stopAll().finally(() => process.exit(130)));
  try {
    const t0 = performance.now();
    const app = await openApp(config, { log });
    server = await startServer({ config, app, log, port: 0, host: "127.0.0.1", zalo: null, background: null });
    const ready = await app.ready;
    const db = ready.db;
    await seedUsers(db, plans.map((p) => p.id));
    await seedNudges(db, nudges);
    console.log(`bench:nudges: ${load()}; server ready with ${nPlans} plans in ${((performance.now() - t0) / 1000).toFixed(1)} s; fake channel ${latencyMs} ms (0.5x-1.5x), ${failureRate * 100}% transient failures; ${users} chat users, ${thinkMs} ms between turns`);

    // The chat users on a worker thread (a .ts file cannot start a worker: it registers tsx first).
    const entry = JSON.stringify(new URL("./bench/chat-load.ts", import.meta.url).href);
    const chatLoad = (url: string) => {
      const worker = new Worker(`import("tsx/esm/api").then(({ register }) => { register(); return import(${entry}); })`, {
        eval: true,
        workerData: { url, turns: questions.map((q) => ({ question: q.question, planId: q.planId })), planIds: plans.map((p) => p.id), users, thinkMs },
      });
      const done = new Promise<TurnFigures>((res, rej) => {
        worker.once("message", res);
        worker.once("error", rej);
      });
      done.catch(() => undefined); // awaited in stop(); not an unhandled rejection meanwhile
      return {
        measure: () => worker.postMessage("measure"),
        async stop(): Promise<TurnFigures> {
          worker.postMessage("stop");
          try {
            return await done;
          } finally {
            await worker.terminate();
          }
        },
      };
    };
    const now0 = localInstant(TODAY, 8, 0);
    const figures: RunFigures[] = [];
    for (let run = 1; run <= runs; run++) {
      await db.query("DELETE FROM nudge_log");
      const channel = new FakeChannel(latencyMs, failureRate);
      // Retries after 1 s here (60 s in production), so a run ends when every nudge is out.
      const scheduler = new NudgeScheduler({ db, senders: [channel], config, log, delivery: { retryBaseDelayMs: 1000, retryMaxDelayMs: 4000, concurrency } });
      const baseline = chatLoad(server.url);
      await new Promise((r) => setTimeout(r, 5000)); // warm-up (each user's first turns), not counted
      baseline.measure();
      await new Promise((r) => setTimeout(r, 10_000));
      const quiet = await baseline.stop();
      const wave = chatLoad(server.url);
      await new Promise((r) => setTimeout(r, 5000));
      wave.measure();
      const t = performance.now();
      let planned = 0;
      let ticks = 0;
      let dead = 0;
      let pending = Infinity;
      try {
        while (pending > 0) {
          const report = await scheduler.tick(new Date(now0.getTime() + (performance.now() - t)));
          ticks++;
          planned += report.planned;
          dead += report.outcomes.dead;
          [{ pending }] = await db.query<{ pending: number }>("SELECT count(*)::int AS pending FROM nudge_log WHERE status IN ('claimed', 'sending', 'failed')");
          if (pending > 0) await new Promise((r) => setTimeout(r, 250));
        }
      } catch (e) {
        await wave.stop().catch(() => undefined);
        throw e;
      }
      const deliverS = (performance.now() - t) / 1000;
      const chat = await wave.stop();
      const f: RunFigures = { planned, deliverS, sent: channel.sent, retried: channel.failed, dead, ticks, maxInFlight: channel.maxInFlight, chat, quiet };
      figures.push(f);
      console.log(
        `run ${run}/${runs}: ${planned.toLocaleString("en")} nudges planned, ${f.sent.toLocaleString("en")} delivered (${f.retried} failed sends retried, ${dead} given up) in ${deliverS.toFixed(1)} s over ${ticks} ticks, up to ${f.maxInFlight} sends at once; ` +
          `chat meanwhile: ${chat.turns} turns (${chat.failed} failed${chat.failed ? `: ${JSON.stringify(chat.failures)}` : ""}), ${(chat.turns / deliverS).toFixed(1)} turns/s, p50 ${chat.p50.toFixed(0)} ms, p99 ${chat.p99.toFixed(0)} ms ` +
          `(the 10 s before, no nudges: ${quiet.turns} turns, p50 ${quiet.p50.toFixed(0)} ms, p99 ${quiet.p99.toFixed(0)} ms); ${load()}`,
      );
    }
    const m = (pick: (x: RunFigures) => number, digits = 1) => {
      const v = figures.map(pick);
      return `${median(v).toFixed(digits)} (spread ${spread(v).toFixed(digits)})`;
    };
    console.log(`--- medians of ${runs} run(s) (spread = max - min); ${load()} ---`);
    console.log(`deliver ${nudges.toLocaleString("en")} due nudges: ${m((f) => f.deliverS)} s (target < 120 s), ${m((f) => f.sent / f.deliverS, 0)} nudges/s`);
    console.log(`chat during the delivery (${users} users, /api/messages): p99 ${m((f) => f.chat.p99, 0)} ms (target < 1000 ms), p50 ${m((f) => f.chat.p50, 0)} ms, ${m((f) => f.chat.turns / f.deliverS)} turns/s`);
    console.log(`the same chat without nudges (10 s before each wave): p99 ${m((f) => f.quiet.p99, 0)} ms, p50 ${m((f) => f.quiet.p50, 0)} ms, ${m((f) => f.quiet.turns / 10)} turns/s`);
  } finally {
    await stopAll();
  }
}

main().catch((err: unknown) => {
  const usage = err instanceof UsageError;
  console.error(`bench:nudges: ${err instanceof Error ? (usage ? err.message : (err.stack ?? err.message)) : String(err)}${usage ? `\n${HELP}` : ""}`);
  process.exit(usage ? 2 : 1);
});
