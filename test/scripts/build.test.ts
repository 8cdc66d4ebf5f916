// scripts/build.mjs: the bundle `npm start` runs. Built when missing or when a source file changed
// since (its size or mtime), not otherwise, and without an earlier build's chunks; each module keeps its source file's import.meta.url, so
// what it reads beside itself is found; the worker and child entries are files of their own.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../../scripts/build.mjs";
import { entryModule } from "../../knowledge/entry-module";

const out = join(mkdtempSync(join(tmpdir(), "tlkh-build-")), "dist");
afterAll(() => rmSync(join(out, ".."), { recursive: true, force: true }));

describe("npm run build (dist/)", { timeout: 120_000 }, () => {
  it("builds once, again only after a source file changed", async () => {
    expect(await ensureBuilt({ outdir: out })).toBe("built");
    for (const entry of ["start.js", "answer-worker.js", "guard-child.js", "build.json"]) expect(existsSync(join(out, entry)), entry).toBe(true);
    expect(await ensureBuilt({ outdir: out })).toBe("up to date");

    // A source file that is not as recorded (edited since): built again.
    const stampFile = join(out, "build.json");
    const stamp = JSON.parse(readFileSync(stampFile, "utf8")) as { inputs: Record<string, [number, number]> };
    expect(Object.keys(stamp.inputs)).toContain("bot/app.ts");
    expect(Object.keys(stamp.inputs).some((f) => f.startsWith("node_modules"))).toBe(false);
    stamp.inputs["bot/app.ts"][1] -= 1000;
    writeFileSync(stampFile, JSON.stringify(stamp));
    writeFileSync(join(out, "chunk-OLDBUILD.js"), "// an earlier build's chunk\n");
    expect(await ensureBuilt({ outdir: out })).toBe("built");
    expect(existsSync(join(out, "chunk-OLDBUILD.js")), "an earlier build's chunk is removed").toBe(false);
    expect(await ensureBuilt({ outdir: out })).toBe("up to date");
    rmSync(join(out, "answer-worker.js"));
    expect(await ensureBuilt({ outdir: out })).toBe("built");
  });

  it("keeps each module's source URL, so files beside the sources are found from the bundle", () => {
    const bundle = readdirSync(out)
      .filter((f) => f.endsWith(".js"))
      .map((f) => readFileSync(join(out, f), "utf8"))
      .join("\n");
    expect(bundle).toContain(JSON.stringify(pathToFileURL(join(process.cwd(), "bot/storage/migrate.ts")).href));
    // Only the first line of each file (where the bundle is) reads the bundle's own URL.
    const lines = bundle.split("\n").filter((l) => l.includes("import.meta.url"));
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.filter((l) => !l.startsWith("globalThis.__trolyKeHoachDist ??="))).toEqual([]);
  });
});

describe("entryModule", () => {
  it("is the source (through tsx) unless running from the bundle, then the bundled file", () => {
    const source = new URL("../../bot/answering/answer-worker.ts", import.meta.url);
    expect(entryModule(source)).toEqual({ url: source, tsx: true });
    const g = globalThis as Record<string, unknown>;
    g.__trolyKeHoachDist = pathToFileURL(`${out}/`).href;
    try {
      expect(entryModule(source)).toEqual({ url: pathToFileURL(join(out, "answer-worker.js")), tsx: false });
    } finally {
      delete g.__trolyKeHoachDist;
    }
  });
});
