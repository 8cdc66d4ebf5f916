// npm run build: bundles the server (scripts/start.ts) and the entry files of its worker threads and
// parsing processes into dist/ with esbuild, so `npm start` runs plain JavaScript instead of
// compiling and resolving every TypeScript module through tsx's loader at each start (about half
// of a restart's module loading). `npm start` (scripts/launch.mjs) builds first when dist/ is missing
// or older than a source file; the CLIs and the tests run the sources through tsx.
// Plain JavaScript: it runs before anything can compile TypeScript.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, renameSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
/** Output name -> source. A worker or child process is started from dist/<name>.js (knowledge/entry-module.ts). */
const ENTRIES = { start: "scripts/start.ts", "answer-worker": "bot/answering/answer-worker.ts", "guard-child": "knowledge/load/guard-child.ts" };
const STAMP = "build.json";
/** Set first thing by every bundled file: the folder of the bundle (read by knowledge/entry-module.ts). */
const DIST_KEY = "__trolyKeHoachDist";

/** The recorded inputs (size and mtime of each source file) still match the files. */
function upToDate(outdir) {
  const file = join(outdir, STAMP);
  if (!existsSync(file)) return false;
  try {
    const stamp = JSON.parse(readFileSync(file, "utf8"));
    if (stamp.builder !== builderId()) return false;
    for (const name of Object.keys(ENTRIES)) if (!existsSync(join(outdir, `${name}.js`))) return false;
    return Object.entries(stamp.inputs).every(([path, [size, mtime]]) => {
      const s = statSync(join(ROOT, path), { throwIfNoEntry: false });
      return s !== undefined && s.size === size && s.mtimeMs === mtime;
    });
  } catch {
    return false;
  }
}

/** What makes the output besides the sources: this script and esbuild's version. */
function builderId() {
  const esbuild = JSON.parse(readFileSync(join(ROOT, "node_modules", "esbuild", "package.json"), "utf8")).version;
  return `${statSync(fileURLToPath(import.meta.url)).mtimeMs}:${esbuild}`;
}

/**
 * Builds dist/ unless it is up to date; returns "up to date" or "built". `force` builds anyway.
 * Each module keeps its source file's import.meta.url, so what it reads beside itself (migrations,
 * holidays.json, weights.json, the web page) is found as when it runs from the sources.
 */
export async function ensureBuilt({ outdir = join(ROOT, "dist"), force = false, log = () => {} } = {}) {
  if (!force && upToDate(outdir)) return "up to date";
  const started = Date.now();
  const { build } = await import("esbuild");
  const keepSourceUrl = {
    name: "keep-source-url",
    setup(b) {
      // Only the project's files are loaded: packages stay external (below).
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        const source = readFileSync(args.path, "utf8").replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href));
        return { contents: source, loader: "ts" };
      });
    },
  };
  // Built beside dist/ and moved in file by file: a server starting meanwhile finds the old or the new files.
  const tmp = `${outdir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, src]) => [name, join(ROOT, src)])),
    outdir: tmp,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    metafile: true,
    banner: { js: `globalThis.${DIST_KEY} ??= new URL(".", import.meta.url).href;` },
    plugins: [keepSourceUrl],
    logLevel: "warning",
  });
  mkdirSync(outdir, { recursive: true });
  const made = new Set(readdirSync(tmp));
  for (const f of made) renameSync(join(tmp, f), join(outdir, f));
  rmSync(tmp, { recursive: true, force: true });
  // Chunks are named by their content: an earlier build's are gone from the new files' imports. (A
  // running server imports its chunks at start; a worker it starts later loads the new files whole.)
  for (const f of readdirSync(outdir)) if (!made.has(f) && f !== STAMP && /\.js(\.map)?$/.test(f)) rmSync(join(outdir, f), { force: true });
  const inputs = {};
  for (const path of Object.keys(result.metafile.inputs)) {
    const s = statSync(join(ROOT, path));
    inputs[path] = [s.size, s.mtimeMs];
  }
  writeFileSync(`${join(outdir, STAMP)}.tmp-${process.pid}`, JSON.stringify({ builder: builderId(), builtAt: new Date().toISOString(), inputs }));
  renameSync(`${join(outdir, STAMP)}.tmp-${process.pid}`, join(outdir, STAMP));
  log(`built ${outdir} (${Object.keys(inputs).length} source files) in ${Date.now() - started} ms`);
  return "built";
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const force = !process.argv.includes("--if-stale");
  ensureBuilt({ force, log: (m) => console.log(m) }).then(
    (r) => r === "up to date" && console.log("dist/ is up to date"),
    (err) => {
      console.error(`Could not build dist/: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
