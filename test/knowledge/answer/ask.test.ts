// What a question asks, from questions officials typed about real documents.
import { describe, expect, it } from "vitest";
import { asksOf, strictDate } from "../../../knowledge/answer/ask";
import { understand } from "../../../knowledge/answer/question";

const asks = (q: string) => asksOf(understand(q));

describe("asks", () => {
  it.each([
    ["Hồ sơ đề nghị khen thưởng gửi về cơ quan nào, qua phòng nào?", "recipient"],
    ["Danh sách các trường hợp vi phạm thì gửi cho ai, hạn khi nào?", "recipient"],
    ["kien nghi cu tri cap bach thi tra loi trong bao lau", "duration"],
    ["Kết quả giải quyết kiến nghị gửi Báo và Đài PT-TH Nghệ An theo định kỳ nào?", "recurrence"],
    ["Kỳ họp thường lệ cuối năm 2025 của HĐND tỉnh khai mạc ngày nào?", "deadline"],
    ["Kế hoạch 47-KH/BCĐ được ký ban hành ngày nào?", "issued"],
    ["Ai ký ban hành Kế hoạch 47-KH/BCĐ?", "signer"],
    ["CV 174 gửi báo cáo qua hòm thư điện tử nào của Bộ Nội vụ?", "contact"],
    ["Báo cáo số liệu đấu thầu hàng tháng cập nhật qua hệ thống nào?", "method"],
    ["Mức hỗ trợ cho mỗi người chết, mất tích do lũ là bao nhiêu?", "money"],
    ["Kinh phí thực hiện kế hoạch lấy ở đâu?", "funding"],
    // Money only when "bao nhiêu"/"mấy" counts the amount, not units, days or the "giá" of "đánh giá".
    ["Phí thẩm định hồ sơ là bao nhiêu?", "money"],
    ["Tổng kinh phí của đề án dành bao nhiêu tỷ đồng?", "money"],
    ["Ai bố trí tiền cho mấy đơn vị trực thuộc thực hiện nhiệm vụ này?", "responsible"],
    ["Sở phải gửi báo cáo đánh giá trong mấy ngày kể từ khi nhận hồ sơ?", "duration"],
    ["Báo cáo giá thị trường hằng tháng gửi chậm nhất ngày mấy vậy?", "deadline"],
    ["Thanh tra xong thì thông báo kết quả cho vụ nào?", "recipient"],
    ["kinh phi to chuc hoi nghi tu nguon nao vay", "funding"],
    ["Where does the funding for this plan come from?", "funding"],
    ["Chi thi 012 yeu cau cat giam toi thieu bao nhieu phan tram thoi gian thuc hien TTHC", "quantity"],
    ["Những bộ nào phải xây dựng phương án điều chỉnh thẩm quyền?", "responsible"],
    ["Sở Tài chính tổng hợp báo cáo tháng về đấu thầu trước ngày nào?", "deadline"],
    ["When must year-end commendation dossiers reach the Department of Home Affairs?", "deadline"],
  ])("%s → %s", (q, ask) => {
    expect(asks(q)[0]).toBe(ask);
  });

  it("a combined question keeps its second ask", () => {
    expect(asks("Bộ GD&ĐT báo cáo tình hình trường lớp bị ngập lũ cho ai, hạn khi nào?")).toEqual(expect.arrayContaining(["recipient", "deadline"]));
  });

  it("'trước ngày nào' wants a date; 'khi nào' also takes a period", () => {
    expect(strictDate(understand("Chỉ thị 012 yêu cầu báo cáo kết quả thực hiện trước ngày nào?"))).toBe(true);
    expect(strictDate(understand("Hội nghị sơ kết tổ chức khi nào?"))).toBe(false);
  });
});
