// DATA_DIR holds every report entry and user (the embedded database), the session secret and the
// files people download: owner-only. PGlite creates its files 0666 whatever the umask, so the
// folders are made 0700 (nothing inside is reachable by another account, also files created
// later) and the files already there are set to 0600. An existing DATA_DIR with looser modes (an
// older version, a folder made by hand) is tightened at start.
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";

export function makeOwnerOnly(dir: string): void {
  const walk = (d: string) => {
    chmodSync(d, 0o700);
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) continue;
      if (st.isDirectory()) walk(p);
      else if ((st.mode & 0o077) !== 0) chmodSync(p, 0o600);
    }
  };
  walk(dir);
}

// The folders the app itself writes under DATA_DIR. Only these are walked: DATA_DIR may be a
// folder that also holds other people's things (DATA_DIR=. in a checkout), whose modes are theirs.
const OWN_FOLDERS = ["db", "index", "downloads"];

/** Creates DATA_DIR 0700, or tightens it to 0700, and makes the app's folders in it owner-only. */
export function ownDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  for (const name of OWN_FOLDERS) {
    const p = join(dataDir, name);
    if (existsSync(p) && lstatSync(p).isDirectory()) makeOwnerOnly(p);
  }
}
