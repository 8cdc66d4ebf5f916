// A migrated, empty embedded database dumped once per machine, PGlite version and set of migrations
// (node_modules/.cache/tro-ly-ke-hoach/): a new PGlite starts from it instead of PostgreSQL's initdb
// and every migration (measured: 1.5 s against 10 s of the first start). npm install's postinstall
// makes it (scripts/pglite-template.ts); a new database that finds none makes it then, once.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { migrate, MIGRATIONS_DIR, readMigrations } from "./migrate";
import { openPglite } from "./pglite-db";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Where the dump for the current PGlite and migrations is kept. */
export function builtInTemplatePath(migrationsDir = MIGRATIONS_DIR): string {
  const h = createHash("sha256");
  try {
    h.update(JSON.parse(readFileSync(join(ROOT, "node_modules", "@electric-sql", "pglite", "package.json"), "utf8")).version ?? "");
  } catch {
    h.update("unknown pglite");
  }
  for (const m of readMigrations(migrationsDir)) h.update(`\0${m.name}\0${m.sql}`);
  return join(ROOT, "node_modules", ".cache", "tro-ly-ke-hoach", `pglite-${h.digest("hex").slice(0, 16)}.tar`);
}

/** Makes a new migrated database and dumps it to `file` (written whole or not at all). */
export async function makePgliteTemplate(file: string): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const dir = mkdtempSync(join(dirname(file), "make-"));
  try {
    // Made in a folder, then dumped: the dump is what PGlite's own clone() uses.
    const db = await openPglite(join(dir, "db"));
    await migrate(db);
    await db.close();
    const pg = await PGlite.create(join(dir, "db"));
    const tar = await pg.dumpDataDir("none");
    await pg.close();
    const tmp = join(dir, "template.tar");
    writeFileSync(tmp, Buffer.from(await tar.arrayBuffer()));
    renameSync(tmp, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The built-in dump for a new database: made now when missing. Null when it cannot be made (a
 * read-only install): the new database is then made from scratch, as without a template.
 */
export async function builtInTemplate(): Promise<string | null> {
  const file = builtInTemplatePath();
  if (existsSync(file)) return file;
  try {
    await makePgliteTemplate(file);
    // The dumps of earlier migrations are not used again.
    for (const old of readdirSync(dirname(file))) if (/^pglite-[0-9a-f]{16}\.tar$/.test(old) && join(dirname(file), old) !== file) rmSync(join(dirname(file), old), { force: true });
    return file;
  } catch {
    return null;
  }
}
