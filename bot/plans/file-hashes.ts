// The sha256 of each plan file, remembered between starts with the file's size, mtime and inode:
// a restart with unchanged files reads none of them again. Kept in DATA_DIR (absent: memory only).
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { MAX_PLAN_BYTES } from "../../knowledge/load/limits";
import { writeAtomic } from "../../knowledge/search/persist";
import { z } from "zod";

const entrySchema = z.object({ size: z.number(), mtimeMs: z.number(), ino: z.number(), sha: z.string() });
const fileSchema = z.record(z.string(), entrySchema);
type Entry = z.infer<typeof entrySchema>;

export class FileHashes {
  private entries = new Map<string, Entry>();
  private dirty = false;
  /** Files hashed (read) by this object, for tests and logs. */
  hashed = 0;

  constructor(private readonly file: string | null) {
    if (!file) return;
    try {
      this.entries = new Map(Object.entries(fileSchema.parse(JSON.parse(readFileSync(file, "utf8")))));
    } catch {
      // Missing or damaged: every file is hashed once more.
    }
  }

  /** The file's sha256: remembered when its size, mtime and inode are unchanged, else read and hashed. */
  sha(path: string): string {
    const st = statSync(path);
    // Only what could be a plan is read here; the rest is left to the ingest's guard, which says why.
    if (!st.isFile() || st.size === 0 || st.size > MAX_PLAN_BYTES) throw new Error(`${path}: not hashed (not a regular file of a plan's size)`);
    const known = this.entries.get(path);
    if (known && known.size === st.size && known.mtimeMs === st.mtimeMs && known.ino === st.ino) return known.sha;
    const sha = createHash("sha256").update(readFileSync(path)).digest("hex");
    this.hashed++;
    this.entries.set(path, { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, sha });
    this.dirty = true;
    return sha;
  }

  /** Forgets the files not in `keep` and writes the rest (atomically) when anything changed. */
  save(keep: readonly string[]): void {
    const wanted = new Set(keep);
    for (const k of [...this.entries.keys()]) {
      if (!wanted.has(k)) {
        this.entries.delete(k);
        this.dirty = true;
      }
    }
    if (!this.file || !this.dirty) return;
    writeAtomic(this.file, JSON.stringify(Object.fromEntries(this.entries)));
    this.dirty = false;
  }
}
