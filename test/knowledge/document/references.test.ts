// Documents named by kind and number, as officials write them in questions (from the real sets).
import { describe, expect, it } from "vitest";
import { documentReferences, kindOfNumber, leadingNumber } from "../../../knowledge/document/references";

describe("document references", () => {
  it("reads the kind and number of a document named in a question, with or without marks, codes or words", () => {
    expect(documentReferences("Theo KH 1026 của Nghệ An, kết quả báo cáo về đâu?")).toEqual([{ kind: "Kế hoạch", number: "1026" }]);
    expect(documentReferences("chi thi 010 dak lak bao cao quy gui so tai chinh")).toEqual([{ kind: "Chỉ thị", number: "10" }]);
    expect(documentReferences("Theo CV 174/CV-BCĐ, các Bộ phải ban hành")).toEqual([{ kind: "Công văn", number: "174" }]);
    expect(documentReferences("Bc thiệt hại nhà ở theo CĐ 232")).toEqual([{ kind: "Công điện", number: "232" }]);
    expect(documentReferences("Kế hoạch 47-KH/BCĐ được ký ngày nào?")).toEqual([{ kind: "Kế hoạch", number: "47" }]);
    expect(documentReferences("văn bản số 3280/UBND-VX")).toEqual([{ kind: null, number: "3280" }]);
    expect(documentReferences("NQ 66 và NQ 140")).toEqual([
      { kind: "Nghị quyết", number: "66" },
      { kind: "Nghị quyết", number: "140" },
    ]);
  });

  it("a report period, a quantity or a decimal is not a document number", () => {
    expect(documentReferences("bc 6 thang nop khi nao")).toEqual([]);
    expect(documentReferences("báo cáo 6 tháng")).toEqual([]);
    expect(documentReferences("TT 30 ngày")).toEqual([]);
    expect(documentReferences("Nghị quyết 66.4 về thủ tục")).toEqual([]);
    expect(documentReferences("kế hoạch năm 2025")).toEqual([]);
  });

  it("a document's own number and symbol give its kind and leading number", () => {
    expect(kindOfNumber("86/2025/QĐ-UBND")).toBe("Quyết định");
    expect(kindOfNumber("2539/UBND-SNV")).toBe("Công văn");
    expect(kindOfNumber("47-KH/BCĐ")).toBe("Kế hoạch");
    expect(leadingNumber("012/CT-UBND")).toBe("12");
    expect(leadingNumber("V/v báo cáo")).toBeNull();
  });
});
