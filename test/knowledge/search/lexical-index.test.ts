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

  it("topK keeps the k best of many, best first", () => {
    const hits = Array.from({ length: 1000 }, (_, i) => ({ score: (i * 7919) % 1000 }));
    expect(topK(hits, 3).map((h) => h.score)).toEqual([999, 998, 997]);
  });
});
