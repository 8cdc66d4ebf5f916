// A migrated embedded database dumped once per test run: every PGlite the suites open (in the
// workers and in the servers they spawn, through PGLITE_TEMPLATE) starts from it instead of
// running PostgreSQL's initdb and the migrations again (about 1.5 s against 5 s each here).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makePgliteTemplate as makeDump } from "../../bot/storage/pglite-template";

export async function makePgliteTemplate(): Promise<{ file: string; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), "tlkh-pglite-template-"));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const file = join(dir, "template.tar");
    await makeDump(file);
    return { file, remove };
  } catch (err) {
    remove();
    throw err;
  }
}
