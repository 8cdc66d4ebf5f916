// The embedded database's files hold every report entry and user: owner-only. PGlite creates its
// files 0666 whatever the umask, so the folder itself is made 0700 (nothing inside is reachable by
// another account, also files created later) and the files already there are set to 0600.
import { chmodSync, lstatSync, readdirSync } from "node:fs";
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
