// A folder's plans are linked to the units they cover once, after every file is stored (not per
// batch): a start that stops between the writes and that pass leaves no "done" marker, and the
// next start, with every file unchanged, links them.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../../bot/app";
import { loadConfig } from "../../../bot/config";
import { loadPlanFile } from "../../../knowledge/load-plan";
import { ingestFiles } from "../../../bot/plans/ingest-files";
import { openDb } from "../../../bot/storage/open-db";
import { silentLog } from "../fixtures";

const dir = mkdtempSync(join(tmpdir(), "tlkh-folder-links-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const plansDir = join(dir, "plans");
mkdirSync(plansDir);
for (const f of ["krongbuk-cchc-2025.md", "nhonbinh-pbgdpl-2024.txt"]) copyFileSync(join("test/fixtures/plans/own", f), join(plansDir, f));
const now = new Date("2026-03-15T03:00:00Z");
const noAnswers = { answer: async () => ({ kind: "none" }) } as never;
const links = async (q: { query<T>(sql: string): Promise<T[]> }) => (await q.query<{ n: number }>("SELECT count(*)::int AS n FROM obligation_units"))[0].n;

describe("unit links of a folder ingest", () => {
  it("ingestFiles without linkUnits stores plans and units but no links, and says once before its first write", async () => {
    const db = await openDb({ dataDir: "memory" });
    try {
      let before = 0;
      const files = [join(plansDir, "krongbuk-cchc-2025.md"), join(plansDir, "nhonbinh-pbgdpl-2024.txt")];
      const out = await ingestFiles(db, files, { load: loadPlanFile, now, linkUnits: false, beforeStore: () => before++ });
      expect(out.map((r) => r.status)).toEqual(["ingested", "ingested"]);
      expect(before).toBe(1);
      expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM units"))[0].n).toBeGreaterThan(0);
      expect(await links(db)).toBe(0);
      // One audit row per plan, written for the batch in one statement.
      const audits = await db.query<{ entity_id: string; before: unknown; after: { status: string; file: string }; actor_user_id: number | null }>(
        "SELECT entity_id, before, after, actor_user_id FROM audit_log WHERE action = 'plan.ingest' ORDER BY id",
      );
      expect(audits.map((a) => [a.entity_id, a.after.status, a.after.file, a.before, a.actor_user_id])).toEqual([
        ["krongbuk-cchc-2025", "ingested", files[0], null, null],
        ["nhonbinh-pbgdpl-2024", "ingested", files[1], null, null],
      ]);
      await ingestFiles(db, files, { load: loadPlanFile, now, linkUnits: false, beforeStore: () => before++ });
      expect(before, "nothing to write: not called").toBe(1);
    } finally {
      await db.close();
    }
  });

  it("a start that stopped after storing the plans and before linking them is completed by the next start", async () => {
    const config = loadConfig({ DATA_DIR: join(dir, "data"), PLANS_DIR: plansDir, LOG_LEVEL: "silent" });
    const marker = join(dir, "data", "index", "unit-coverage.done");
    const app = await createApp(config, { log: silentLog, clock: () => now, answerer: noAnswers });
    const linked = await links(app.db);
    expect(linked).toBeGreaterThan(0);
    expect(existsSync(marker)).toBe(true);
    // What such a stop leaves: the plans stored, no links, no marker (removed before the first write).
    await app.db.query("DELETE FROM obligation_units");
    await app.close();
    rmSync(marker);

    const again = await createApp(config, { log: silentLog, clock: () => now, answerer: noAnswers });
    try {
      expect(again.ingested.map((r) => r.status)).toEqual(["unchanged", "unchanged"]);
      expect(await links(again.db)).toBe(linked);
      expect(existsSync(marker)).toBe(true);
    } finally {
      await again.close();
    }
  });
});
