// Two small plans written for these tests (not the eval plans): a district plan with dated
// reports and a commune plan that states periods without dates.
import type { Plan } from "../../../knowledge/types";
import { buildPlan } from "./plan-builder";

export function districtPlan(): Plan {
  return buildPlan(
    "xuantruong-2025",
    {
      title: "Kế hoạch cải cách hành chính năm 2025",
      issuer: "Ủy ban nhân dân huyện Xuân Trường",
      place: "Xuân Trường",
      date: "15/1/2025",
      period: { from: 2025, to: 2025 },
      signers: ["Trần Văn Bình"],
    },
    [
      { number: "I", title: "MỤC ĐÍCH, YÊU CẦU", sentences: ["Phấn đấu chỉ số cải cách hành chính của huyện năm 2025 đạt từ 85 điểm trở lên."] },
      { number: "II", title: "NHIỆM VỤ", sentences: [] },
      {
        number: "1",
        title: "Rà soát thủ tục hành chính",
        level: 2,
        sentences: ["Phòng Tư pháp chủ trì rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền của huyện, hoàn thành trước ngày 30/6/2025."],
      },
      { number: "III", title: "TỔ CHỨC THỰC HIỆN", sentences: [] },
      {
        number: "1",
        title: "Phòng Nội vụ",
        level: 2,
        sentences: ["Phòng Nội vụ theo dõi, đôn đốc và tham mưu Ủy ban nhân dân huyện tổng hợp kết quả cải cách hành chính."],
      },
      {
        number: "2",
        title: "Chế độ báo cáo",
        level: 2,
        sentences: [
          "Định kỳ hằng quý (trước ngày 15 của tháng cuối quý), 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 15/11), các cơ quan, đơn vị gửi báo cáo kết quả thực hiện về Ủy ban nhân dân huyện (qua Phòng Nội vụ).",
          "Văn phòng HĐND và UBND huyện tổ chức đối thoại giữa Chủ tịch Ủy ban nhân dân huyện với Nhân dân mỗi năm một lần.",
        ],
      },
    ],
    [
      {
        sentence: 1,
        responsible: ["Phòng Tư pháp"],
        schedule: [{ period: "once", due: { day: 30, month: 6, year: 2025, before: true, text: "trước ngày 30/6/2025" } }],
      },
      {
        sentence: 3,
        responsible: ["các cơ quan, đơn vị"],
        recipient: "Ủy ban nhân dân huyện (qua Phòng Nội vụ)",
        schedule: [
          { period: "quarterly", due: { day: 15, monthInPeriod: "last", before: true, text: "trước ngày 15 của tháng cuối quý" } },
          { period: "half_year", due: { day: 15, month: 6, before: true, text: "trước ngày 15/6" } },
          { period: "yearly", due: { day: 15, month: 11, before: true, text: "trước ngày 15/11" } },
        ],
      },
      { sentence: 4, responsible: ["Văn phòng HĐND và UBND huyện"], schedule: [{ period: "yearly", due: null }] },
    ],
  );
}

export function communePlan(): Plan {
  return buildPlan(
    "camquan-2024",
    {
      title: "Kế hoạch thực hiện công tác dân vận chính quyền năm 2024",
      issuer: "Ủy ban nhân dân xã Cẩm Quan",
      place: "Cẩm Quan",
      period: { from: 2024, to: 2024 },
      signers: ["Lê Thị Hoa"],
    },
    [
      {
        number: "I",
        title: "NỘI DUNG",
        sentences: ["Tổ chức 02 lớp tập huấn kỹ năng dân vận cho cán bộ, công chức xã trong quý III.", "Nâng cao chất lượng đội ngũ cán bộ, công chức xã làm công tác dân vận."],
      },
      { number: "II", title: "TỔ CHỨC THỰC HIỆN", sentences: [] },
      {
        number: "1",
        title: "Công chức Văn hóa - xã hội",
        level: 2,
        sentences: ["Định kỳ 6 tháng, năm, Công chức Văn hóa - xã hội tổng hợp báo cáo kết quả công tác dân vận chính quyền gửi Ủy ban nhân dân xã."],
      },
    ],
    [{ sentence: 2, responsible: ["Công chức Văn hóa - xã hội"], recipient: "Ủy ban nhân dân xã", schedule: [{ period: "half_year", due: null }, { period: "yearly", due: null }] }],
  );
}
