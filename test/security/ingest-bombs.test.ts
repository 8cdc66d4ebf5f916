// Ingest bombs: a .docx that decompresses to far more than a plan, an oversized file, a sparse
// 1.9 GB file and a FIFO in PLANS_DIR are each refused quickly, by name, without the server's
// memory growing; a parse that runs too long or needs too much memory is stopped by its limits.
import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import JSZip from "jszip";
import { afterAll, describe, expect, it } from "vitest";
import { ingestFiles } from "../../bot/plans/ingest-files";
import { openDb } from "../../bot/storage/open-db";
import { hashPlanFile, loadPlanFileGuarded } from "../../knowledge/load/guard";

const dir = mkdtempSync(join(tmpdir(), "tlkh-bombs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function docxBomb(file: string): Promise<number> {
  // 64 MB of one repeated run inside document.xml: about 64 KB on disk.
  const body = Buffer.alloc(64 * 1024 * 1024, "<w:p><w:r><w:t>Kế hoạch</w:t></w:r></w:p>");
  const zip = new JSZip();
  zip.file("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file("word/document.xml", body, { compression: "DEFLATE", compressionOptions: { level: 1 } });
  const data = await zip.generateAsync({ type: "nodebuffer" });
  writeFileSync(file, data);
  return data.length;
}

describe("plan files that would exhaust the server", () => {
  it("refuses the .docx bomb, the oversized file, the sparse file and the FIFO quickly, and loads the real plan", async () => {
    expect(deflateRawSync(Buffer.alloc(10)).length).toBeGreaterThan(0);
    const bombBytes = await docxBomb(join(dir, "bomb.docx"));
    expect(bombBytes).toBeLessThan(1024 * 1024);
    const big = join(dir, "big.pdf");
    closeSync(openSync(big, "w"));
    truncateSync(big, 25 * 1024 * 1024);
    const sparse = join(dir, "sparse.txt");
    closeSync(openSync(sparse, "w"));
    truncateSync(sparse, 1900 * 1024 * 1024); // 1.9 GB, no blocks on disk
    execFileSync("mkfifo", [join(dir, "fifo.txt")]);
    writeFileSync(join(dir, "text-heavy.txt"), "Kế hoạch 2026. ".repeat(400_000)); // 6.4 MB of text
    execFileSync("cp", ["knowledge/sample-plans/honglinh-2023.txt", join(dir, "honglinh-2023.txt")]);

    const db = await openDb({ dataDir: "memory" });
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    try {
      const out = await ingestFiles(db, [dir], { load: (f) => loadPlanFileGuarded(f), now: new Date("2026-03-01T00:00:00Z") });
      const elapsed = Date.now() - started;
      const by = Object.fromEntries(out.map((r) => [r.file.split("/").pop(), r]));
      expect(by["bomb.docx"]).toMatchObject({ status: "error" });
      expect(by["bomb.docx"].reason).toMatch(/decompress to \d+ MB/);
      expect(by["big.pdf"].reason).toMatch(/too large/);
      expect(by["sparse.txt"].reason).toMatch(/too large/);
      expect(by["text-heavy.txt"].reason).toMatch(/too large/);
      expect(by["fifo.txt"].reason).toMatch(/not a regular file \(a FIFO\)/);
      expect(by["honglinh-2023.txt"].status).toBe("ingested");
      const grew = (process.memoryUsage().rss - rssBefore) / 1048576;
      console.log(`ingest bombs: ${out.length} files in ${elapsed} ms, server RSS grew ${grew.toFixed(0)} MB`);
      expect(elapsed).toBeLessThan(60_000); // 7 s on an idle machine; most of it is the real plan
      expect(grew).toBeLessThan(300);
    } finally {
      await db.close();
    }
  }, 300_000);

  it("a parse over its time limit or its memory cap is stopped and the file refused", async () => {
    const plan = "knowledge/sample-plans/honglinh-2023.txt";
    await expect(loadPlanFileGuarded(plan, { timeoutMs: 1 })).rejects.toThrow(/longer than 0 s|took longer/);
    await expect(loadPlanFileGuarded(plan, { memoryMb: 4 })).rejects.toThrow(/more than 4 MB of memory/);
    const ok = await loadPlanFileGuarded(plan);
    expect(ok.obligations.length).toBeGreaterThan(3);
    expect(await hashPlanFile(plan)).toBe(ok.sha256);
  }, 120_000);
});
