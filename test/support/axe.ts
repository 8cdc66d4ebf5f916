// axe-core in a page of the real browser: the serious and critical violations, one line each.
// The page's context must be opened with bypassCSP (the pages forbid inline scripts).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ["violations"] })`)) as { violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[] };
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}) ${JSON.stringify(v.nodes.slice(0, 2).map((n) => n.target))}`);
}
