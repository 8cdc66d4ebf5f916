// The search index saved between starts: loaded as is when the documents are the same, updated
// (not rebuilt) when some change, and in every case ranking exactly like an index built afresh.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LexicalIndex } from "../../../knowledge/search/lexical-index";
import { loadOrBuildLexical } from "../../../knowledge/search/lexical-store";
import { matchDocs, docHashes, readArrays, writeArrays } from "../../../knowledge/search/persist";

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "search-persist-"));
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const base = [
  "Định kỳ 6 tháng (trước ngày 10/6), hàng năm (trước ngày 25/11) các đơn vị gửi báo cáo về Ủy ban nhân dân thị xã.",
  "Báo cáo 9 tháng gửi trước ngày 15/9.",
  "Phòng Văn hóa - Thông tin chỉ đạo Trung tâm Văn hóa - Truyền thông tăng thời lượng phát sóng.",
  "Tổ chức hội nghị sơ kết 6 tháng đầu năm.",
  "Báo cáo 9 tháng gửi trước ngày 15/9.",
];
const QUERIES = ["khi nao nop bao cao 6 thang", "báo cáo 9 tháng", "văn hóa thông tin", "hội nghị sơ kết", "báo cáo quý gửi về đâu"];

function fresh(texts: string[]): LexicalIndex {
  const ix = new LexicalIndex();
  for (const t of texts) ix.add(t);
  ix.freeze();
  return ix;
}

function sameRanking(a: LexicalIndex, b: LexicalIndex): void {
  for (const q of QUERIES) {
    const x = a.search(q, 10);
    const y = b.search(q, 10);
    expect(y.map((h) => h.doc), q).toEqual(x.map((h) => h.doc));
    y.forEach((h, i) => expect(h.score).toBeCloseTo(x[i].score, 5));
  }
  expect(b.idf("bao cao")).toBeCloseTo(a.idf("bao cao"), 9);
}

describe("the saved lexical index", () => {
  it("is built and saved, then loaded without tokenising, ranking as before", () => {
    const dir = tempDir();
    const first = loadOrBuildLexical(base.length, (i) => base[i], dir);
    expect(first.origin).toBe("built");
    const again = loadOrBuildLexical(base.length, (i) => base[i], dir);
    expect(again.origin).toBe("loaded");
    sameRanking(fresh(base), again.index);
  });

  it("is updated when sentences change, is added or removed, and ranks like a fresh build", () => {
    const dir = tempDir();
    loadOrBuildLexical(base.length, (i) => base[i], dir);
    const changed = ["Báo cáo quý gửi về Phòng Nội vụ trước ngày 20 của tháng cuối quý.", base[0], base[2], base[3], base[4], "Một câu mới ở cuối."];
    const logs: string[] = [];
    const updated = loadOrBuildLexical(changed.length, (i) => changed[i], dir, (m) => logs.push(m));
    expect(updated.origin).toBe("updated");
    expect(logs.join("\n")).toMatch(/4 sentences kept, 2 added, 1 removed/);
    sameRanking(fresh(changed), updated.index);
    const reloaded = loadOrBuildLexical(changed.length, (i) => changed[i], dir);
    expect(reloaded.origin).toBe("loaded");
    sameRanking(fresh(changed), reloaded.index);
  });

  it("rebuilds from a damaged file instead of failing", () => {
    const dir = tempDir();
    loadOrBuildLexical(base.length, (i) => base[i], dir);
    writeFileSync(join(dir, "lexical.bin"), "garbage");
    const logs: string[] = [];
    const again = loadOrBuildLexical(base.length, (i) => base[i], dir, (m) => logs.push(m));
    expect(again.origin).toBe("built");
    expect(logs.join("\n")).toMatch(/could not be read/);
    sameRanking(fresh(base), again.index);
  });
});

describe("persist helpers", () => {
  it("matches each new document to an unused old one with the same content", () => {
    const old = docHashes(3, (i) => ["a", "b", "a"][i]);
    const now = docHashes(4, (i) => ["a", "a", "a", "c"][i]);
    expect([...matchDocs(old, now)]).toEqual([0, 2, -1, -1]);
  });

  it("writes typed arrays and reads them back", () => {
    const file = join(tempDir(), "x.bin");
    writeArrays(file, { a: Int32Array.from([1, -2, 3]), b: Uint16Array.from([7, 65535]), c: Uint8Array.from([9]) });
    const back = readArrays(file);
    expect([...back.a]).toEqual([1, -2, 3]);
    expect([...back.b]).toEqual([7, 65535]);
    expect([...back.c]).toEqual([9]);
  });
});
