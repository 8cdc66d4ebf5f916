// Two schedulers (two replicas) sharing one PostgreSQL: every nudge is delivered exactly once.
// Needs TEST_DATABASE_URL; without it this file fails and says how to set it (it never skips).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../bot/config";
import { claim } from "../../../bot/nudges/delivery";
import { NudgeScheduler } from "../../../bot/nudges/scheduler";
import type { EngineDb } from "../../../bot/storage/engine";
import { addDays } from "../../../knowledge/occurrences";
import { at, calendar } from "./fixtures";
import { dropSchema, freshSchema, openPg, RecordingSender, seedHonglinh, userOf, type Delivery } from "./db";

const config = loadConfig({});
const schema = freshSchema("pg");
let dbA: EngineDb;
let dbB: EngineDb;
// A setup failure (no TEST_DATABASE_URL, server down) fails every test with its message, rather
// than leaving them reported as skipped.
let setupError: unknown = null;

beforeAll(async () => {
  try {
    dbA = await openPg(schema);
    dbB = await openPg(schema);
    await seedHonglinh(dbA);
  } catch (err) {
    setupError = err;
  }
});

function ready(): void {
  if (setupError) throw setupError;
}
afterAll(async () => {
  if (dbA) await dropSchema(dbA, schema);
  await dbA?.close();
  await dbB?.close();
});

/** A channel that answers after a short random delay, so the two replicas' work interleaves. */
function jitterySender(log: Delivery[], fail: (call: number) => boolean, channel: "zalo" | "teams" = "zalo") {
  const s = new RecordingSender(channel, (_a, call) => (fail(call) ? "fail" : "ok"));
  return {
    channel,
    async send(...args: Parameters<RecordingSender["send"]>) {
      await new Promise((r) => setTimeout(r, Math.random() * 4));
      await s.send(...args);
      log.push(s.delivered[s.delivered.length - 1]);
    },
  };
}

