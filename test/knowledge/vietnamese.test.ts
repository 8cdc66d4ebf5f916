import { describe, expect, it } from "vitest";
import { fold, hasDiacritics, key, normaliseTones, syllables } from "../../knowledge/vietnamese";

describe("Vietnamese text helpers", () => {
  it("puts tone marks in one place for oa/oe/uy, keeping length", () => {
    expect(normaliseTones("UỶ BAN, Uỷ ban, hoà, khoẻ, thuỷ")).toBe("ỦY BAN, Ủy ban, hòa, khỏe, thủy");
    expect(normaliseTones("quý, toán, hoàn")).toBe("quý, toán, hoàn");
    const s = "Uỷ ban nhân dân";
    expect(normaliseTones(s)).toHaveLength(s.length);
  });

  it("treats decomposed (NFD) input like composed text", () => {
    expect(normaliseTones("Ủy ban".normalize("NFD"))).toBe("Ủy ban");
  });

  it("folds diacritics and đ", () => {
    expect(fold("Đồng Ủy ban nhân dân")).toBe("Dong Uy ban nhan dan");
    expect(key("  Phòng  Nội vụ ")).toBe("phong noi vu");
    expect(key("Uỷ ban")).toBe(key("ủy BAN"));
    expect(hasDiacritics("khi nao nop")).toBe(false);
    expect(hasDiacritics("khi nào")).toBe(true);
  });

  it("splits syllables and keeps dates and document numbers' digits together", () => {
    expect(syllables("Báo cáo trước ngày 10/6, số 4079/QĐ-UBND")).toEqual(["báo", "cáo", "trước", "ngày", "10/6", "số", "4079", "qđ", "ubnd"]);
  });
});
