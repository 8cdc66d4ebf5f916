import { describe, expect, it } from "vitest";
import { bigrams, normaliseNumber, searchTerms, tokenise } from "../../../knowledge/search/tokens";

describe("search tokens", () => {
  it("folds diacritics so typing without them finds the same syllables", () => {
    expect(tokenise("khi nào nộp báo cáo 6 tháng").seq).toEqual(tokenise("khi nao nop bao cao 6 thang").seq);
  });

  it("keeps the marked forms apart for questions typed with diacritics", () => {
    expect(tokenise("báo cáo quý").marked).toEqual(["báo", "cáo", "quý"]);
    expect(tokenise("bao cao quy").marked).toEqual([]);
  });

  it("drops leading zeros and splits dates into parts", () => {
    expect(normaliseNumber("06")).toBe("6");
    expect(normaliseNumber("10/06")).toBe("10/6");
    const t = tokenise("có hiệu lực từ 01/7/2023, 06 tháng");
    expect(t.seq).toContain("1/7/2023");
    expect(t.seq).toContain("6");
    expect(t.extras).toEqual(expect.arrayContaining(["1/7", "2023"]));
  });

  it("expands abbreviations into plan words and keeps the abbreviation", () => {
    const t = tokenise("UBND tỉnh, bc cchc");
    expect(t.seq).toEqual(["uy", "ban", "nhan", "dan", "tinh", "bao", "cao", "cai", "cach", "hanh", "chinh"]);
    expect(t.extras).toEqual(["ubnd", "bc", "cchc"]);
  });

  it("makes syllable bigrams, and tone placements agree (Uỷ/Ủy)", () => {
    expect(bigrams(["bao", "cao", "6"])).toEqual(["bao cao", "cao 6"]);
    expect(searchTerms("Uỷ ban")).toEqual(searchTerms("Ủy ban"));
  });
});
