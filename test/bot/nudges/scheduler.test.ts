// The scheduler on a real database (PGlite in memory) with an injected clock over simulated days.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../../bot/config";
import { claim, claimMany, DEFAULT_DELIVERY, deliverBatches, type ClaimedRow, type DeliveryOutcome } from "../../../bot/nudges/delivery";
import { NudgeScheduler, type TickReport } from "../../../bot/nudges/scheduler";
import type { ProactiveSender } from "../../../bot/messages";
import type { EngineDb } from "../../../bot/storage/engine";
import { addDays } from "../../../knowledge/occurrences";
import { at, calendar } from "./fixtures";
import { openMemory, RecordingSender, seedHonglinh, userOf, type Delivery } from "./db";

const config = loadConfig({});

let db: EngineDb;
beforeEach(async () => {
  db = await openMemory();
  await seedHonglinh(db);
});
afterEach(async () => {
  await db.close();
});

function scheduler(senders: ProactiveSender[], workerId = "w1", delivery: Record<string, number> = {}) {
  return new NudgeScheduler({ db, senders, config, calendar, delivery: { workerId, ...delivery } });
}

async function run(s: NudgeScheduler, from: string, to: string, hours = [8], minutes = [0, 1]): Promise<void> {
  for (let d = from; d <= to; d = addDays(d, 1)) for (const h of hours) for (const m of minutes) await s.tick(at(d, h, m));
}

const text = (d: Delivery) => (d.messages[0].kind === "text" ? d.messages[0].text : "");

