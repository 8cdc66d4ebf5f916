// Unit names and recipients in clauses.
import { describe, expect, it } from "vitest";
import { findRecipient } from "../../../knowledge/obligations/recipient";
import { headingUnit, unitListAt, unitsIn } from "../../../knowledge/obligations/units";

describe("unit names", () => {
  it("reads lists of units before the verb", () => {
    const s = "các phòng, ban, đơn vị thuộc Ủy ban nhân dân thị xã; Ủy ban nhân dân các phường, xã tổng hợp báo cáo";
    expect(unitsIn(s).map((u) => u.name)).toEqual(["các phòng, ban, đơn vị thuộc Ủy ban nhân dân thị xã", "Ủy ban nhân dân các phường, xã"]);
    expect(unitListAt("Ban Dân vận Tỉnh ủy và Ban cán sự đảng Ủy ban nhân dân tỉnh xây dựng kế hoạch", 0).map((u) => u.name)).toEqual([
      "Ban Dân vận Tỉnh ủy",
      "Ban cán sự đảng Ủy ban nhân dân tỉnh",
    ]);
  });
  it("reads one head shared by a list of names ('các Bộ: A; B; C'), in documents of several issuers", () => {
    // Ban Chỉ đạo của Chính phủ, CV 174/CV-BCĐ (2025).
    const bcd = "yêu cầu các Bộ: Nông nghiệp và Môi trường; Xây dựng; Khoa học và Công nghệ xây dựng phương án đề xuất điều chỉnh thẩm quyền";
    expect(unitsIn(bcd)[0].name).toBe("Bộ: Nông nghiệp và Môi trường; Xây dựng; Khoa học và Công nghệ");
    // UBND tỉnh Quảng Ngãi, QĐ 1622/QĐ-UBND (2025); Chính phủ, NQ 385/NQ-CP (2025).
    expect(unitsIn("Chánh Văn phòng; Giám đốc các Sở: Tài chính, Xây dựng, Nông nghiệp và Môi trường; Trưởng Thuế tỉnh; Chủ tịch Ủy ban nhân dân các xã").map((u) => u.name)).toContain(
      "Giám đốc các Sở: Tài chính, Xây dựng, Nông nghiệp và Môi trường",
    );
    expect(unitsIn("Bộ trưởng các Bộ: Xây dựng, Ngoại giao, Tư pháp, Quốc phòng, Công an, Tài chính, Công Thương và Thủ trưởng các cơ quan, đơn vị chịu trách nhiệm").map((u) => u.name)).toEqual([
      "Bộ trưởng các Bộ: Xây dựng, Ngoại giao, Tư pháp, Quốc phòng, Công an, Tài chính, Công Thương",
      "Thủ trưởng các cơ quan, đơn vị",
    ]);
  });
  it("keeps compound names and ends at a word that is not part of one", () => {
    expect(unitsIn("Phòng Công nghệ thông tin chủ trì")[0].name).toBe("Phòng Công nghệ thông tin");
    expect(unitsIn("báo cáo Giám đốc Sở tình hình vận hành")[0].name).toBe("Giám đốc Sở");
    expect(unitsIn("gửi Bộ Thông tin và Truyền thông trước ngày 15/6")[0].name).toBe("Bộ Thông tin và Truyền thông");
  });
  it("keeps fixed names that hold a verb, and reads councils, heads of villages and capitalised collectives", () => {
    expect(unitsIn("Bộ phận tiếp nhận và trả kết quả thực hiện khảo sát")[0].name).toBe("Bộ phận tiếp nhận và trả kết quả");
    expect(unitsIn("Hội đồng Thi đua - Khen thưởng thị xã tổ chức sơ kết")[0].name).toBe("Hội đồng Thi đua - Khen thưởng thị xã");
    expect(unitsIn("Trưởng các thôn kiểm tra các điểm xung yếu")[0].name).toBe("Trưởng các thôn");
    expect(headingUnit("Các Sở, ban, ngành tỉnh")).toBe("Các Sở, ban, ngành tỉnh");
    expect(unitsIn("Ban cán sự đảng Ủy ban nhân dân tỉnh cùng trao đổi")[0].name).toBe("Ban cán sự đảng Ủy ban nhân dân tỉnh");
    expect(unitsIn("Trung tâm Quan trắc tài nguyên và môi trường gửi kết quả")[0].name).toBe("Trung tâm Quan trắc tài nguyên và môi trường");
    expect(unitsIn("Phòng Nội vụ và các đơn vị báo cáo").map((u) => u.name)).toEqual(["Phòng Nội vụ", "các đơn vị"]);
    expect(unitsIn("Phòng Văn hóa, Khoa học và Thông tin: bảo đảm hạ tầng")[0].name).toBe("Phòng Văn hóa, Khoa học và Thông tin");
    expect(unitsIn("Phòng Nội vụ, Phòng Tư pháp báo cáo").map((u) => u.name)).toEqual(["Phòng Nội vụ", "Phòng Tư pháp"]);
    expect(unitListAt("Ủy ban Mặt trận Tổ quốc Việt Nam thị xã và các đoàn thể Phối hợp tuyên truyền", 0).map((u) => u.name)).toEqual([
      "Ủy ban Mặt trận Tổ quốc Việt Nam thị xã",
      "các đoàn thể",
    ]);
    expect(unitsIn("Ban hành kèm theo Quyết định này Kế hoạch")).toEqual([]);
    expect(unitsIn("Ban Tổ chức Huyện ủy hướng dẫn")[0].name).toBe("Ban Tổ chức Huyện ủy");
    // A committee's topic is part of its name, up to its place.
    expect(unitsIn("gửi Ban Chỉ đạo công tác dân vận thị xã và Phòng Nội vụ thị xã").map((u) => u.name)).toEqual(["Ban Chỉ đạo công tác dân vận thị xã", "Phòng Nội vụ thị xã"]);
    expect(unitsIn("Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn xã Hòa Tiến xây dựng")[0].name).toBe("Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn xã Hòa Tiến");
    expect(unitsIn("Ban Chỉ đạo họp định kỳ hằng quý")[0].name).toBe("Ban Chỉ đạo");
  });
  it("does not read a unit inside a document number", () => {
    expect(unitsIn("Chỉ thị số 03/CT-UBND ngày 24/01/2022").map((u) => u.name)).toEqual([]);
  });
  it("reads unit headings", () => {
    expect(headingUnit("Phòng Nội vụ")).toBe("Phòng Nội vụ");
    expect(headingUnit("Ban Dân vận Tỉnh ủy có trách nhiệm")).toBe("Ban Dân vận Tỉnh ủy");
    expect(headingUnit("Đề nghị Ban Dân vận Đảng ủy xã")).toBe("Ban Dân vận Đảng ủy xã");
    expect(headingUnit("Tư pháp xã")).toBe("Tư pháp xã");
    expect(headingUnit("Chế độ thông tin báo cáo")).toBeNull();
    expect(headingUnit("Tổ chức triển khai thực hiện các văn bản")).toBeNull();
  });
});

