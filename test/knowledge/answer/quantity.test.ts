import { describe, expect, it } from "vitest";
import { understand } from "../../../knowledge/answer/question";
import { framingTerms, holdsQuantity, quantityClause, quantityKind } from "../../../knowledge/answer/quantity";

const kindOf = (q: string) => quantityKind(understand(q));

describe("what a 'how many / how much' question wants", () => {
  it.each([
    ["Tổ chức mấy lớp tập huấn?", { unit: "lop" }],
    ["Ban Thanh tra nhân dân có bao nhiêu thành viên?", { unit: "thanh" }],
    ["Niêm yết bao nhiêu ngày?", { unit: "ngay" }],
    ["Tỷ lệ hồ sơ trực tuyến đạt bao nhiêu phần trăm?", { kind: "percent" }],
    ["Lệ phí nộp hồ sơ là bao nhiêu?", { kind: "money" }],
    ["Mức lương của công chức là bao nhiêu?", { kind: "money" }],
    ["So dien thoai duong day nong la bao nhieu", { kind: "phone" }],
    ["Chỉ số hài lòng phải đạt bao nhiêu?", { kind: "any" }],
  ])("%s", (q, want) => {
    expect(kindOf(q)).toEqual(want);
  });

  it("asks for nothing when the question has no 'bao nhiêu/mấy'", () => {
    expect(kindOf("Báo cáo gửi về đâu?")).toBeNull();
  });

  it("'chất lượng' is not money though 'lượng' folds like 'lương'", () => {
    expect(kindOf("Chất lượng hồ sơ đạt bao nhiêu?")).toEqual({ kind: "any" });
  });
});

describe("whether a sentence holds the number asked", () => {
  const has = (q: string, s: string) => holdsQuantity(understand(q), kindOf(q)!, s);

  it("a counted thing needs a number before that word", () => {
    expect(has("Tổ chức mấy lớp tập huấn?", "Tổ chức 03 lớp tập huấn kỹ năng số.")).toBe(true);
    expect(has("Phân công bao nhiêu lãnh đạo?", "Mỗi đơn vị phân công 01 đồng chí lãnh đạo phụ trách.")).toBe(true);
    expect(has("Tổ chức mấy lớp tập huấn?", "Tổ chức lớp tập huấn trong quý III năm 2025.")).toBe(false);
  });

  it("money, phone numbers and percents have their own shapes", () => {
    expect(has("Lệ phí là bao nhiêu?", "100% hồ sơ được tiếp nhận qua bộ phận một cửa.")).toBe(false);
    expect(has("Lệ phí là bao nhiêu?", "Lệ phí cấp bản sao là 5.000 đồng/bản.")).toBe(true);
    expect(has("Số điện thoại đường dây nóng là bao nhiêu?", "Tiếp nhận phản ánh qua đường dây nóng và hộp thư điện tử.")).toBe(false);
    expect(has("Số điện thoại đường dây nóng là bao nhiêu?", "Đường dây nóng: 0263 3843 115.")).toBe(true);
    expect(has("Tỷ lệ đạt bao nhiêu phần trăm?", "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 60%.")).toBe(true);
  });

  it("numbers the question itself gives do not answer it", () => {
    expect(has("Năm 2025 chỉ số đạt bao nhiêu?", "Kế hoạch năm 2025 của huyện.")).toBe(false);
  });

  it("quotes the clause that holds the number", () => {
    const q = understand("Tổ chức mấy hội nghị phổ biến pháp luật?");
    const s = "Phòng Tư pháp chủ trì tuyên truyền pháp luật trên các phương tiện thông tin đại chúng; tổ chức ít nhất 02 hội nghị phổ biến pháp luật cho cán bộ, công chức trong năm.";
    expect(quantityClause(q, quantityKind(q)!, s)).toBe("tổ chức ít nhất 02 hội nghị phổ biến pháp luật cho cán bộ");
  });

  it("'tỷ lệ ... đạt' only frames a percent question", () => {
    expect(framingTerms(understand("Tỷ lệ văn bản ký số đạt bao nhiêu?")).has("ty")).toBe(true);
    expect(framingTerms(understand("Tổ chức mấy lớp?")).size).toBe(0);
  });
});
