// A TTF with Vietnamese glyphs for the tests that embed a font in a PDF: the machine's DejaVu or
// Liberation when installed, else Open Sans from the npm Chromium package (unpacked by the global
// setup, test/setup/global.ts). CHROMIUM_FROM_NPM=1 skips the machine's fonts as well as its Chromium.
import { existsSync } from "node:fs";
import { npmFontFile } from "./browser";

const SYSTEM_FONTS = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf"];

export function systemVietnameseFont(): string | null {
  if (process.env.CHROMIUM_FROM_NPM === "1") return null;
  return SYSTEM_FONTS.find((f) => existsSync(f)) ?? null;
}

export function vietnameseFontFile(): string | null {
  const npm = npmFontFile();
  return systemVietnameseFont() ?? (existsSync(npm) ? npm : null);
}