describe("recipients", () => {
  it("takes the unit after a sending verb, with its 'qua' part", () => {
    expect(findRecipient("tổng hợp báo cáo tình hình về Ủy ban nhân dân thị xã (qua phòng Nội vụ) để tổng hợp báo cáo Ban Thường vụ Thị ủy")?.name).toBe(
      "Ủy ban nhân dân thị xã (qua phòng Nội vụ)",
    );
    expect(findRecipient("báo cáo kết quả về Ban Dân vận Tỉnh ủy và Văn phòng Ủy ban nhân dân tỉnh.")?.name).toBe("Ban Dân vận Tỉnh ủy và Văn phòng Ủy ban nhân dân tỉnh");
    expect(findRecipient("Phối hợp cung cấp thông tin, số liệu cho UBND Thành phố để xây dựng báo cáo")?.name).toBe("UBND Thành phố");
  });
  it("does not take a topic or an adviser's principal for a recipient", () => {
    expect(findRecipient("tham mưu UBND xã tổng hợp báo cáo về công tác dân vận chính quyền định kỳ 6 tháng")).toBeNull();
    expect(findRecipient("trên cơ sở báo cáo của các phòng, ban để tổng hợp, báo cáo kết quả theo quy định")).toBeNull();
  });
});

describe("'Trường hợp' (in case) is no school (real sentences of HĐND Hà Nội and of the Government)", () => {
  it("finds no unit in 'Trường hợp ...' and still finds the units after it", () => {
    expect(unitsIn("Trường hợp sử dụng nguồn vốn đầu tư công, Thành phố ưu tiên bố trí nguồn vốn đầu tư công để đầu tư xây dựng hạ tầng theo Nghị quyết này.").map((u) => u.name)).toEqual([]);
    const names = unitsIn("a) Trường hợp hồ sơ chưa đầy đủ, chính xác theo quy định, cán bộ, công chức, viên chức, nhân viên tại Bộ phận Một cửa thông báo về việc tiếp nhận chính thức").map((u) => u.name);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^Bộ phận Một cửa/u);
    expect(unitsIn("Trường Đại học Tây Bắc phối hợp thực hiện.").map((u) => u.name)).toEqual(["Trường Đại học Tây Bắc"]);
  });
  it("reads a unit opened by 'Cơ quan' ('Cơ quan thuế có trách nhiệm ...', QĐ 95/2025 Nghệ An; QĐ 26/2025)", () => {
    expect(unitsIn("Cơ quan thuế có trách nhiệm thông báo cho Văn phòng đăng ký đất đai").map((u) => u.name)[0]).toBe("Cơ quan thuế");
  });
  it("ends a recipient's name at a deadline ('báo cáo Thủ tướng Chính phủ trước ngày 10 tháng 12', TB 659/2025 VPCP)", () => {
    expect(findRecipient("Bộ Tư pháp tổng hợp, báo cáo Thủ tướng Chính phủ trước ngày 10 tháng 12 năm 2025.")?.name).toBe("Thủ tướng Chính phủ");
  });
});