describe("two schedulers on one PostgreSQL", () => {
  it("deliver every nudge and summary of June and November 2023 exactly once, with failures retried", async () => {
    ready();
    const delivered: Delivery[] = [];
    const days: Record<number, string[]> = {};
    // Every 7th call fails (a retry follows); the coordinator is on Teams.
    const senders = [jitterySender(delivered, (call) => call % 7 === 3), jitterySender(delivered, (call) => call % 7 === 3, "teams")];
    const a = new NudgeScheduler({ db: dbA, senders, config, calendar, delivery: { workerId: "replica-a" } });
    const b = new NudgeScheduler({ db: dbB, senders, config, calendar, delivery: { workerId: "replica-b" } });
    for (const [from, to] of [["2023-05-29", "2023-06-16"], ["2023-11-13", "2023-12-01"]]) {
      for (let d = from; d <= to; d = addDays(d, 1)) {
        const before = delivered.length;
        for (const m of [0, 1, 2, 3, 5]) await Promise.all([a.tick(at(d, 8, m)), b.tick(at(d, 8, m))]);
        for (const x of delivered.slice(before)) (days[userOf(x)] ??= []).push(d);
      }
    }
    const expected = ["2023-06-02", "2023-06-06", "2023-06-08", "2023-06-09", "2023-06-12", "2023-11-17", "2023-11-21", "2023-11-23", "2023-11-24", "2023-11-27"];
    expect(days[10]).toEqual(expected);
    expect(days[11]).toEqual(expected);
    expect(new Set(days[13]).size).toBe(days[13].length); // one summary a day
    expect(days[13].length).toBeGreaterThan(8);
    const [row] = await dbA.query<{ sent: number; total: number; claimers: number; retried: number }>(
      `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*)::int AS total, count(DISTINCT claimed_by)::int AS claimers,
              count(*) FILTER (WHERE attempts > 1)::int AS retried FROM nudge_log`,
    );
    expect(row.sent).toBe(delivered.length);
    expect(row.retried).toBeGreaterThan(0);
    expect(row.total).toBe(delivered.length);
    expect(row.claimers).toBe(2); // both replicas did part of the work
  });

  it("a replica killed between claim and send: the nudge is sent once, by one of the live replicas, after the lease", async () => {
    ready();
    const planned = await new NudgeScheduler({ db: dbA, senders: [], config, calendar, delivery: { workerId: "probe" } }).plan(at("2023-06-09", 8));
    expect(planned).toEqual([]); // all sent by the first test
    await dbA.query("DELETE FROM nudge_log");
    await dbA.query("UPDATE obligations SET schedule = $1::jsonb WHERE id = 'o12'", [
      JSON.stringify([{ period: "yearly", due: { day: 20, month: 7, before: false, text: "ngày 20/7" } }]),
    ]);
    const dying = new NudgeScheduler({ db: dbA, senders: [], config, calendar, delivery: { workerId: "dying" } });
    const toClaim = await dying.plan(at("2023-07-13", 8));
    expect(toClaim.filter((m) => m.kind === "nudge").map((m) => m.userId).sort()).toEqual([10, 11]);
    for (const m of toClaim) await claim(dbA, m, at("2023-07-13", 8), "dying");

    const delivered: Delivery[] = [];
    const sender = jitterySender(delivered, () => false);
    const a = new NudgeScheduler({ db: dbA, senders: [sender], config, calendar, delivery: { workerId: "live-a" } });
    const b = new NudgeScheduler({ db: dbB, senders: [sender], config, calendar, delivery: { workerId: "live-b" } });
    for (const m of [1, 5, 9, 30]) await Promise.all([a.tick(at("2023-07-13", 8, m)), b.tick(at("2023-07-13", 8, m))]);
    expect(delivered).toEqual([]);
    // Eleven minutes pass on the database's clock (the lease is measured there).
    await dbA.query("UPDATE nudge_log SET claimed_at = claimed_at - interval '11 minutes'");
    for (const m of [41, 42, 50]) await Promise.all([a.tick(at("2023-07-13", 8, m)), b.tick(at("2023-07-13", 8, m))]);
    expect(delivered.map(userOf).sort()).toEqual(toClaim.map((m) => m.userId).sort());
    const rows = await dbA.query<{ status: string; attempts: number }>("SELECT status, attempts FROM nudge_log");
    for (const r of rows) expect(r).toEqual({ status: "sent", attempts: 2 });
  });

  it("two schedulers with clocks 15 minutes apart and a long tick: every nudge exactly once", async () => {
    ready();
    await dbA.query("DELETE FROM nudge_log");
    const delivered: Delivery[] = [];
    // A slow channel: a tick with several nudges takes far longer than the other replica's ticks.
    const slow = new RecordingSender("zalo");
    const slowSender = {
      channel: "zalo" as const,
      async send(...args: Parameters<RecordingSender["send"]>) {
        await new Promise((r) => setTimeout(r, 400));
        await slow.send(...args);
        delivered.push(slow.delivered[slow.delivered.length - 1]);
      },
    };
    const fast = jitterySender(delivered, () => false);
    // A lease of 1 s, shorter than the slow replica's tick (several 400 ms sends): a lease measured
    // from the tick's start would hand its later claims to the other replica, whose clock also runs ahead.
    const a = new NudgeScheduler({ db: dbA, senders: [slowSender], config, calendar, delivery: { workerId: "slow", leaseMs: 1000, sendTimeoutMs: 900 } });
    const b = new NudgeScheduler({ db: dbB, senders: [fast], config, calendar, delivery: { workerId: "skewed", leaseMs: 1000, sendTimeoutMs: 900 } });
    // o12 is due 20/7 since the test above: its nudge days, and the coordinator's summaries after.
    for (const d of ["2023-07-13", "2023-07-17", "2023-07-19", "2023-07-20", "2023-07-21", "2023-07-24"]) {
      const slowTick = a.tick(at(d, 8, 0));
      // The other replica's clock runs 15 minutes ahead; it keeps ticking while the slow tick runs.
      for (let i = 0; i < 12; i++) {
        await b.tick(new Date(at(d, 8, 15).getTime() + i * 60_000));
        await new Promise((r) => setTimeout(r, 100));
      }
      await slowTick;
    }
    const [row] = await dbA.query<{ sent: number; total: number; dead: number }>(
      `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*) FILTER (WHERE status <> 'skipped')::int AS total,
              count(*) FILTER (WHERE status = 'dead')::int AS dead FROM nudge_log`,
    );
    const keys = delivered.map((x) => `${userOf(x)}:${JSON.stringify(x.messages[0])}`);
    expect(new Set(keys).size).toBe(keys.length); // nobody got the same nudge twice
    expect(row.sent).toBe(delivered.length);
    expect(row.dead).toBe(0);
    expect(row.total).toBe(delivered.length); // nothing left claimed or in flight
    expect(delivered.length).toBeGreaterThanOrEqual(10);
    expect(slow.delivered.length).toBeGreaterThan(0); // the slow replica did take part
  }, 60_000);
});
