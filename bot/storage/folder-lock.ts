// PGlite is one process at a time: a second process writing the same folder would corrupt it.
// A lock file beside the folder (PGlite's folder is PostgreSQL's data directory: nothing foreign
// goes inside) holds the owner's pid and keeps a second server or CLI out with a clear message; a
// lock left by a process that died is taken over.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export class FolderInUseError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database in ${dir} is in use by process ${pid} (the server or another command). ` +
        "Stop that process first, or set DATABASE_URL to a PostgreSQL server so several processes can share the data.",
    );
    this.name = "FolderInUseError";
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the folder's lock for this process; returns the function that releases it. */
export function lockFolder(dir: string, pid = process.pid): () => void {
  mkdirSync(dirname(dir), { recursive: true, mode: 0o700 });
  const file = `${dir.replace(/[/\\]+$/, "")}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(pid), { flag: "wx", mode: 0o600 });
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = Number(readFileSync(file, "utf8").trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== pid && alive(owner)) throw new FolderInUseError(dir, owner);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock ${dir}: remove ${file} if no process uses the folder.`);
}
