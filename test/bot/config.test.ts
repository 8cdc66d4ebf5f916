import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, envSchema, loadConfig, nudgeOffsets } from "../../bot/config";

describe("config", () => {
  it("runs with no variables at all (the default mode needs nothing)", () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3978);
    expect(c.DATA_DIR).toBe("./data");
    expect(c.DATABASE_URL).toBeUndefined();
    expect(nudgeOffsets(c)).toEqual([7, 3, 1, 0, -1]);
  });

  it("names the variable and the fix when a value is wrong", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => loadConfig({ MicrosoftAppId: "abc", MicrosoftAppPassword: "x" })).toThrow(/MicrosoftAppTenantId/);
    expect(() => loadConfig({ MicrosoftAppId: "abc", MicrosoftAppTenantId: "t" })).toThrow(/MicrosoftAppPassword/);
    expect(() => loadConfig({ NUDGE_OFFSETS: "7,x" })).toThrow(ConfigError);
    expect(() => loadConfig({ ZALO_BOT_TOKEN: "t", ZALO_BOT_MODE: "webhook" })).toThrow(/ZALO_BOT_WEBHOOK_SECRET[\s\S]*ZALO_BOT_MODE=polling/);
    expect(() => loadConfig({ ZALO_BOT_MODE: "push" })).toThrow(/ZALO_BOT_MODE/);
    expect(loadConfig({ ZALO_BOT_TOKEN: "t" }).ZALO_BOT_MODE).toBe("polling");
  });

  it("documents every variable in .env.example and the README", () => {
    const example = readFileSync(".env.example", "utf8");
    const readme = readFileSync("README.md", "utf8");
    for (const name of Object.keys(envSchema.shape)) {
      expect(example, `.env.example lacks ${name}`).toMatch(new RegExp(`^#?\\s*${name}=`, "m"));
      expect(readme, `README lacks ${name}`).toContain(`\`${name}\``);
    }
  });
});