describe("nudge scheduler over 2023 on PGlite", () => {
  it("sends each nudge once, on the right working days, to the right people, and summaries to the coordinator", async () => {
    const zalo = new RecordingSender("zalo");
    const teams = new RecordingSender("teams");
    const s = scheduler([zalo, teams]);
    const sendDates: Record<number, string[]> = {};
    for (let d = "2023-01-01"; d <= "2023-12-31"; d = addDays(d, 1)) {
      const before = [zalo.delivered.length, teams.delivered.length];
      await s.tick(at(d, 7, 0));
      for (const m of [0, 1]) await s.tick(at(d, 8, m));
      for (const x of [...zalo.delivered.slice(before[0]), ...teams.delivered.slice(before[1])]) (sendDates[userOf(x)] ??= []).push(d);
    }
    expect(sendDates[10]).toEqual(["2023-06-02", "2023-06-06", "2023-06-08", "2023-06-09", "2023-06-12", "2023-11-17", "2023-11-21", "2023-11-23", "2023-11-24", "2023-11-27"]);
    expect(sendDates[11]).toEqual(sendDates[10]);
    expect(sendDates[12]).toBeUndefined(); // Văn hóa is not responsible
    expect(sendDates[14]).toBeUndefined(); // no unit
    expect(sendDates[15]).toBeUndefined(); // admin of Phòng Nội vụ, whose own obligation has no date
    // The coordinator: one summary per working day for 30 days after each last day.
    expect(sendDates[13][0]).toBe("2023-06-12");
    for (const d of sendDates[13]) expect(calendar.isWorkingDay(d)).toBe(true);
    expect(new Set(sendDates[13]).size).toBe(sendDates[13].length);

    // User 11's newest address is Zalo: everything went there, nothing to Teams for 11.
    expect(teams.delivered.filter((x) => userOf(x) === 11)).toEqual([]);
    const first = zalo.delivered.find((x) => userOf(x) === 10)!;
    expect(text(first)).toContain("Tổng hợp báo cáo tình hình, kết quả thực hiện công tác dân vận chính quyền");
    expect(text(first)).toContain("Kế hoạch thực hiện công tác Dân vận chính quyền năm 2023");
    expect(text(first)).toContain("Hạn cuối: Thứ Sáu, 9/6/2023");
    expect(text(first)).toContain('kế hoạch ghi "trước ngày 10/6"');
    expect(text(first)).toContain("còn 7 ngày");
    expect(first.messages[0].kind === "text" && first.messages[0].quickReplies).toEqual(["Đã xong", "Nhắc lại sau 2 ngày"]);
    const summary = teams.delivered.find((x) => userOf(x) === 13)!;
    expect(text(summary)).toMatch(/UBND phường Bắc Hồng[\s\S]*UBND xã Thuận Lộc/);
    const rows = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM nudge_log WHERE status = 'sent'");
    expect(rows[0].n).toBe(zalo.delivered.length + teams.delivered.length);
  });

  it("retries a failing channel with growing waits (1, 2 min) and then gives up after maxAttempts", async () => {
    const zalo = new RecordingSender("zalo", (_a, call) => (call <= 2 ? "fail" : "ok"));
    const s = scheduler([zalo]);
    const log: string[] = [];
    for (let m = 0; m < 10; m++) {
      const before = zalo.calls;
      await s.tick(at("2023-06-02", 8, m));
      if (zalo.calls > before) log.push(`08:0${m}:${zalo.calls - before}`);
    }
    // 08:00 user 10 fails (call 1), user 11 fails (call 2, zalo then teams has no sender); 08:01 both retried and sent.
    expect(log).toEqual(["08:00:2", "08:01:2"]);
    const rows = await db.query<{ key: string; status: string; attempts: number }>("SELECT key, status, attempts FROM nudge_log ORDER BY key");
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([["sent", 2], ["sent", 2]]);

    const always = new RecordingSender("zalo", () => "fail");
    const s2 = scheduler([always], "w2", { maxAttempts: 3 });
    const tries: string[] = [];
    for (let m = 0; m < 30; m++) {
      const before = always.calls;
      await s2.tick(at("2023-06-06", 8, m));
      if (always.calls > before) tries.push(`${m}`);
    }
    // First try 08:00, retry after 1 min (08:01), then after 2 min (08:03), then given up.
    expect(tries).toEqual(["0", "1", "3"]);
    const dead = await db.query<{ status: string; attempts: number; last_error: string }>("SELECT status, attempts, last_error FROM nudge_log WHERE occurrence = '2023-06-09' AND offset_days = 3");
    expect(dead.map((r) => r.status)).toEqual(["dead", "dead"]);
    expect(dead[0].last_error).toMatch(/zalo answered 503.*gave up after 3 attempts/);
  });

  it("a dead address is marked dead and the next address gets the nudge", async () => {
    const zalo = new RecordingSender("zalo", () => "dead");
    const teams = new RecordingSender("teams");
    await scheduler([zalo, teams]).tick(at("2023-06-02"));
    expect(teams.delivered.map(userOf)).toEqual([11]);
    const addr = await db.query<{ channel: string; dead: boolean }>("SELECT channel, dead FROM addresses WHERE user_id = 11 ORDER BY channel");
    expect(addr).toEqual([
      { channel: "teams", dead: false },
      { channel: "zalo", dead: true },
    ]);
    // User 10 had only Zalo: nothing sent, recorded as skipped rather than retried forever.
    const [row] = await db.query<{ status: string }>("SELECT status FROM nudge_log WHERE user_id = 10");
    expect(row.status).toBe("skipped");
    // The next nudge goes straight to Teams.
    await scheduler([zalo, teams]).tick(at("2023-06-06"));
    expect(zalo.calls).toBe(2);
    expect(teams.delivered.map(userOf)).toEqual([11, 11]);
  });

  it("a scheduler killed between claim and send: the nudge is sent once after restart, not before the lease ends (database clock)", async () => {
    const dying = scheduler([], "dying");
    const planned = await dying.plan(at("2023-06-02"));
    expect(planned.map((m) => m.userId).sort()).toEqual([10, 11]);
    for (const m of planned) expect(await claim(db, m, at("2023-06-02"), "dying")).not.toBeNull();
    // ...and the process dies here. The restarted one (another worker id) starts ticking, its
    // own clock far ahead: the lease is measured on the database's clock, so nothing is taken yet.
    const zalo = new RecordingSender("zalo");
    const restarted = scheduler([zalo], "restarted");
    await run(restarted, "2023-06-02", "2023-06-02", [8], [1, 5, 9, 30]);
    await run(restarted, "2023-06-02", "2023-06-02", [9, 10], [0]);
    expect(zalo.delivered).toEqual([]); // the claim may still belong to a live scheduler
    // Eleven minutes pass on the database's clock.
    await db.query("UPDATE nudge_log SET claimed_at = claimed_at - interval '11 minutes'");
    await run(restarted, "2023-06-02", "2023-06-02", [10], [1, 2]);
    expect(zalo.delivered.map(userOf).sort()).toEqual([10, 11]);
    const rows = await db.query<{ status: string; claimed_by: string }>("SELECT status, claimed_by FROM nudge_log");
    expect(rows).toEqual([
      { status: "sent", claimed_by: "restarted" },
      { status: "sent", claimed_by: "restarted" },
    ]);
  });

  it("a scheduler killed after the send but before the 'sent' mark: the nudge is not sent again", async () => {
    const planned = await scheduler([], "dying").plan(at("2023-06-02"));
    expect(planned.length).toBe(2);
    for (const m of planned) {
      const row = await claim(db, m, at("2023-06-02"), "dying");
      // As deliver() leaves a row while the channel is called; the process dies there.
      await db.query("UPDATE nudge_log SET status = 'sending', claimed_at = clock_timestamp() WHERE key = $1", [row!.key]);
    }
    const zalo = new RecordingSender("zalo");
    const restarted = scheduler([zalo], "restarted");
    await run(restarted, "2023-06-02", "2023-06-02", [8], [1, 5]);
    await db.query("UPDATE nudge_log SET claimed_at = claimed_at - interval '11 minutes'");
    await run(restarted, "2023-06-02", "2023-06-02", [8, 9], [30, 31]);
    expect(zalo.delivered).toEqual([]);
    const rows = await db.query<{ status: string; last_error: string }>("SELECT status, last_error FROM nudge_log");
    expect(rows.map((r) => r.status)).toEqual(["dead", "dead"]);
    expect(rows[0].last_error).toMatch(/may have arrived/);
  });

  it("after a long downtime, one catch-up nudge per occurrence (the latest), not the backlog", async () => {
    const zalo = new RecordingSender("zalo");
    const s = scheduler([zalo]);
    await run(s, "2023-06-14", "2023-06-16");
    const nudges = zalo.delivered.filter((d) => text(d).startsWith("⏰"));
    expect(nudges.map(userOf).sort()).toEqual([10, 11]);
    expect(text(nudges[0])).toContain("đã quá hạn");
    const rows = await db.query<{ offset_days: number }>("SELECT offset_days FROM nudge_log WHERE kind = 'nudge'");
    expect(rows.map((r) => r.offset_days)).toEqual([-1, -1]);
  });

  it("a done entry recorded meanwhile turns a retry into 'skipped'", async () => {
    const zalo = new RecordingSender("zalo", (_a, call) => (call === 1 ? "fail" : "ok"));
    const s = scheduler([zalo]);
    await s.tick(at("2023-06-02"));
    await db.query(
      "INSERT INTO report_entries (unit_id, reporter_id, plan_id, obligation_id, period, status, channel, source_message_id) VALUES (2, 10, 'honglinh-2023', 'o12', '2023-H1', 'hoàn thành', 'web', 'm1')",
    );
    await s.tick(at("2023-06-02", 8, 5));
    const rows = await db.query<{ user_id: number; status: string }>("SELECT user_id, status FROM nudge_log ORDER BY user_id");
    expect(rows).toEqual([
      { user_id: 10, status: "skipped" },
      { user_id: 11, status: "sent" },
    ]);
  });

  it("a user who mutes before a retry is not sent the retry", async () => {
    const zalo = new RecordingSender("zalo", (_a, call) => (call <= 2 ? "fail" : "ok"));
    const s = scheduler([zalo]);
    await s.tick(at("2023-06-02"));
    await db.query("UPDATE users SET nudges_muted = true WHERE id = 10");
    await db.query("INSERT INTO nudge_mutes (user_id, plan_id, obligation_id) VALUES (11, 'honglinh-2023', 'o12')");
    await s.tick(at("2023-06-02", 8, 5));
    expect(zalo.delivered).toEqual([]);
    const rows = await db.query<{ status: string; last_error: string }>("SELECT status, last_error FROM nudge_log ORDER BY user_id");
    expect(rows).toEqual([
      { status: "skipped", last_error: "muted before it was sent" },
      { status: "skipped", last_error: "muted before it was sent" },
    ]);
  });

  /** A scheduler ticking every 20 ms on the clock `now()`, its reports, and a wait for the n-th. */
  function timed(now: () => Date) {
    const zalo = new RecordingSender("zalo");
    const ticks: (TickReport | Error)[] = [];
    let waiter: (() => void) | null = null;
    const onTick = (r: TickReport | Error) => (ticks.push(r), waiter?.());
    const ticked = (n: number) => new Promise<void>((r) => (waiter = () => ticks.length >= n && r()));
    const s = new NudgeScheduler({ db, senders: [zalo], config, calendar, clock: now, tickMs: 20, delivery: { workerId: "timer" }, onTick });
    return { zalo, ticks, ticked, s };
  }

  it("start() ticks on a timer with the injected clock and stop() ends it", async () => {
    let now = at("2023-06-02", 7, 59);
    const { zalo, ticks, ticked, s } = timed(() => now);
    s.start();
    await ticked(2); // the tick at once, and one on the timer
    expect(zalo.delivered).toEqual([]);
    now = at("2023-06-02", 8, 0);
    await ticked(ticks.length + 2); // the next tick may have read the clock before it moved
    await s.stop();
    expect(ticks.every((t) => !(t instanceof Error))).toBe(true);
    expect(zalo.delivered.map(userOf).sort()).toEqual([10, 11]);
  });

  it("start()'s tick at once takes over claims but plans nothing: planning waits for the timer's first tick", async () => {
    let now = at("2023-06-02", 8, 0);
    const { zalo, ticks, ticked, s } = timed(() => now);
    s.start();
    await ticked(1);
    expect(ticks[0]).toMatchObject({ planned: 0, claimed: 0 });
    expect(zalo.delivered).toEqual([]);
    now = at("2023-06-02", 8, 1);
    await ticked(ticks.length + 2);
    await s.stop();
    expect(zalo.delivered.map(userOf).sort()).toEqual([10, 11]);
  });
});

