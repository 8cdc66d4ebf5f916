// Owner-only data files: DATA_DIR is 0700, the embedded database's folder 0700 and its files 0600,
// also when DATA_DIR already exists with looser modes (made by hand, or by an older version), and
// with DATABASE_URL (DATA_DIR still holds the index and downloads). A file of someone else's in
// DATA_DIR keeps its mode.
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../bot/app";
import { loadConfig } from "../../bot/config";
import { openDbFromConfig } from "../../bot/storage/open-db";
import { FakeAnswerer, silentLog } from "../bot/fixtures";
import { dropSchema, freshSchema, openPg, PG_MISSING, PG_URL } from "../bot/storage/engines";

const root = mkdtempSync(join(tmpdir(), "tlkh-modes-"));
const schema = freshSchema("modes");
afterAll(async () => {
  rmSync(root, { recursive: true, force: true });
  await dropSchema(schema);
});

const mode = (p: string) => statSync(p).mode & 0o777;

/** Every path under dir (dir included) whose mode lets another account in. */
function loose(dir: string): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = lstatSync(p);
    if (st.isSymbolicLink()) return;
    if ((st.mode & 0o077) !== 0) out.push(`${p} ${(st.mode & 0o777).toString(8)}`);
    if (st.isDirectory()) for (const n of readdirSync(p)) walk(join(p, n));
  };
  walk(dir);
  return out;
}

/** A DATA_DIR as an older version left it: 0777 folders, 0666 files, and a file that is not ours. */
function looseDataDir(name: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, "index"), { recursive: true });
  writeFileSync(join(dir, "index", "vectors.bin"), "x");
  chmodSync(join(dir, "index", "vectors.bin"), 0o666);
  chmodSync(join(dir, "index"), 0o777);
  chmodSync(dir, 0o777);
  writeFileSync(join(dir, "README.txt"), "someone else's");
  chmodSync(join(dir, "README.txt"), 0o644);
  return dir;
}

// Two PGlite starts (each up to a minute on the shared 2-core machine) in the first test.
describe("data files are owner-only", { timeout: 240_000 }, () => {
  it("PGlite: DATA_DIR 0700, db folder 0700, every file 0600, tightened when it was looser, still so after close", async () => {
    const dataDir = looseDataDir("pglite");
    const config = loadConfig({ DATA_DIR: dataDir });
    let db = await openDbFromConfig(config);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, "db"))).toBe(0o700);
    expect(mode(join(dataDir, "db.lock"))).toBe(0o600);
    expect(loose(join(dataDir, "db"))).toEqual([]);
    expect(loose(join(dataDir, "index"))).toEqual([]);
    await db.query("CREATE TABLE IF NOT EXISTS t (x int)");
    await db.close();
    expect(readdirSync(join(dataDir, "db")).length).toBeGreaterThan(10);
    expect(loose(join(dataDir, "db"))).toEqual([]);
    expect(mode(join(dataDir, "README.txt")), "a file the app did not write keeps its mode").toBe(0o644);

    // Loosened again (a restore from a backup, a chmod -R by hand): the next start tightens it.
    chmodSync(dataDir, 0o755);
    for (const f of readdirSync(join(dataDir, "db"), { recursive: true }) as string[]) {
      const p = join(dataDir, "db", f);
      chmodSync(p, lstatSync(p).isDirectory() ? 0o777 : 0o666);
    }
    chmodSync(join(dataDir, "db"), 0o777);
    expect(loose(join(dataDir, "db")).length).toBeGreaterThan(10);
    db = await openDbFromConfig(config);
    expect(mode(dataDir)).toBe(0o700);
    expect(loose(join(dataDir, "db"))).toEqual([]);
    await db.close();
  });

  it("a new DATA_DIR is created 0700", async () => {
    const dataDir = join(root, "new", "data");
    expect(existsSync(dataDir)).toBe(false);
    const db = await openDbFromConfig(loadConfig({ DATA_DIR: dataDir }));
    await db.close();
    expect(mode(dataDir)).toBe(0o700);
    expect(loose(dataDir)).toEqual([]);
  });

  it("with DATABASE_URL, the app still makes DATA_DIR and its index owner-only", async () => {
    expect(PG_URL, PG_MISSING).toBeTruthy();
    const dataDir = looseDataDir("pg");
    const db = await openPg(schema);
    const app = await createApp(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: PG_URL! }), { db, skipIngest: true, answerer: new FakeAnswerer(), log: silentLog });
    await app.close();
    await db.close();
    expect(mode(dataDir)).toBe(0o700);
    expect(loose(join(dataDir, "index"))).toEqual([]);
    expect(existsSync(join(dataDir, "db")), "no embedded database with DATABASE_URL").toBe(false);
  });
});
