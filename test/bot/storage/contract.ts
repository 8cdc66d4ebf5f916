// The storage contract: the same cases on PGlite and on PostgreSQL (pglite.test.ts, postgres.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addressesForUser, markAddressDead, saveAddress } from "../../../bot/addresses";
import { ingestPlan, loadStoredPlans } from "../../../bot/plans/library";
import type { DbQuery } from "../../../bot/storage/db";
import type { EngineDb } from "../../../bot/storage/engine";
import { migrate, readMigrations } from "../../../bot/storage/migrate";
import { editLastEntry, listEntries, recordEntry, withdrawLastEntry, type EntryInput } from "../../../bot/updates/entries";
import { createInvite, redeemInvite } from "../../../bot/users/invites";
import { ensureUnit, findUnits } from "../../../bot/users/units";
import { testPlan } from "../fixtures";

const NOW = new Date("2026-03-15T03:00:00Z");

/** A Db whose transactions fail at the audit step: a crash between two steps of one write. */
export function crashingAtAudit(db: EngineDb): EngineDb {
  return {
    ...db,
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          ...tx,
          query: (sql: string, params?: unknown[]) => (sql.includes("INSERT INTO audit_log") ? Promise.reject(new Error("simulated crash")) : tx.query(sql, params)),
        } as typeof tx),
      ),
  } as EngineDb;
}

