import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "../../../bot/storage/open-db";
import { MIGRATIONS_DIR } from "../../../bot/storage/migrate";
import { builtInTemplatePath } from "../../../bot/storage/pglite-template";

describe("PGLITE_TEMPLATE", () => {
  const dir = mkdtempSync(join(tmpdir(), "tlkh-template-test-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("starts a new database, in memory or in a folder, from the dump with its tables and keeps an existing folder's data", async () => {
    // The run's own template (test/setup/pglite-template.ts, made by the global setup).
    const template = { file: process.env.PGLITE_TEMPLATE! };
    expect(template.file).toMatch(/template\.tar$/);
    {
      const mem = await openDb({ dataDir: "memory", template: template.file, skipMigrations: true });
      // The dump is migrated: the tables are there without running the migrations.
      expect(await mem.query<{ n: number }>("select count(*)::int as n from units")).toEqual([{ n: 0 }]);
      await mem.close();
      const folder = join(dir, "db");
      const a = await openDb({ dataDir: folder, template: template.file });
      await a.query("insert into units (name, name_key) values ('Phòng Nội vụ', 'phong noi vu')");
      await a.close();
      // Opened again: the folder's own data, not the template.
      const b = await openDb({ dataDir: folder, template: template.file });
      expect(await b.query<{ name: string }>("select name from units")).toEqual([{ name: "Phòng Nội vụ" }]);
      await b.close();
    }
  });

  it("keys the built-in dump by the migrations: a changed or added migration names another file", () => {
    const copy = join(dir, "migrations");
    cpSync(MIGRATIONS_DIR, copy, { recursive: true });
    const same = builtInTemplatePath(copy);
    expect(same).toBe(builtInTemplatePath());
    expect(same).toMatch(/node_modules\/\.cache\/tro-ly-ke-hoach\/pglite-[0-9a-f]{16}\.tar$/);
    writeFileSync(join(copy, "999_more.sql"), "CREATE TABLE more (id int);");
    expect(builtInTemplatePath(copy)).not.toBe(same);
  });

  it("says which file is missing and the fix", async () => {
    await expect(openDb({ dataDir: "memory", template: join(dir, "nothing.tar") })).rejects.toThrow(/PGLITE_TEMPLATE: no file at .*nothing\.tar\. Remove the variable/);
  });
});
