import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { HashEmbedder, type Embedder } from "../../../knowledge/search/embedder";
import { reciprocalRankFusion } from "../../../knowledge/search/fusion";
import { SavedIndexMismatch } from "../../../knowledge/search/persist";
import { preloadGraph, VectorIndex } from "../../../knowledge/search/vector-index";

const texts = [
  "Định kỳ 6 tháng các đơn vị gửi báo cáo kết quả về Ủy ban nhân dân huyện.",
  "Phòng Tư pháp chủ trì rà soát thủ tục hành chính.",
  "Tổ chức đối thoại giữa Chủ tịch Ủy ban nhân dân xã với Nhân dân hằng năm.",
];
const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "vec-test-"));
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("HashEmbedder", () => {
  it("is deterministic, unit-length, and closer for related texts", async () => {
    const e = new HashEmbedder(256);
    const [a, b] = await e.embedDocuments(["bao cao 6 thang", "báo cáo 6 tháng"]);
    expect(a).toEqual(b);
    expect(Math.hypot(...a)).toBeCloseTo(1, 6);
    const dot = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i], 0);
    const q = e.embed("nộp báo cáo sáu tháng");
    expect(dot(q, e.embed(texts[0]))).toBeGreaterThan(dot(q, e.embed(texts[1])));
  });
});

