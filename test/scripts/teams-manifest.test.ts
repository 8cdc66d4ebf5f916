// npm run teams:manifest as an operator runs it: only MicrosoftAppId is needed (the password and the
// tenant belong to the server, not to the package); the manifest uses the current schema (1.22).
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const tsx = join("node_modules", ".bin", "tsx");
const dir = mkdtempSync(join(tmpdir(), "tlkh-manifest-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BOT = "0b6f4a52-5c1e-4d3a-9f1e-2a7c9d8e1f00";
// No .env of the developer's leaks in: a clean environment with PATH only.
const baseEnv = { PATH: process.env.PATH ?? "", HOME: dir };

describe("npm run teams:manifest", () => {
  it("builds the package from MicrosoftAppId alone, with manifest schema 1.22", async () => {
    const out = join(dir, "app.zip");
    const { stdout } = await run(tsx, ["scripts/teams-manifest.ts", "--out", out], { env: { ...baseEnv, MicrosoftAppId: BOT, MicrosoftAppType: "SingleTenant", PUBLIC_BASE_URL: "https://bot.example.gov.vn" } });
    expect(stdout).toContain("Wrote");
    const zip = await JSZip.loadAsync(readFileSync(out));
    const manifest = JSON.parse((await zip.file("manifest.json")?.async("string")) ?? "{}");
    expect(manifest).toMatchObject({ manifestVersion: "1.22", id: BOT, validDomains: ["bot.example.gov.vn"] });
    expect(manifest.$schema).toBe("https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json");
  });

  it("says every problem at once, each with the variable or option to fix", async () => {
    const err = await run(tsx, ["scripts/teams-manifest.ts", "--out", join(dir, "x.zip"), "--version", "one"], { env: baseEnv }).catch((e: { code: number; stderr: string }) => e);
    expect("code" in err && err.code).toBe(2);
    const stderr = "stderr" in err ? String(err.stderr) : "";
    expect(stderr).toMatch(/set MicrosoftAppId/);
    expect(stderr).toMatch(/--version as X\.Y\.Z/);
    expect(stderr).not.toMatch(/MicrosoftAppPassword|MicrosoftAppTenantId/);
  });
});
