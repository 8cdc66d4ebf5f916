// The browser choice of launchBrowser(): CHROMIUM_PATH first, then the system's Chromium, then the
// one shipped in the npm package, which is launched here on every run (CHROMIUM_FROM_NPM=1 skips
// the system lookup) so that path stays tested on a machine that has Chromium installed.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chooseBrowser, systemChromium } from "./browser";

describe("chooseBrowser", () => {
  it("takes CHROMIUM_PATH first, then a Chromium on PATH, then the npm build", async () => {
    expect(await chooseBrowser({ CHROMIUM_PATH: "/opt/x/chrome", PATH: "/usr/bin" })).toMatchObject({ source: "CHROMIUM_PATH", executablePath: "/opt/x/chrome" });
    const dir = mkdtempSync(join(tmpdir(), "tlkh-path-"));
    try {
      writeFileSync(join(dir, "chromium-browser"), "");
      expect(systemChromium(`/nonexistent:${dir}`)).toBe(join(dir, "chromium-browser"));
      expect(await chooseBrowser({ PATH: dir })).toMatchObject({ source: "system", executablePath: join(dir, "chromium-browser") });
      const npm = await chooseBrowser({ PATH: dir, CHROMIUM_FROM_NPM: "1" });
      expect(npm.source).toBe("npm");
      expect(existsSync(npm.executablePath)).toBe(true);
      expect(await chooseBrowser({ PATH: "/nonexistent" })).toMatchObject({ source: "npm" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("launches the npm Chromium, which draws Vietnamese text with a real font", async () => {
    const choice = await chooseBrowser({ PATH: "/nonexistent", CHROMIUM_FROM_NPM: "1" });
    const browser = await chromium.launch({ executablePath: choice.executablePath, env: { ...(process.env as Record<string, string>), ...choice.env }, args: ["--no-sandbox", "--no-zygote", "--disable-gpu"] });
    try {
      const page = await browser.newPage({ viewport: { width: 600, height: 120 } });
      const span = (id: string, text: string) => `<span id="${id}" style="font: 24px sans-serif">${text}</span><br>`;
      await page.setContent(span("t", "Trợ lý Kế hoạch: báo cáo 6 tháng") + span("i", "ịịịịịịịị") + span("m", "ỚỚỚỚỚỚỚỚ"));
      // Without a font every glyph is the same empty box: with one, narrow and wide letters differ.
      const width = (id: string) => page.locator(`#${id}`).evaluate((el) => el.getBoundingClientRect().width);
      expect(await width("t")).toBeGreaterThan(200);
      expect(await width("m")).toBeGreaterThan(2 * (await width("i")));
      mkdirSync("test-output", { recursive: true });
      await page.screenshot({ path: "test-output/npm-chromium.png" });
      expect(browser.version()).toMatch(/^\d+\./);
    } finally {
      await browser.close();
    }
  });
});
