import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FolderInUseError, lockFolder } from "../../../bot/storage/folder-lock";
import { openPglite } from "../../../bot/storage/pglite-db";

describe("the embedded database folder is one process at a time", () => {
  it("a second opener gets a clear error while the first holds it; closing releases it", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "lock-")), "db");
    const first = await openPglite(dir, process.env.PGLITE_TEMPLATE);
    expect(existsSync(`${dir}.lock`)).toBe(true);
    // A live child process stands in for the server that holds the folder.
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 10000)"]);
    try {
      await first.close();
      writeFileSync(`${dir}.lock`, String(other.pid));
      await expect(openPglite(dir, process.env.PGLITE_TEMPLATE)).rejects.toThrow(FolderInUseError);
      await expect(openPglite(dir, process.env.PGLITE_TEMPLATE)).rejects.toThrow(/in use by process \d+.*DATABASE_URL/s);
    } finally {
      other.kill();
    }
  });

  it("takes over a lock whose process is gone, and keeps the data", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "lock-")), "db");
    const db = await openPglite(dir, process.env.PGLITE_TEMPLATE);
    await db.query("CREATE TABLE t (x int)");
    await db.query("INSERT INTO t VALUES (42)");
    await db.close();
    expect(existsSync(`${dir}.lock`)).toBe(false);
    writeFileSync(`${dir}.lock`, "999999999"); // no such process
    const again = await openPglite(dir, process.env.PGLITE_TEMPLATE);
    expect(await again.query("SELECT x FROM t")).toEqual([{ x: 42 }]);
    await again.close();
  });

  it("the lock names the owner and is exclusive within the folder", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "lock-")), "db");
    const release = lockFolder(dir, process.pid);
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 10000)"]);
    try {
      release();
      const releaseOther = lockFolder(dir, other.pid!);
      expect(() => lockFolder(dir, process.pid)).toThrow(FolderInUseError);
      releaseOther();
      lockFolder(dir, process.pid)();
    } finally {
      other.kill();
    }
  });
});
