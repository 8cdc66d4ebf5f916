// The layout rules of DESIGN.md: knowledge/ imports nothing of the project, bot/ no channel SDK.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === "node_modules" ? [] : tsFiles(p);
    return p.endsWith(".ts") ? [p] : [];
  });
}

function imports(file: string): string[] {
  const src = readFileSync(file, "utf8");
  return [...src.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["']([^"']+)["']/g)].map((m) => m[1]);
}

describe("layout", () => {
  it("knowledge/ imports nothing of bot/, adapters/, scripts/ or a channel SDK", () => {
    for (const f of tsFiles("knowledge")) {
      for (const spec of imports(f)) {
        expect(spec, `${f} imports ${spec}`).not.toMatch(/^(\.\.\/)+(bot|adapters|scripts|test)\b|^(botbuilder|zca-js|restify)/);
      }
    }
  });
  it("bot/ never imports botbuilder, zca-js, restify or adapters/", () => {
    for (const f of tsFiles("bot")) {
      for (const spec of imports(f)) {
        expect(spec, `${f} imports ${spec}`).not.toMatch(/^(botbuilder|zca-js|restify)|^(\.\.\/)+(adapters|scripts)\b/);
      }
    }
  });
  it("only adapters/teams imports botbuilder and only adapters/zalo imports zca-js", () => {
    for (const dir of ["adapters", "scripts"]) {
      for (const f of tsFiles(dir)) {
        for (const spec of imports(f)) {
          if (spec.startsWith("botbuilder")) expect(f).toMatch(/adapters\/teams\//);
          if (spec === "zca-js") expect(f).toMatch(/adapters\/zalo\//);
        }
      }
    }
  });
});
