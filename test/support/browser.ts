// The headless Chromium every browser test uses: `launchBrowser()`. Which binary, in order:
//  1. CHROMIUM_PATH, when set;
//  2. a Chromium installed on the machine (chromium, chromium-browser, google-chrome on PATH),
//     unless CHROMIUM_FROM_NPM=1;
//  3. the Chromium shipped inside the npm package @sparticuz/chromium (brotli files in the package,
//     no download), unpacked once into a folder under the temp dir with its own libraries and fonts.
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir, userInfo } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress } from "node:zlib";
import { chromium, type Browser, type LaunchOptions } from "playwright-core";
import { extract } from "tar-fs";

export interface BrowserChoice {
  source: "CHROMIUM_PATH" | "system" | "npm";
  executablePath: string;
  /** Extra environment for the browser process (the npm build's libraries and fonts). */
  env: Record<string, string>;
}

const SYSTEM_NAMES = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"];

/** The first of the system names found on PATH, or null. */
export function systemChromium(path = process.env.PATH ?? ""): string | null {
  for (const name of SYSTEM_NAMES) {
    for (const dir of path.split(delimiter)) {
      if (dir && existsSync(join(dir, name))) return join(dir, name);
    }
  }
  return null;
}

const require = createRequire(import.meta.url);

function npmPackage(): { version: string; bin: string } {
  // The package exports no package.json: walk up from its entry point.
  let dir = dirname(require.resolve("@sparticuz/chromium"));
  for (;;) {
    const file = join(dir, "package.json");
    const manifest = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { name?: string; version: string }) : null;
    if (manifest?.name === "@sparticuz/chromium") return { version: manifest.version, bin: join(dir, "bin") };
    if (dirname(dir) === dir) throw new Error("@sparticuz/chromium: package.json not found");
    dir = dirname(dir);
  }
}

/** Where the npm Chromium is unpacked: one folder per package version and OS user. */
export function npmChromiumDir(): string {
  return join(tmpdir(), `tlkh-chromium-${npmPackage().version}-${userInfo().uid}`);
}

/** The Vietnamese-capable TTF shipped with the npm Chromium, once unpacked (see ensureNpmFonts). */
export function npmFontFile(): string {
  return join(npmChromiumDir(), "fonts", "fonts", "Open_Sans", "OpenSans-Regular.ttf");
}

async function unbrotli(file: string, out: string, tar: boolean): Promise<void> {
  await pipeline(createReadStream(file), createBrotliDecompress(), tar ? extract(out) : createWriteStream(out, { mode: 0o755 }));
}

/**
 * Unpacks part of the npm Chromium into npmChromiumDir(). Each part is unpacked into a fresh folder
 * and renamed into place, so parallel test workers never see half a file.
 */
async function ensurePart(name: "chromium" | "al2023" | "fonts" | "swiftshader"): Promise<string> {
  const root = npmChromiumDir();
  const target = join(root, name);
  if (existsSync(target)) return target;
  mkdirSync(root, { recursive: true });
  const work = mkdtempSync(join(root, `.${name}-`));
  try {
    const { bin } = npmPackage();
    if (name === "chromium") await unbrotli(join(bin, "chromium.br"), join(work, "chromium"), false);
    else await unbrotli(join(bin, `${name}.tar.br`), join(work, name), true);
    try {
      renameSync(join(work, name), target);
    } catch (err) {
      if (!existsSync(target)) throw err; // another worker was first
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return target;
}

/** The npm Chromium's fonts (Open Sans, with Vietnamese glyphs), for the tests that embed a font. */
export async function ensureNpmFonts(): Promise<string> {
  await ensurePart("fonts");
  return npmFontFile();
}

async function ensureNpmChromium(): Promise<BrowserChoice> {
  const root = npmChromiumDir();
  const [executablePath, al2023, fonts, swiftshader] = await Promise.all([ensurePart("chromium"), ensurePart("al2023"), ensurePart("fonts"), ensurePart("swiftshader")]);
  const fontconfig = join(root, "fontconfig");
  if (!existsSync(join(fontconfig, "fonts.conf"))) {
    mkdirSync(fontconfig, { recursive: true });
    writeFileSync(
      join(fontconfig, "fonts.conf"),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(fonts, "fonts")}</dir>\n  <dir>/usr/share/fonts</dir>\n  <cachedir>${join(root, "fontconfig-cache")}</cachedir>\n</fontconfig>\n`,
    );
  }
  // The build carries NSS, NSPR and expat for Amazon Linux; with them only glibc is needed.
  const libs = [join(al2023, "lib"), swiftshader, process.env.LD_LIBRARY_PATH].filter(Boolean).join(":");
  return { source: "npm", executablePath, env: { LD_LIBRARY_PATH: libs, FONTCONFIG_PATH: fontconfig } };
}

/** Decides which Chromium the tests use (see the top of this file), unpacking the npm one if needed. */
export async function chooseBrowser(env: NodeJS.ProcessEnv = process.env): Promise<BrowserChoice> {
  if (env.CHROMIUM_PATH) return { source: "CHROMIUM_PATH", executablePath: env.CHROMIUM_PATH, env: {} };
  if (env.CHROMIUM_FROM_NPM !== "1") {
    const system = systemChromium(env.PATH);
    if (system) return { source: "system", executablePath: system, env: {} };
  }
  return ensureNpmChromium();
}

const ARGS = ["--no-sandbox", "--no-zygote", "--disable-background-networking", "--disable-gpu", "--disable-component-update", "--disable-sync", "--no-first-run"];

/** A headless Chromium for a test file; close it in afterAll. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const choice = await chooseBrowser();
  return chromium.launch({
    ...options,
    executablePath: choice.executablePath,
    env: { ...(process.env as Record<string, string>), ...choice.env, ...options.env },
    args: [...ARGS, ...(options.args ?? [])],
  });
}
