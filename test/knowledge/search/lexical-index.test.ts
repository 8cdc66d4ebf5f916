import { describe, expect, it } from "vitest";
import { LexicalIndex, topK } from "../../../knowledge/search/lexical-index";

const sentences = [
  "Định kỳ 6 tháng (trước ngày 10/6), hàng năm (trước ngày 25/11) các đơn vị gửi báo cáo về Ủy ban nhân dân thị xã.",
  "Báo cáo 9 tháng gửi trước ngày 15/9.",
  "Phòng Văn hóa - Thông tin chỉ đạo Trung tâm Văn hóa - Truyền thông tăng thời lượng phát sóng.",
  "Tổ chức hội nghị sơ kết 6 tháng đầu năm.",
];

function build(): LexicalIndex {
  const ix = new LexicalIndex();
  for (const s of sentences) ix.add(s);
  ix.freeze();
  return ix;
}

describe("LexicalIndex (BM25 on syllables and bigrams)", () => {
  it("finds the sentence for a question typed without diacritics", () => {
    const hits = build().search("khi nao nop bao cao 6 thang", 3);
    expect(hits[0].doc).toBe(0);
  });

  it("numbers matter: 9 tháng finds the 9-month sentence", () => {
    expect(build().search("báo cáo 9 tháng", 1)[0].doc).toBe(1);
  });

  it("bigrams rank a phrase above scattered syllables", () => {
    const hits = build().search("văn hóa thông tin", 2);
    expect(hits[0].doc).toBe(2);
  });

  it("restricts to accepted documents", () => {
    const hits = build().search("báo cáo 6 tháng", 5, (d) => d >= 2);
    expect(hits.every((h) => h.doc >= 2)).toBe(true);
    expect(hits.map((h) => h.doc)).toContain(3);
  });

  it("unknown words score nothing; idf is higher for rarer terms", () => {
    const ix = build();
    expect(ix.search("điện thoại", 5)).toEqual([]);
    expect(ix.idf("truyen thong")).toBeGreaterThan(ix.idf("bao cao"));
    expect(() => ix.add("late")).toThrow(/freeze/);
  });

  it("keeps thousands of documents and terms (postings grown past their first buffers) in document order, before and after freeze", () => {
    const ix = new LexicalIndex();
    const n = 3000;
    for (let i = 0; i < n; i++) ix.add(`kế hoạch số ${i} ${i % 2 ? "báo cáo" : "họp"} tháng ${i % 12}`);
    expect(ix.docFreq("ke hoach")).toBe(n); // counted while building
    expect(ix.docFreq("bao cao")).toBe(n / 2);
    ix.freeze();
    expect(ix.docFreq("ke hoach")).toBe(n);
    expect(ix.docFreq("bao cao")).toBe(n / 2);
    expect(ix.search("kế hoạch số 2345", 1)[0].doc).toBe(2345);
    const snap = ix.snapshot();
    const postings = (t: string) => Array.from(snap.docs.subarray(snap.offsets[snap.terms.indexOf(t)], snap.offsets[snap.terms.indexOf(t) + 1]));
    expect(postings("bao cao")).toEqual(Array.from({ length: n / 2 }, (_, i) => 2 * i + 1));
    // Merged with new documents (and without old ones), it ranks as a fresh build of the same texts.
    const from = Int32Array.from({ length: n + 2 }, (_, i) => (i < n && i % 3 ? i : -1));
    const text = (i: number) => (i < n ? `kế hoạch số ${i} họp lại` : `kế hoạch bổ sung ${i}`);
    const merged = LexicalIndex.merge(ix, from, text);
    expect(merged.size).toBe(n + 2);
    expect(merged.search("kế hoạch bổ sung 3001", 1)[0].doc).toBe(3001);
    expect(merged.search("kế hoạch số 2345 báo cáo", 1)[0].doc).toBe(2345);
    expect(merged.docFreq("hop lai")).toBe(n / 3);
  });

  it("topK keeps the k best of many, best first", () => {
    const hits = Array.from({ length: 1000 }, (_, i) => ({ score: (i * 7919) % 1000 }));
    expect(topK(hits, 3).map((h) => h.score)).toEqual([999, 998, 997]);
  });
});
