// What the board reads is kept on write (migrations 160, 161): progress_latest (the latest live entry per
// period × plan × unit × task) and obligation_unit_lists (each task's responsible units). After
// every kind of write, on PGlite and on PostgreSQL, both equal what they summarise, recomputed here
// from report_entries and obligation_units; the migration fills them for rows stored before it.
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestPlan } from "../../../bot/plans/library";
import type { DbQuery } from "../../../bot/storage/db";
import type { EngineDb } from "../../../bot/storage/engine";
import { migrate, MIGRATIONS_DIR } from "../../../bot/storage/migrate";
import { openDb } from "../../../bot/storage/open-db";
import { editLastEntry, recordEntry, withdrawLastEntry, type EntryInput } from "../../../bot/updates/entries";
import { STATUSES } from "../../../bot/updates/status";
import { ensureUnit } from "../../../bot/users/units";
import { testPlan } from "../fixtures";
import { dropSchema, freshSchema, openMemory, openPg } from "./engines";

const NOW = new Date("2026-03-15T03:00:00Z");
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

type Cells = Record<string, [string, number | null, number, number]>;

/** progress_latest as stored (five values per task, migration 161), keyed "period|plan|unit". */
async function stored(q: DbQuery): Promise<Map<string, Cells>> {
  const rows = await q.query<{ period: string; plan_id: string; unit_id: number; cells: (string | number | null)[] }>("SELECT period, plan_id, unit_id, cells FROM progress_latest");
  const out = new Map<string, Cells>();
  for (const r of rows) {
    const cells: Cells = {};
    for (let k = 0; k < r.cells.length; k += 5) {
      const [ob, status, percent, t, id] = r.cells.slice(k, k + 5) as [string, number, number | null, number, number];
      cells[ob] = [STATUSES[status], percent, t, id];
    }
    expect(r.cells.length % 5).toBe(0);
    out.set(`${r.period}|${r.plan_id}|${r.unit_id}`, cells);
  }
  return out;
}

/** progress_latest recomputed from report_entries: per key and task, the live entry updated last (then the higher id). */
async function expected(q: DbQuery): Promise<Map<string, Cells>> {
  const rows = await q.query<{ id: number; period: string; plan_id: string | null; unit_id: number; obligation_id: string | null; status: string; percent: number | null; updated_at: Date; withdrawn_at: Date | null }>(
    "SELECT id::int AS id, period, plan_id, unit_id, obligation_id, status, percent, updated_at, withdrawn_at FROM report_entries ORDER BY id",
  );
  const out = new Map<string, Cells>();
  for (const r of rows) {
    if (r.withdrawn_at || !r.plan_id || !r.obligation_id) continue;
    const k = `${r.period}|${r.plan_id}|${r.unit_id}`;
    const cells = out.get(k) ?? {};
    const old = cells[r.obligation_id];
    const t = r.updated_at.getTime();
    if (!old || old[2] < t || (old[2] === t && old[3] < r.id)) cells[r.obligation_id] = [r.status, r.percent, t, r.id];
    out.set(k, cells);
  }
  return out;
}

async function expectLatestConsistent(q: DbQuery): Promise<Map<string, Cells>> {
  const s = await stored(q);
  expect(s).toEqual(await expected(q));
  return s;
}

async function expectListsConsistent(q: DbQuery): Promise<void> {
  const lists = await q.query<{ k: string; ids: number[] }>("SELECT plan_id || '|' || obligation_id AS k, unit_ids AS ids FROM obligation_unit_lists ORDER BY 1");
  const truth = await q.query<{ k: string; ids: number[] }>(
    "SELECT plan_id || '|' || obligation_id AS k, array_agg(unit_id ORDER BY unit_id) AS ids FROM obligation_units GROUP BY plan_id, obligation_id ORDER BY 1",
  );
  expect(lists).toEqual(truth);
}

