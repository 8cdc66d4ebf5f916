// Schedules: each period a clause states, with the due date that belongs to it.
import { describe, expect, it } from "vitest";
import { clauseSchedule } from "../../../knowledge/obligations/schedule";
import { formatDue } from "../../../knowledge/occurrences";

const sched = (s: string) => clauseSchedule(s).items.map((i) => `${i.period}${i.due ? `@${formatDue(i.due)}` : ""}`);

describe("clauseSchedule", () => {
  it("gives each period its own date", () => {
    expect(sched("Định kỳ 6 tháng (trước ngày 10/6), hàng năm (trước ngày 25/11) hoặc đột xuất, các phòng báo cáo")).toEqual(["half_year@10/6", "yearly@25/11", "ad_hoc"]);
  });
  it("reads period lists with a bare 'năm' or 'quý'", () => {
    expect(sched("Định kỳ 6 tháng, năm trên cơ sở báo cáo")).toEqual(["half_year", "yearly"]);
    expect(sched("Định kỳ hàng quý, 6 tháng và năm báo cáo kết quả")).toEqual(["quarterly", "half_year", "yearly"]);
    expect(sched("tổng hợp báo cáo định kỳ 6 tháng, một năm hoặc đột xuất")).toEqual(["half_year", "yearly", "ad_hoc"]);
    expect(sched("Định kỳ 6 tháng và cuối năm xây dựng kế hoạch kiểm tra")).toEqual(["half_year", "yearly"]);
  });
  it("does not take a year for a recurrence", () => {
    expect(sched("thực hiện các nhiệm vụ đề ra trong năm 2024")).toEqual([]);
    expect(sched("báo cáo 6 tháng, năm 2023 gửi về")).toEqual(["half_year"]);
  });
  it("reads monthly, quarterly, nine-month and multi-year forms", () => {
    expect(sched("báo cáo tháng trước ngày 20 hằng tháng")).toEqual(["monthly@20"]);
    expect(sched("báo cáo quý trước ngày 15 của tháng cuối quý")).toEqual(["quarterly@15"]);
    expect(sched("báo cáo 9 tháng trước ngày 15/9")).toEqual(["nine_months@15/9"]);
    expect(sched("tổng kết 05 năm thực hiện")).toEqual(["multi_year"]);
    expect(sched("định kỳ hằng tháng (trước ngày 25) báo cáo")).toEqual(["monthly@25"]);
    expect(sched("báo cáo trước ngày 10 tháng 12 hằng năm")).toEqual(["yearly@10/12"]);
  });
  it("makes a one-off of a dated task and of a summary for a stated year", () => {
    expect(sched("gửi về Phòng Nội vụ trước ngày 31/01/2025")).toEqual(["once@31/1/2025"]);
    expect(sched("Chủ trì xây dựng báo cáo kết quả năm 2023")).toEqual(["once"]);
    expect(sched("tổ chức tổng kết Chương trình phối hợp giai đoạn 2022-2026")).toEqual(["once"]);
  });
  it("never takes a citation's date for a deadline", () => {
    expect(sched("Thực hiện Chỉ thị số 03/CT-UBND ngày 24/01/2022 của UBND tỉnh, báo cáo 6 tháng")).toEqual(["half_year"]);
  });
  it("gives a date the period in brackets right after it", () => {
    expect(sched("báo cáo về Sở Nội vụ trước ngày 15/6 (báo cáo 6 tháng) và trước ngày 15/11 (báo cáo năm)")).toEqual(["half_year@15/6", "yearly@15/11"]);
  });
  it("keeps a month or quarter without a day as a one-off with no date, or as the time of the period before it", () => {
    expect(sched("nạo vét kênh mương, hoàn thành trong tháng 8/2025")).toEqual(["once"]);
    expect(sched("tổ chức tổng kết vào quý IV/2025")).toEqual(["once"]);
    expect(sched("tổ chức sơ kết 6 tháng vào tháng 7/2025")).toEqual(["half_year"]);
    expect(sched("tổng kết năm vào tháng 12/2025")).toEqual(["yearly"]);
    expect(sched("báo cáo tổng kết năm trước ngày 15 tháng 11 hằng năm")).toEqual(["yearly@15/11"]);
  });
  it("pairs a list of dates with the list of periods before it", () => {
    expect(sched("Định kỳ 6 tháng, năm báo cáo kết quả thực hiện Chỉ thị này về Ủy ban nhân dân tỉnh trước ngày 10/6 và 10/12")).toEqual(["half_year@10/6", "yearly@10/12"]);
  });
  it("keeps a time limit in working days or hours as a rule, in the forms of several issuers", () => {
    // QĐ 95/2025 Nghệ An, QĐ 137/2025 Đồng Tháp, TT 110/2025 Bộ Tài chính, HD 45 Ban Tổ chức TW.
    expect(sched("Cơ quan thuế có trách nhiệm thông báo trong thời gian 03 ngày làm việc (24 giờ làm việc) kể từ khi nhận được chứng từ")).toEqual(["ad_hoc"]);
    expect(sched("Trong thời hạn không quá 03 ngày làm việc kể từ khi nhận được văn bản, Văn phòng đăng ký đất đai thông báo")).toEqual(["ad_hoc"]);
    expect(sched("cửa hàng gửi thông báo không muộn hơn 08 giờ làm việc trước thời điểm dừng bán hàng")).toEqual(["ad_hoc"]);
    expect(sched("trong thời hạn 24 giờ tính từ thời điểm nhận được tiền phí, tổ chức thu phí gửi vào tài khoản")).toEqual(["ad_hoc"]);
    // NĐ 297/2025 Chính phủ; QĐ 2776/2025 (công bố thủ tục hành chính): working days need no "kể từ".
    expect(sched("Cấp Giấy chứng nhận đăng ký hộ kinh doanh không quá 03 ngày làm việc;")).toEqual(["ad_hoc"]);
    // At once, when something happens (QĐ 211/2025 Hải Phòng, QĐ 36/2025 Quảng Trị); not "ngay cả", "ngay trên", "không phải ngay".
    expect(sched("Khi phát hiện sai sót, người thực hiện cập nhật báo cáo ngay cho người đứng đầu")).toEqual(["ad_hoc"]);
    expect(sched("Khi xảy ra sự cố, tai nạn điện phải áp dụng ngay các biện pháp để khắc phục")).toEqual(["ad_hoc"]);
    expect(sched("khôi phục cung cấp điện cho sản xuất, sinh hoạt ngay sau lũ")).toEqual(["ad_hoc"]);
    // With no event it is urgency, as "khẩn trương" is (CV 174 Ban Chỉ đạo: "nội dung cần thực hiện ngay").
    expect(sched("một số nội dung trọng tâm cần thực hiện ngay")).toEqual([]);
    expect(sched("ngay cả khi không được đề nghị, các sở vẫn rà soát")).toEqual([]);
    expect(sched("có thể xử lý nhanh chóng nhưng không phải ngay lập tức")).toEqual([]);
    expect(sched("người dùng soạn tin nhắn ngay trên đồng hồ")).toEqual([]);
    // Without marks "ngay" may be "ngày": no rule is read from it.
    expect(sched("bao cao ngay cho lanh dao")).toEqual([]);
    // An hour of the day is not a limit, nor the length of an event.
    expect(sched("tổ chức họp lúc 8 giờ sáng thứ Hai")).toEqual([]);
    expect(sched("Hội nghị tổ chức trong 02 ngày.")).toEqual([]);
  });
});