describe("a morning's wave", () => {
  /** Holds each send until `width` are in flight (or every expected send has started), then lets them all through. */
  class GateSender implements ProactiveSender {
    readonly channel = "zalo" as const;
    started = 0;
    widest = 0;
    private held: (() => void)[] = [];
    constructor(
      private readonly width: number,
      private readonly total: number,
    ) {}
    send(): Promise<void> {
      this.started++;
      const p = new Promise<void>((r) => this.held.push(r));
      this.widest = Math.max(this.widest, this.held.length);
      if (this.held.length === this.width || this.started === this.total) this.held.splice(0).forEach((r) => r());
      return p;
    }
  }

  it("delivers batch after batch without draining the lanes at each batch's end; a failed claim ends the wave after the claimed rows", async () => {
    for (let id = 200; id < 230; id++) {
      await db.query("INSERT INTO users (id, name, unit_id, role) VALUES ($1, $2, 2, 'member')", [id, `Cán bộ ${id}`]);
      await db.query("INSERT INTO addresses (channel, conversation_key, channel_user_id, user_id, data) VALUES ('zalo', $1, $2, $3, '{}'::jsonb)", [`zalo-conv-${id}`, `zalo-${id}`, id]);
    }
    const planned = await scheduler([]).plan(at("2023-06-02"));
    expect(planned.length).toBe(32);
    // The first row's send hangs until every other row of its batch and the next batch have gone out.
    const order: string[] = [];
    let release: () => void = () => {};
    const first = planned[0].key;
    const sender: ProactiveSender = {
      channel: "zalo",
      send: async (address) => {
        order.push(address.conversationKey);
        if (order.length === 1) await new Promise<void>((r) => (release = r));
        if (order.length === 24) release();
      },
    };
    const opts = { ...DEFAULT_DELIVERY, workerId: "w", concurrency: 4 };
    const batches = [planned.slice(0, 8), planned.slice(8, 16), planned.slice(16, 24)];
    let calls = 0;
    const next = async (): Promise<readonly ClaimedRow[] | null> => {
      calls++;
      const b = batches.shift();
      if (b) return claimMany(db, b, "w");
      throw new Error("the store went away");
    };
    const outcomes = new Map<string, DeliveryOutcome>();
    const wave = deliverBatches(db, new Map([["zalo", sender]]), next, at("2023-06-02"), opts, undefined, (row, o) => outcomes.set(row.key, o));
    await expect(wave).rejects.toThrow("the store went away");
    // All 24 claimed rows went out, the held first one included, before the failure ended the wave.
    expect(order.length).toBe(24);
    expect(outcomes.get(first)).toBe("sent");
    expect([...outcomes.values()].every((o) => o === "sent")).toBe(true);
    expect(outcomes.size).toBe(24);
    expect(calls).toBe(4);
    const rows = await db.query<{ status: string; n: number }>("SELECT status, count(*)::int AS n FROM nudge_log GROUP BY status");
    expect(rows).toEqual([{ status: "sent", n: 24 }]);
  });

  it("sends several nudges at once and reads the store a bounded number of times per nudge, not once per check", async () => {
    // Thirty more people in Phòng Nội vụ's unit (o12), each with a Zalo address: 32 nudges on 2 June.
    for (let id = 200; id < 230; id++) {
      await db.query("INSERT INTO users (id, name, unit_id, role) VALUES ($1, $2, 2, 'member')", [id, `Cán bộ ${id}`]);
      await db.query("INSERT INTO addresses (channel, conversation_key, channel_user_id, user_id, data) VALUES ('zalo', $1, $2, $3, '{}'::jsonb)", [`zalo-conv-${id}`, `zalo-${id}`, id]);
    }
    const total = (await scheduler([]).plan(at("2023-06-02"))).length;
    expect(total).toBe(32);
    let queries = 0;
    const counted = new Proxy(db, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver);
        if (prop !== "query") return typeof v === "function" ? v.bind(target) : v;
        return (...args: Parameters<EngineDb["query"]>) => {
          queries++;
          return target.query(...args);
        };
      },
    });
    const gate = new GateSender(4, total);
    const s = new NudgeScheduler({ db: counted, senders: [gate], config, calendar, delivery: { workerId: "wave", concurrency: 4 } });
    const report = await s.tick(at("2023-06-02"));
    expect(report.outcomes.sent).toBe(32);
    expect(gate.widest).toBe(4);
    // 'sending' and 'sent' per nudge; planning, claiming and checking are a few queries for all.
    expect(queries).toBeLessThanOrEqual(2 * total + 20);
    const rows = await db.query<{ status: string; n: number }>("SELECT status, count(*)::int AS n FROM nudge_log GROUP BY status");
    expect(rows).toEqual([{ status: "sent", n: 32 }]);
  });
});