function boardTables(name: string, open: () => Promise<EngineDb>, extra?: (db: () => EngineDb, ids: () => { noiVu: number; tuPhap: number; user: number }) => void) {
  describe(`the board's tables kept on write: ${name}`, () => {
    let db: EngineDb;
    let noiVu: number;
    let tuPhap: number;
    let user: number;
    const entry = (over: Partial<EntryInput>): EntryInput => ({
      unitId: noiVu,
      reporterId: user,
      planId: "thixa-2026",
      obligationId: "o2",
      period: "2026-H1",
      status: "đang thực hiện",
      percent: 40,
      note: "",
      channel: "console",
      sourceMessageId: `m-${Math.random()}`,
      now: NOW,
      ...over,
    });

    beforeAll(async () => {
      db = await open();
      await ingestPlan(db, testPlan(), NOW);
      noiVu = (await ensureUnit(db, "Phòng Nội vụ", "admin")).id;
      tuPhap = (await ensureUnit(db, "Phòng Tư pháp", "admin")).id;
      [{ id: user }] = await db.query<{ id: number }>("INSERT INTO users (name, unit_id, role) VALUES ('Lan', $1, 'member') RETURNING id", [noiVu]);
    });
    afterAll(() => db?.close());

    it("lists each task's responsible units as units are linked, plans replaced and links removed", async () => {
      await expectListsConsistent(db);
      const [o2] = await db.query<{ unit_ids: number[] }>("SELECT unit_ids FROM obligation_unit_lists WHERE plan_id = 'thixa-2026' AND obligation_id = 'o2'");
      expect(o2.unit_ids).toContain(noiVu);
      // A changed plan replaces its obligations (the links go with them, ON DELETE CASCADE) and links anew.
      await ingestPlan(db, testPlan({ text: testPlan().text + "\n", sha256: "e".repeat(64) }), NOW);
      await expectListsConsistent(db);
      await db.query("DELETE FROM obligation_units WHERE plan_id = 'thixa-2026' AND unit_id = $1", [tuPhap]);
      await expectListsConsistent(db);
      const [o4] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM obligation_unit_lists WHERE plan_id = 'thixa-2026' AND obligation_id = 'o4'");
      expect(o4.n).toBe(0);
    });

    it("keeps the latest live entry per task through records, edits, withdrawals and deletes", async () => {
      const first = await recordEntry(db, entry({ percent: 40, now: at(1) }));
      let s = await expectLatestConsistent(db);
      expect(s.get(`2026-H1|thixa-2026|${noiVu}`)?.o2).toEqual(["đang thực hiện", 40, at(1).getTime(), first.entry.id]);

      // A later update of the same task wins; an earlier-dated one arriving late does not.
      const second = await recordEntry(db, entry({ status: "hoàn thành", percent: 100, now: at(2) }));
      await recordEntry(db, entry({ status: "vướng mắc", percent: 10, now: at(0) }));
      s = await expectLatestConsistent(db);
      expect(s.get(`2026-H1|thixa-2026|${noiVu}`)?.o2?.slice(0, 2)).toEqual(["hoàn thành", 100]);
      expect(second.entry.id).toBeGreaterThan(first.entry.id);

      // "sửa": the latest entry ("hoàn thành") moves to another period, then to no task.
      await editLastEntry(db, user, { period: "2026-Q2" }, at(3));
      s = await expectLatestConsistent(db);
      expect(s.get(`2026-Q2|thixa-2026|${noiVu}`)?.o2?.[0]).toBe("hoàn thành");
      expect(s.get(`2026-H1|thixa-2026|${noiVu}`)?.o2?.slice(0, 2)).toEqual(["đang thực hiện", 40]);
      await editLastEntry(db, user, { obligationId: null }, at(4));
      s = await expectLatestConsistent(db);
      expect(s.has(`2026-Q2|thixa-2026|${noiVu}`)).toBe(false);

      // "hủy": a withdrawn entry leaves; the one before it shows again.
      await recordEntry(db, entry({ obligationId: "o3", status: "chưa bắt đầu", percent: 0, now: at(5) }));
      await recordEntry(db, entry({ obligationId: "o3", status: "đang thực hiện", percent: 60, now: at(6) }));
      await withdrawLastEntry(db, user, at(7));
      s = await expectLatestConsistent(db);
      expect(s.get(`2026-H1|thixa-2026|${noiVu}`)?.o3?.slice(0, 2)).toEqual(["chưa bắt đầu", 0]);

      // Entries on no plan are not the board's; deleting a unit's entries empties its rows.
      await recordEntry(db, entry({ planId: null, obligationId: null, now: at(8) }));
      await expectLatestConsistent(db);
      await db.query("DELETE FROM report_entries WHERE unit_id = $1 AND obligation_id = 'o3'", [noiVu]);
      s = await expectLatestConsistent(db);
      expect(s.get(`2026-H1|thixa-2026|${noiVu}`)?.o3).toBeUndefined();
    });

    it("takes a bulk insert of many units and tasks in one statement", async () => {
      const units = [noiVu, tuPhap];
      await db.query(
        `INSERT INTO report_entries (unit_id, reporter_id, plan_id, obligation_id, period, status, percent, channel, source_message_id, created_at, updated_at)
         SELECT u, $1, 'thixa-2026', 'o' || t, p, (ARRAY['chưa bắt đầu','đang thực hiện','hoàn thành','vướng mắc'])[1 + (u + t + k) % 4], (u * t * k) % 101,
                'bulk', u || '-' || t || '-' || k || '-' || p, $3::timestamptz + k * interval '1 minute', $3::timestamptz + k * interval '1 minute'
           FROM unnest($2::int[]) u, generate_series(0, 4) t, generate_series(1, 3) k, unnest(ARRAY['2026-H1', '2026-Q1', '2026-05']) p`,
        [user, units, at(10)],
      );
      const s = await expectLatestConsistent(db);
      expect(s.get(`2026-Q1|thixa-2026|${tuPhap}`)).toBeDefined();
    });

    extra?.(() => db, () => ({ noiVu, tuPhap, user }));
  });
}