describe("VectorIndex (hnswlib)", () => {
  // A graph is built for a semantic embedder; these tests ask for one with the hash embedder.
  it("finds the nearest sentence and honours a filter", async () => {
    const ix = await VectorIndex.build(texts, new HashEmbedder(), { graph: true });
    expect((await ix.search("rà soát thủ tục hành chính", 1))[0].doc).toBe(1);
    const filtered = await ix.search("rà soát thủ tục hành chính", 3, (d) => d !== 1);
    expect(filtered.map((h) => h.doc)).not.toContain(1);
  });

  it("saves the index with the embedder id, loads it back, and rebuilds when the embedder or texts change", async () => {
    const dir = tempDir();
    const logs: string[] = [];
    const log = (m: string) => logs.push(m);
    const first = await VectorIndex.build(texts, new HashEmbedder(256), { graph: true, indexDir: dir, log });
    expect(first.origin).toBe("built");
    const again = await VectorIndex.build(texts, new HashEmbedder(256), { graph: true, indexDir: dir, log });
    expect(again.origin).toBe("loaded");
    expect((await again.search("đối thoại với nhân dân", 1))[0].doc).toBe(2);
    const other = await VectorIndex.build(texts, new HashEmbedder(128), { graph: true, indexDir: dir, log });
    expect(other.origin).toBe("built");
    expect(logs.join("\n")).toMatch(/built by hash-v1-256; rebuilding for hash-v1-128/);
    const changed = await VectorIndex.build([texts[0], "Câu mới về báo cáo quý.", texts[2]], new HashEmbedder(128), { graph: true, indexDir: dir, log });
    expect(changed.origin).toBe("updated");
    expect(logs.join("\n")).toMatch(/updated: 1 sentences added, 1 removed/);
    expect((await changed.search("báo cáo quý", 1))[0].doc).toBe(1);
    expect((await changed.search("rà soát thủ tục hành chính", 3)).map((h) => h.doc)).not.toContain(3);
    const reloaded = await VectorIndex.build([texts[0], "Câu mới về báo cáo quý.", texts[2]], new HashEmbedder(128), { graph: true, indexDir: dir, log });
    expect(reloaded.origin).toBe("loaded");
    expect((await reloaded.searchRanges("đối thoại với nhân dân", 1, [[0, 3]]))[0].doc).toBe(2);
    // Most of the documents gone: a rebuild, not a graph full of deleted points.
    const other2 = await VectorIndex.build(["Một câu khác hẳn.", "Hai câu khác hẳn."], new HashEmbedder(128), { graph: true, indexDir: dir, log });
    expect(other2.origin).toBe("built");
  });

  it("takes a graph whose read was started early (preloadGraph), and rebuilds when that read fails", async () => {
    const dir = tempDir();
    expect(preloadGraph(dir), "nothing saved yet").toBeNull();
    await VectorIndex.build(texts, new HashEmbedder(256), { graph: true, indexDir: dir });
    const preloaded = preloadGraph(dir);
    expect(preloaded).not.toBeNull();
    const again = await VectorIndex.build(texts, new HashEmbedder(256), { graph: true, indexDir: dir, preloaded });
    expect(again.origin).toBe("loaded");
    expect((await again.search("đối thoại với nhân dân", 1))[0].doc).toBe(2);
    // A damaged graph file: the early read fails, and the index is built again instead.
    writeFileSync(join(dir, "sentences.hnsw"), "garbage");
    const logs: string[] = [];
    const rebuilt = await VectorIndex.build(texts, new HashEmbedder(256), { graph: true, indexDir: dir, preloaded: preloadGraph(dir), log: (m) => logs.push(m) });
    expect(rebuilt.origin).toBe("built");
    expect(logs.join("\n")).toMatch(/could not be read/);
    expect((await rebuilt.search("đối thoại với nhân dân", 1))[0].doc).toBe(2);
  });

  it("searches within plans from the saved rows as it does in memory, and rebuilds an index saved in the old format", async () => {
    const dir = tempDir();
    const logs: string[] = [];
    const more = [...texts, "Báo cáo quý gửi Phòng Nội vụ trước ngày 15 của tháng cuối quý.", "Hằng năm tổ chức hội nghị đối thoại."];
    const inMemory = await VectorIndex.build(more, new HashEmbedder());
    await VectorIndex.build(more, new HashEmbedder(), { indexDir: dir });
    const loaded = await VectorIndex.build(more, new HashEmbedder(), { indexDir: dir, log: (m) => logs.push(m) });
    expect(loaded.origin).toBe("loaded");
    for (const q of ["báo cáo quý", "đối thoại với nhân dân"]) {
      const ranges: [number, number][] = [
        [0, 2],
        [3, 5],
      ];
      expect(await loaded.searchRanges(q, 4, ranges)).toEqual(await inMemory.searchRanges(q, 4, ranges));
    }
    // Updated: the kept sentences' rows come from the old rows file, the new one's from the embedder.
    const changed = [more[4], "Câu mới về kiểm tra công vụ.", ...more.slice(0, 3)];
    const updated = await VectorIndex.build(changed, new HashEmbedder(), { indexDir: dir, log: (m) => logs.push(m) });
    expect(updated.origin).toBe("updated");
    const fresh = await VectorIndex.build(changed, new HashEmbedder());
    expect(await updated.searchRanges("kiểm tra công vụ", 5, [[0, 5]])).toEqual(await fresh.searchRanges("kiểm tra công vụ", 5, [[0, 5]]));
    // Saved only (an early start): what the folder holds is loaded, anything else is refused, never built.
    expect((await VectorIndex.build(changed, new HashEmbedder(), { indexDir: dir, savedOnly: true })).origin).toBe("loaded");
    await expect(VectorIndex.build(more, new HashEmbedder(), { indexDir: dir, savedOnly: true })).rejects.toThrow(SavedIndexMismatch);
    // A folder saved before the rows file (meta without a version): rebuilt, never a crash.
    const metaFile = join(dir, "sentences.json");
    const { version: _, ...old } = JSON.parse(readFileSync(metaFile, "utf8"));
    writeFileSync(metaFile, JSON.stringify(old));
    const rebuilt = await VectorIndex.build(changed, new HashEmbedder(), { indexDir: dir, log: (m) => logs.push(m) });
    expect(rebuilt.origin).toBe("built");
    expect(logs.join("\n")).toMatch(/could not be read/);
  });

  it("builds no graph for a lexical embedder: rows only, searched exactly, and a graph setting changed rebuilds", async () => {
    const dir = tempDir();
    const logs: string[] = [];
    const ix = await VectorIndex.build(texts, new HashEmbedder(), { indexDir: dir, log: (m) => logs.push(m) });
    expect(ix.hasGraph).toBe(false);
    expect(existsSync(join(dir, "sentences.hnsw"))).toBe(false);
    expect(preloadGraph(dir)).toBeNull();
    expect((await ix.search("rà soát thủ tục hành chính", 1))[0].doc).toBe(1);
    expect((await ix.search("rà soát thủ tục hành chính", 3, (d) => d !== 1)).map((h) => h.doc)).not.toContain(1);
    const again = await VectorIndex.build(texts, new HashEmbedder(), { indexDir: dir });
    expect([again.origin, again.hasGraph]).toEqual(["loaded", false]);
    const changed = await VectorIndex.build([texts[0], "Câu mới về báo cáo quý.", texts[2]], new HashEmbedder(), { indexDir: dir, log: (m) => logs.push(m) });
    expect(changed.origin).toBe("updated");
    expect((await changed.searchRanges("báo cáo quý", 1, [[0, 3]]))[0].doc).toBe(1);
    const graphed = await VectorIndex.build([texts[0], "Câu mới về báo cáo quý.", texts[2]], new HashEmbedder(), { indexDir: dir, graph: true, log: (m) => logs.push(m) });
    expect([graphed.origin, graphed.hasGraph]).toEqual(["built", true]);
    expect(logs.join("\n")).toMatch(/saved without a graph; rebuilding/);
    expect(existsSync(join(dir, "sentences.hnsw"))).toBe(true);
  });

  it("refuses an embedder whose vectors change size", async () => {
    let n = 0;
    const odd: Embedder = { id: "odd", embedQuery: async () => [1, 0], embedDocuments: async (t) => t.map(() => (n++ === 0 ? [1, 0] : [1, 0, 0])) };
    await expect(VectorIndex.build(["a", "b"], odd)).rejects.toThrow(/use one model/);
  });
});

describe("reciprocal rank fusion", () => {
  it("rewards items ranked well in both lists", () => {
    const fused = reciprocalRankFusion([
      ["a", "b", "c"],
      ["b", "c", "a"],
    ]);
    const order = [...fused].sort((x, y) => y[1] - x[1]).map(([k]) => k);
    expect(order[0]).toBe("b");
    expect(fused.get("a")).toBeCloseTo(1 / 61 + 1 / 63, 10);
  });
});
