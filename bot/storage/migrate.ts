// The migration runner: applies bot/storage/migrations/NNN_name.sql in order of NNN, each in its own
// transaction, and records it in schema_migrations. Several processes may start at once on one
// PostgreSQL: a transaction-level advisory lock (per schema) makes them take turns, and the one
// that comes second sees the version already recorded and skips it.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { EngineDb } from "./engine";

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), "migrations");

// First key of the two-key advisory lock space; the second is the schema's hash.
const MIGRATION_LOCK = 7_351_001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir).filter((f) => /^\d+_.+\.sql$/.test(f));
  const list = files.map((f) => ({ version: Number(f.split("_")[0]), name: f, sql: readFileSync(join(dir, f), "utf8") }));
  list.sort((a, b) => a.version - b.version);
  for (let i = 1; i < list.length; i++) {
    if (list[i].version === list[i - 1].version) {
      throw new Error(`Two migrations share number ${list[i].version} (${list[i - 1].name}, ${list[i].name}): renumber one of them.`);
    }
  }
  return list;
}

/** Applies pending migrations; returns the names applied by this call. */
export async function migrate(db: EngineDb, dir = MIGRATIONS_DIR): Promise<string[]> {
  const applied: string[] = [];
  const all = readMigrations(dir);
  // A restart usually has nothing to apply: one read says so, instead of a locked transaction per file.
  if (await allApplied(db, all)) return applied;
  for (const m of all) {
    const done = await db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))", [MIGRATION_LOCK]);
      await tx.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
      );
      const rows = await tx.query("SELECT 1 FROM schema_migrations WHERE version = $1", [m.version]);
      if (rows.length > 0) return false;
      try {
        await tx.exec(m.sql);
      } catch (err) {
        throw new Error(`Migration ${m.name} failed: ${(err as Error).message}. Fix the SQL file and start again; nothing of it was applied.`);
      }
      await tx.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.name);
  }
  return applied;
}

async function allApplied(db: EngineDb, all: Migration[]): Promise<boolean> {
  const [t] = await db.query<{ exists: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS exists");
  if (!t?.exists) return false;
  const rows = await db.query<{ version: number }>("SELECT version FROM schema_migrations");
  const done = new Set(rows.map((r) => r.version));
  return all.every((m) => done.has(m.version));
}