boardTables("PGlite", openMemory);

const schema = freshSchema("board");
afterAll(() => dropSchema(schema));
boardTables("PostgreSQL", () => openPg(schema), (db, ids) => {
  it("stays right when several connections write the same rows at once", async () => {
    const other = await openPg(schema);
    try {
      const { noiVu, tuPhap, user } = ids();
      const writes = Array.from({ length: 24 }, (_, i) =>
        recordEntry(i % 2 ? db() : other, {
          unitId: i % 3 ? noiVu : tuPhap,
          reporterId: user,
          planId: "thixa-2026",
          obligationId: `o${i % 3}`,
          period: "2026-H1",
          status: i % 4 === 0 ? "hoàn thành" : "đang thực hiện",
          percent: i,
          note: "",
          channel: "race",
          sourceMessageId: `race-${i}`,
          now: at(100 + (i % 5)),
        }),
      );
      await Promise.all(writes);
      await expectLatestConsistent(db());
    } finally {
      await other.close();
    }
  });
});

describe("migration 160 on a store written before it", () => {
  const dir = mkdtempSync(join(tmpdir(), "tlkh-migrations-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("fills both tables from the entries and links already stored", async () => {
    for (const f of readdirSync(MIGRATIONS_DIR)) if (Number(f.split("_")[0]) < 160) cpSync(join(MIGRATIONS_DIR, f), join(dir, f));
    const db = await openDb({ dataDir: "memory", skipMigrations: true, template: null });
    try {
      await migrate(db, dir);
      await ingestPlan(db, testPlan(), NOW);
      const unit = (await ensureUnit(db, "Phòng Nội vụ", "admin")).id;
      const [{ id: user }] = await db.query<{ id: number }>("INSERT INTO users (name, unit_id, role) VALUES ('Lan', $1, 'member') RETURNING id", [unit]);
      for (const [i, [ob, status, minutes]] of ([["o2", "đang thực hiện", 1], ["o2", "hoàn thành", 2], ["o3", "vướng mắc", 3]] as const).entries()) {
        await recordEntry(db, { unitId: unit, reporterId: user, planId: "thixa-2026", obligationId: ob, period: "2026-H1", status, percent: null, note: "", channel: "console", sourceMessageId: `old-${i}`, now: at(minutes) });
      }
      expect(await migrate(db)).toEqual(expect.arrayContaining(["160_progress_latest.sql", "161_progress_latest_compact.sql"]));
      const s = await expectLatestConsistent(db);
      expect(Object.fromEntries(Object.entries(s.get(`2026-H1|thixa-2026|${unit}`) ?? {}).map(([k, v]) => [k, v[0]]))).toEqual({ o2: "hoàn thành", o3: "vướng mắc" });
      await expectListsConsistent(db);
      const [n] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM obligation_unit_lists");
      expect(n.n).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });
});
