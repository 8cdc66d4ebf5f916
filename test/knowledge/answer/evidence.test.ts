// The evidence readers on sentences of real documents (eval/own/dev, ../shared/eval/real): each
// finds its kind of fact, and does not find it where the sentence has none.
import { describe, expect, it } from "vitest";
import { annex, contact, dayRule, deadlineDate, duration, email, funding, method, money, periodWords, person, quantity, recipient, timeWords, unitHead } from "../../../knowledge/answer/evidence";

describe("deadlines", () => {
  it("a date in the role of a deadline, not the date of a cited document", () => {
    expect(deadlineDate("gửi hồ sơ đề nghị khen thưởng đến Sở Nội vụ (qua Phòng Thi đua, khen thưởng) trước ngày 10/12 hằng năm.")?.text).toBe("trước ngày 10/12");
    const cited = deadlineDate("Thực hiện Chỉ thị số 32/CT-TTg ngày 21/10/2025 của Thủ tướng Chính phủ về tăng cường công tác bảo vệ bí mật nhà nước");
    expect(cited).toBeNull();
    const both = deadlineDate("Ngày 28 tháng 10 năm 2025, Chủ tịch Ủy ban nhân dân Thành phố đã ban hành Công văn số 3280/UBND-VX yêu cầu hoàn thành trước ngày 30 tháng 10 năm 2025");
    expect(both?.text).toContain("trước ngày 30 tháng 10 năm 2025");
  });

  it("a rule with a day, a month or year, a span of days, a period without a date", () => {
    expect(dayRule("Các sở, ngành, UBND xã, phường báo cáo kết quả thực hiện trước ngày 15 hằng tháng")?.text).toContain("15 hằng tháng");
    expect(dayRule("báo cáo Ban Chỉ đạo (qua Ban Tổ chức Trung ương) trước 15 giờ ngày thứ 4 hằng tuần")?.text).toContain("thứ 4 hằng tuần");
    expect(dayRule("Báo cáo quý gửi chậm nhất vào ngày 10 của quý tiếp theo")?.text).toContain("10 của quý");
    // "Điều 4 của Quyết định" is no day of a quarter ("quyết" folds to a word starting "quy").
    expect(dayRule("Đối với trường hợp quy định tại khoản 2 Điều 4 của Quyết định này: doanh nghiệp gửi thông báo")).toBeNull();
    expect(timeWords("Thời gian thực hiện: Hoàn thành trong năm 2025.")?.text).toBe("trong năm 2025");
    expect(duration("Chậm nhất trong 20 ngày làm việc, kể từ ngày nhận được kiến nghị, các cơ quan, đơn vị phải có trách nhiệm trả lời")?.text).toContain("20 ngày làm việc");
    expect(periodWords("Hằng năm hoặc đột xuất báo cáo kết quả thực hiện về Bộ Công an để tổng hợp")?.text).toBe("Hằng năm hoặc đột xuất");
    // The "28 tháng" of a date is no period; a span of months is.
    expect(periodWords("Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình ngày 28 tháng 10 năm 2025")).toBeNull();
    expect(periodWords("Sơ kết 6 tháng đầu năm, báo cáo Ủy ban nhân dân huyện")?.text).toBe("6 tháng đầu năm");
    expect(dayRule("Bảo đảm tuyệt đối về an toàn thông tin, an ninh mạng")).toBeNull();
  });
});

describe("units", () => {
  it("the recipient after a send verb, with the route in brackets", () => {
    expect(recipient("gửi hồ sơ đề nghị khen thưởng đến Sở Nội vụ (qua Phòng Thi đua, khen thưởng) trước ngày 10/12 hằng năm.")?.text).toBe("Sở Nội vụ (qua Phòng Thi đua, khen thưởng)");
    expect(recipient("Bộ Giáo dục và Đào tạo báo cáo Thủ tướng Chính phủ trước ngày 30/11/2025")?.text).toBe("Thủ tướng Chính phủ");
    expect(recipient("Tăng cường công tác tuyên truyền, phổ biến pháp luật")).toBeNull();
  });

  it("the doer at the head of the sentence or after 'chủ trì:', never a capitalised verb", () => {
    expect(unitHead("Đơn vị chủ trì: Sở Khoa học và Công nghệ.")?.text).toBe("Sở Khoa học và Công nghệ");
    expect(unitHead("Văn phòng Chính phủ theo dõi, đôn đốc việc thực hiện Công điện này")?.text).toBe("Văn phòng Chính phủ");
    expect(unitHead("Hướng dẫn, theo dõi tiến độ và đánh giá chất lượng cập nhật dữ liệu cán bộ")).toBeNull();
  });
});

describe("other facts", () => {
  it("addresses, forms, methods, amounts, numbers and names", () => {
    expect(contact("truy cập địa chỉ https://csdlcbccvc.tphcm.gov.vn để cập nhật")?.text).toBe("https://csdlcbccvc.tphcm.gov.vn");
    expect(email("gửi về địa chỉ thư điện tử: phongtdkt@snv.bacninh.gov.vn trước ngày")?.text).toBe("phongtdkt@snv.bacninh.gov.vn");
    expect(email("gửi về Sở Nội vụ bằng văn bản")).toBeNull();
    expect(annex("theo Đề cương báo cáo tại Phụ lục II kèm theo")).not.toBeNull();
    expect(method("cập nhật số liệu qua Hệ thống mạng đấu thầu quốc gia")?.text).toContain("Hệ thống mạng đấu thầu quốc gia");
    expect(money("hỗ trợ 5.000.000 đồng/người")?.text).toContain("5.000.000 đồng");
    expect(money("cắt giảm tối thiểu 30% thời gian")).toBeNull();
    // Real sentences of two issuers (Thủ tướng Chính phủ, QĐ 2623; a provincial plan's "Kinh phí thực hiện").
    expect(funding("Kế hoạch này được bố trí từ nguồn ngân sách nhà nước hằng năm của các bộ, cơ quan, đơn vị, địa phương")?.text).toContain("từ nguồn ngân sách nhà nước hằng năm");
    expect(funding("Kinh phí thực hiện được bảo đảm từ nguồn xã hội hóa và các nguồn hợp pháp khác")?.text).toContain("nguồn xã hội hóa");
    expect(funding("Sở Tài chính tổng hợp báo cáo UBND tỉnh trước ngày 15/12")).toBeNull();
    expect(quantity("đảm bảo cắt giảm tối thiểu 30% thời gian thực hiện TTHC")?.text).toContain("30%");
    expect(person("Ngày 14/4/2025, đồng chí Lê Minh Hưng, Trưởng Ban Tổ chức Trung ương đã ký ban hành")?.text).toBe("Lê Minh Hưng");
  });
});
