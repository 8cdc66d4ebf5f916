// The web page's static files, read once at start (no build step), and its icon.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { colorIcon } from "./teams/manifest";

const PAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), "web", "page");

export interface StaticFile {
  contentType: string;
  body: Buffer;
}

export function loadPage(): Map<string, StaticFile> {
  const files: [string, string, string][] = [
    ["/", "index.html", "text/html; charset=utf-8"],
    ["/app.js", "app.js", "text/javascript; charset=utf-8"],
    ["/style.css", "style.css", "text/css; charset=utf-8"],
  ];
  const page = new Map<string, StaticFile>(files.map(([route, file, contentType]) => [route, { contentType, body: readFileSync(join(PAGE_DIR, file)) }]));
  // The app's icon (the Teams colour icon, a PNG) as the browser tab's icon.
  page.set("/favicon.ico", { contentType: "image/png", body: colorIcon() });
  return page;
}
