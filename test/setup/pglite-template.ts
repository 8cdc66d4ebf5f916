// A migrated embedded database dumped once per test run: every PGlite the suites open (in the
// workers and in the servers they spawn, through PGLITE_TEMPLATE) starts from it instead of
// running PostgreSQL's initdb and the migrations again (about 1.5 s against 5 s each here).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { migrate } from "../../bot/storage/migrate";
import { openPglite } from "../../bot/storage/pglite-db";

export async function makePgliteTemplate(): Promise<{ file: string; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), "tlkh-pglite-template-"));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    // Made in a folder, then dumped: the dump is what PGlite's own clone() uses.
    const db = await openPglite(join(dir, "db"));
    await migrate(db);
    await db.close();
    const pg = await PGlite.create(join(dir, "db"));
    const tar = await pg.dumpDataDir("none");
    await pg.close();
    const file = join(dir, "template.tar");
    writeFileSync(file, Buffer.from(await tar.arrayBuffer()));
    rmSync(join(dir, "db"), { recursive: true, force: true });
    return { file, remove };
  } catch (err) {
    remove();
    throw err;
  }
}
