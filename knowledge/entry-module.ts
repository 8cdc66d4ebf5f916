// Where the entry module of a worker thread or child process is. `npm start` runs the bundle that
// scripts/build.mjs makes in dist/, whose files record the bundle's folder first thing; tests and
// the CLIs run the TypeScript sources, and a process or thread started from them loads tsx first.
import { basename } from "node:path";
import { fileURLToPath } from "node:url";

const DIST_KEY = "__trolyKeHoachDist";

/** The bundled file of the source at `source` when running from dist/, else the source itself (tsx needed). */
export function entryModule(source: URL): { url: URL; tsx: boolean } {
  const dist = (globalThis as Record<string, unknown>)[DIST_KEY];
  if (typeof dist !== "string") return { url: source, tsx: true };
  return { url: new URL(basename(fileURLToPath(source)).replace(/\.ts$/, ".js"), dist), tsx: false };
}
