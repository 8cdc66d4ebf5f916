// Fault: the PostgreSQL server terminates the bot's connections (pg_terminate_backend, 57P01) while
// 20 writers store report entries. The process must live (an unhandled 'error' event would end
// this test worker), every acknowledged entry must be in the database, a writer that got an error
// retries with the same source message id and stores it once, and writes work again afterwards
// without reopening anything. The Zalo lock holder notices its lock went and takes it again.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { runWhenLeader } from "../../adapters/zalo/leader";
import type { EngineDb } from "../../bot/storage/engine";
import { recordEntry, type EntryInput } from "../../bot/updates/entries";
import { createInvite, redeemInvite } from "../../bot/users/invites";
import { ensureUnit } from "../../bot/users/units";
import { dropSchema, freshSchema, openPg, PG_MISSING, PG_URL } from "../bot/storage/engines";

const NOW = new Date("2026-03-15T03:00:00Z");
const schema = freshSchema("connloss");
let db: EngineDb;
let admin: pg.Client;
let unitId = 0;
let userId = 0;

beforeAll(async () => {
  expect(PG_URL, PG_MISSING).toBeTruthy();
  db = await openPg(schema);
  admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  unitId = (await ensureUnit(db, "Phòng Nội vụ", "admin")).id;
  const inv = await createInvite(db, { unitId, role: "member", now: NOW });
  const r = await redeemInvite(db, { code: inv.code, channel: "console", channelUserId: "u1", name: "Người 1", now: NOW });
  if (!r.ok) throw new Error("setup");
  userId = r.user.id;
});
afterAll(async () => {
  await db?.close();
  await admin?.end();
  await dropSchema(schema);
});

/** Terminates every server connection of this schema's pool; returns how many. */
async function terminate(): Promise<number> {
  const r = await admin.query("SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1", [`tro-ly-ke-hoach:${schema}`]);
  return r.rows[0].n as number;
}

const entry = (id: string): EntryInput => ({
  unitId, reporterId: userId, planId: null, obligationId: null, period: "2026-H1", status: "đang thực hiện",
  percent: 50, note: `ghi chú ${id}`, channel: "console", sourceMessageId: id, now: NOW,
});

describe("PostgreSQL connections terminated under write load", () => {
  it("keeps the process alive, loses no acknowledged entry and stores each message once", async () => {
    const acknowledged = new Set<string>();
    let errors = 0;
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; i < 10; i++) {
        const id = `w${w}-${i}`;
        // A client that gets an error sends the same message again (same id), as the web page does,
        // until it is stored (the killing stops after KILL_MS, so on a slow machine too).
        for (;;) {
          try {
            await recordEntry(db, entry(id));
            acknowledged.add(id);
            break;
          } catch {
            errors += 1;
          }
        }
      }
    };
    let killed = 0;
    const KILL_MS = 10_000;
    const killUntil = Date.now() + KILL_MS;
    const killer = (async () => {
      while (!stop && Date.now() < killUntil) {
        killed += await terminate();
        await new Promise((r) => setImmediate(r));
        await admin.query("SELECT pg_sleep(0.15)");
      }
    })();
    await Promise.all(Array.from({ length: 20 }, (_, w) => writer(w)));
    stop = true;
    await killer;

    expect(killed).toBeGreaterThan(5);
    expect(errors, "the engine's own retry hides most losses").toBeLessThan(killed);
    expect(acknowledged.size).toBe(200);
    const rows = await db.query<{ source_message_id: string; n: number }>(
      "SELECT source_message_id, count(*)::int AS n FROM report_entries GROUP BY 1",
    );
    expect(rows.length).toBe(200);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    // Each stored entry has its one audit row: no half-written transaction.
    const [audits] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'entry.create'");
    expect(audits.n).toBe(200);
    // Recovered without reopening: a new write and a read just work.
    await terminate();
    expect((await recordEntry(db, entry("after"))).created).toBe(true);
    console.log(`connection loss: ${killed} backends terminated, ${errors} writes retried by the client, 201 entries stored once`);
  }, 120_000);

  it("the Zalo lock holder stops when its lock connection dies and takes the lock again", async () => {
    const events: string[] = [];
    let started = 0;
    const leader = runWhenLeader({
      tryLock: (onLost) => db.tryAdvisoryLock(777_001, onLost),
      start: async () => void events.push(`start${++started}`),
      stop: async () => void events.push("stop"),
      log: pino({ level: "silent" }),
      reacquireMs: 10,
    });
    await expect.poll(() => events.length).toBe(1);
    await terminate();
    await expect.poll(() => events, { timeout: 10_000 }).toEqual(["start1", "stop", "start2"]);
    expect(leader.leader).toBe(true);
    // The lock is really held again: another session cannot take it.
    const other = await admin.query("SELECT pg_try_advisory_lock(777001) AS ok");
    expect(other.rows[0].ok).toBe(false);
    await leader.stop();
    const free = await admin.query("SELECT pg_try_advisory_lock(777001) AS ok");
    expect(free.rows[0].ok).toBe(true);
    await admin.query("SELECT pg_advisory_unlock(777001)");
  }, 30_000);
});
