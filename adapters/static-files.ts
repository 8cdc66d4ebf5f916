// The web page's three static files, read once at start (no build step).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

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
  return new Map(files.map(([route, file, contentType]) => [route, { contentType, body: readFileSync(join(PAGE_DIR, file)) }]));
}