async function count(q: DbQuery, table: string, where = "true"): Promise<number> {
  const [r] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`);
  return r.n;
}

export function storageContract(name: string, open: () => Promise<EngineDb>, opts: { reopen?: () => Promise<EngineDb> } = {}) {
  describe(`storage contract: ${name}`, () => {
    let db: EngineDb;
    let unitId: number;
    let userId: number;

    beforeAll(async () => {
      db = await open();
      unitId = (await ensureUnit(db, "Phòng Nội vụ", "admin")).id;
      const inv = await createInvite(db, { unitId, role: "member", now: NOW });
      const r = await redeemInvite(db, { code: inv.code, channel: "console", channelUserId: "owner", name: "Chủ", now: NOW });
      if (!r.ok) throw new Error("setup: could not register");
      userId = r.user.id;
    });
    afterAll(async () => {
      await db?.close();
    });

    const entry = (over: Partial<EntryInput> = {}): EntryInput => ({
      unitId,
      reporterId: userId,
      planId: null,
      obligationId: null,
      period: "2026-H1",
      status: "đang thực hiện",
      percent: 50,
      note: "ghi chú",
      channel: "console",
      sourceMessageId: `src-${Math.random()}`,
      now: NOW,
      ...over,
    });

    it("records every migration once and a second run applies nothing", async () => {
      const rows = await db.query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version");
      expect(rows.map((r) => r.version)).toEqual(readMigrations().map((m) => m.version));
      expect(await migrate(db)).toEqual([]);
    });

    it("returns int8 as numbers, dates as YYYY-MM-DD, jsonb as objects, timestamptz as Date", async () => {
      const [r] = await db.query<{ a: unknown; d: unknown; j: unknown; t: unknown }>(
        "SELECT 5::int8 AS a, '2026-02-28'::date AS d, $1::jsonb AS j, $2::timestamptz AS t",
        [JSON.stringify({ x: ["y"] }), NOW],
      );
      expect(r).toEqual({ a: 5, d: "2026-02-28", j: { x: ["y"] }, t: NOW });
    });

    it("rolls a failed transaction back entirely", async () => {
      await expect(
        db.transaction(async (tx) => {
          await tx.query("INSERT INTO units (name, name_key) VALUES ('Tạm', 'tam')");
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      expect(await findUnits(db, "Tạm")).toEqual([]);
    });

    it("ingests a plan once, skips the same sha256 and replaces a changed plan atomically", async () => {
      const plan = testPlan();
      expect(await ingestPlan(db, plan, NOW)).toBe("ingested");
      expect(await ingestPlan(db, plan, NOW)).toBe("unchanged");
      expect(await count(db, "obligations", "plan_id = 'thixa-2026'")).toBe(5);
      const units = await db.query<{ name: string }>("SELECT DISTINCT n.name FROM obligation_units ou JOIN units n ON n.id = ou.unit_id ORDER BY 1");
      expect(units.map((u) => u.name)).toContain("Phòng Tư pháp");
      const changed = testPlan({ text: `${plan.text}\nBổ sung.`, obligations: plan.obligations.slice(0, 2) });
      expect(await ingestPlan(db, changed, NOW)).toBe("replaced");
      expect(await count(db, "obligations", "plan_id = 'thixa-2026'")).toBe(2);
      // A replacement that fails half-way leaves the previous plan whole.
      const broken = testPlan({ text: `${plan.text}\nLỗi.`, obligations: [...plan.obligations, { ...plan.obligations[0] }] });
      await expect(ingestPlan(db, broken, NOW)).rejects.toThrow();
      expect(await count(db, "obligations", "plan_id = 'thixa-2026'")).toBe(2);
      expect((await loadStoredPlans(db)).map((p) => p.sha256)).toEqual([changed.sha256]);
      expect(await ingestPlan(db, plan, NOW)).toBe("replaced");
      // The same file extracted by an older extractor version is extracted again, once.
      await db.query("UPDATE plans SET extractor = 'older' WHERE id = 'thixa-2026'");
      expect(await ingestPlan(db, plan, NOW)).toBe("replaced");
      expect(await ingestPlan(db, plan, NOW)).toBe("unchanged");
    });

    it("invite codes expire and work once", async () => {
      const inv = await createInvite(db, { unitId, role: "coordinator", now: NOW, days: 1 });
      const later = new Date(NOW.getTime() + 2 * 86_400_000);
      expect((await redeemInvite(db, { code: inv.code, channel: "zalo", channelUserId: "z1", name: "A", now: later })).ok).toBe(false);
      const inv2 = await createInvite(db, { unitId, role: "member", now: NOW });
      const a = await redeemInvite(db, { code: inv2.code.toLowerCase(), channel: "zalo", channelUserId: "z2", name: "B", now: NOW });
      expect(a.ok && a.user.role).toBe("member");
      const again = await redeemInvite(db, { code: inv2.code, channel: "zalo", channelUserId: "z3", name: "C", now: NOW });
      expect(again).toMatchObject({ ok: false, reason: "used" });
      expect(await count(db, "identities", "channel_user_id IN ('z1', 'z3')")).toBe(0);
      expect(await count(db, "audit_log", "action = 'user.register'")).toBeGreaterThanOrEqual(2);
    });

    it("stores one entry per source message, however often it is delivered", async () => {
      const e = entry({ sourceMessageId: "dup-1" });
      const [a, b] = await Promise.all([recordEntry(db, e), recordEntry(db, e)]);
      expect(a.entry.id).toBe(b.entry.id);
      expect([a.created, b.created].sort()).toEqual([false, true]);
      expect(await count(db, "report_entries", "source_message_id = 'dup-1'")).toBe(1);
    });

    it("stores all of 50 concurrent updates", async () => {
      const before = await count(db, "report_entries");
      await Promise.all(Array.from({ length: 50 }, (_, i) => recordEntry(db, entry({ sourceMessageId: `c-${i}`, note: `n${i}` }))));
      expect((await count(db, "report_entries")) - before).toBe(50);
      expect(await count(db, "audit_log", "action = 'entry.create' AND after->>'note' LIKE 'n%'")).toBe(50);
    });

    it("a crash between two steps of a write leaves nothing half-written", async () => {
      const before = await count(db, "report_entries");
      await expect(recordEntry(crashingAtAudit(db), entry({ sourceMessageId: "crash-1" }))).rejects.toThrow("simulated crash");
      expect(await count(db, "report_entries")).toBe(before);
      const last = (await listEntries(db, { reporterId: userId, limit: 1 }))[0];
      await expect(editLastEntry(crashingAtAudit(db), userId, { percent: 99 }, NOW)).rejects.toThrow();
      expect((await listEntries(db, { reporterId: userId, limit: 1 }))[0].percent).toBe(last.percent);
    });

    it("edits and withdraws the latest entry with audit rows", async () => {
      const { entry: e } = await recordEntry(db, entry({ sourceMessageId: "edit-1", now: new Date(NOW.getTime() + 60_000) }));
      const edited = await editLastEntry(db, userId, { percent: 90, note: "mới" }, NOW);
      expect(edited?.after).toMatchObject({ id: e.id, percent: 90, note: "mới" });
      const w = await withdrawLastEntry(db, userId, NOW);
      expect(w?.id).toBe(e.id);
      expect((await listEntries(db, { reporterId: userId })).some((x) => x.id === e.id)).toBe(false);
      const audits = await db.query<{ action: string }>("SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id", [String(e.id)]);
      expect(audits.map((a) => a.action)).toEqual(["entry.create", "entry.edit", "entry.withdraw"]);
    });

    it("saves, revives and retires conversation addresses", async () => {
      const addr = { channel: "zalo" as const, channelUserId: "owner", conversationKey: "thread-1", data: { threadId: "t1", type: 0 } };
      await saveAddress(db, addr, userId, NOW);
      await saveAddress(db, { ...addr, data: { threadId: "t1", type: 1 } }, null, NOW);
      expect(await addressesForUser(db, userId)).toEqual([{ ...addr, data: { threadId: "t1", type: 1 } }]);
      await markAddressDead(db, "zalo", "thread-1");
      expect(await addressesForUser(db, userId)).toEqual([]);
      await saveAddress(db, addr, null, NOW);
      expect(await addressesForUser(db, userId)).toHaveLength(1);
    });

    if (opts.reopen) {
      const reopen = opts.reopen;
      it("keeps everything after a restart", async () => {
        const entries = await count(db, "report_entries");
        const users = await count(db, "users");
        await db.close();
        db = await reopen();
        expect(await count(db, "report_entries")).toBe(entries);
        expect(await count(db, "users")).toBe(users);
        expect((await loadStoredPlans(db)).length).toBe(1);
      });
    }
  });
}
