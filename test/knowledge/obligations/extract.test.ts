// Extraction rules on small plans written for each case: unit labels, closing words, elliptic
// recipients, task tables, labelled lines under an item, subjects after a topic, months and quarters.
import { describe, expect, it } from "vitest";
import { planFromText } from "../../../knowledge/load-plan";
import { formatDue } from "../../../knowledge/occurrences";
import type { Obligation, Plan } from "../../../knowledge/types";

const HEAD = "ỦY BAN NHÂN DÂN XÃ HÒA AN\n\nSố: 10/KH-UBND\n\nHòa An, ngày 05 tháng 01 năm 2025\n\nKẾ HOẠCH\nCông tác năm 2025\n\n";
const plan = (body: string, file = "p.txt"): Plan => planFromText("p", HEAD + body, file);
const sched = (o: Obligation) => o.schedule.map((s) => `${s.period}${s.due ? `@${formatDue(s.due)}` : ""}`);
const find = (p: Plan, words: string) => {
  // Quotes are whole sentences: a clause of a sentence that holds several is found by its task.
  const o = p.obligations.find((x) => x.task.toLocaleLowerCase("vi").includes(words.toLocaleLowerCase("vi"))) ?? p.obligations.find((x) => x.quote.includes(words));
  if (!o) throw new Error(`no obligation quotes "${words}": ${p.obligations.map((x) => x.quote).join(" | ")}`);
  return o;
};

describe("units named by a label", () => {
  const p = plan(
    "III. TỔ CHỨC THỰC HIỆN\n" +
      "1. Công chức Văn phòng - Thống kê: báo cáo quý gửi Phòng Nội vụ huyện trước ngày 15 của tháng cuối quý; báo cáo năm gửi trước ngày 05/12/2025.\n" +
      "2. Bộ phận tiếp nhận và trả kết quả: thực hiện khảo sát mức độ hài lòng 6 tháng một lần.\n" +
      "Trong quá trình thực hiện, nếu có khó khăn vướng mắc, các bộ phận báo cáo về UBND xã (qua Văn phòng) để xem xét, giải quyết./.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n",
  );
  it("keeps a unit name that holds a verb whole, and starts the task after the label", () => {
    const o = find(p, "khảo sát");
    expect(o.responsible).toEqual(["Bộ phận tiếp nhận và trả kết quả"]);
    expect(o.task).toBe("Thực hiện khảo sát mức độ hài lòng 6 tháng một lần");
    expect(sched(o)).toEqual(["half_year"]);
  });
  it("sends a later periodic report of the sentence to the same recipient", () => {
    const o = find(p, "báo cáo năm gửi");
    expect(o.recipient).toBe("Phòng Nội vụ huyện");
    expect(sched(o)).toEqual(["yearly@5/12/2025"]);
  });
  it("reads the closing words as the plan's, not the last item's", () => {
    const o = find(p, "các bộ phận báo cáo");
    expect(o.section).not.toMatch(/Bộ phận tiếp nhận/u);
    expect(o.responsible).toEqual(["các bộ phận"]);
    expect(o.recipient).toBe("UBND xã (qua Văn phòng)");
  });
});

describe("a task table", () => {
  const p = plan(
    "II. NỘI DUNG\n\n| TT | Nội dung | Đơn vị phối hợp | Đơn vị chủ trì | Thời gian hoàn thành |\n|---|---|---|---|---|\n" +
      "| 1 | Rà soát các quy định về định mức | Các cơ quan | Phòng Tài chính - Kế hoạch | Quý II/2025 |\n" +
      "| 2 | Kê khai tài sản, thu nhập hằng năm | Các cơ quan | Phòng Nội vụ | Trước 31/12/2025 |\n" +
      "| 3 | Tuyên truyền pháp luật | Đài Truyền thanh | Ban Quản lý dự án đầu tư xây dựng huyện | Thường xuyên |\n\n" +
      "III. TỔ CHỨC THỰC HIỆN\n1. Phòng Nội vụ theo dõi, báo cáo UBND huyện.\n",
    "p.md",
  );
  it("makes one obligation a row, led by the 'chủ trì' column, never the 'phối hợp' one", () => {
    expect(p.obligations.filter((o) => o.quote.includes(" | "))).toHaveLength(3);
    expect(find(p, "Rà soát").responsible).toEqual(["Phòng Tài chính - Kế hoạch"]);
    expect(find(p, "Tuyên truyền").responsible).toEqual(["Ban Quản lý dự án đầu tư xây dựng huyện"]);
    expect(find(p, "Rà soát").task).toBe("Rà soát các quy định về định mức");
  });
  it("reads the time column: a quarter gives no day, a date is the due date, 'Thường xuyên' is no schedule", () => {
    expect(sched(find(p, "Rà soát"))).toEqual(["once"]);
    expect(sched(find(p, "Kê khai"))).toEqual(["yearly@31/12/2025"]);
    expect(sched(find(p, "Tuyên truyền"))).toEqual([]);
  });
  it("quotes the row as it stands in the text and skips the header", () => {
    for (const o of p.obligations) expect(p.text.slice(o.span.start, o.span.end)).toBe(o.quote);
    expect(p.obligations.some((o) => o.quote.includes("Nội dung"))).toBe(false);
  });
});

describe("labelled lines under an item", () => {
  const p = plan(
    "II. NHIỆM VỤ\n1. Công tác chuẩn bị\n" +
      "a) Kiện toàn Ban Chỉ huy xã, phân công nhiệm vụ cho từng thành viên.\nThời gian thực hiện: trước ngày 15/4/2025.\nĐơn vị thực hiện: Văn phòng - Thống kê xã.\n" +
      "b) Rà soát phương án ứng phó thiên tai.\n- Thời gian thực hiện: Quý II/2025.\n- Đơn vị thực hiện: Công chức Địa chính - Xây dựng chủ trì, phối hợp với Trưởng các thôn.\n",
  );
  it("give the item its time and lead unit and are not tasks of their own", () => {
    const a = find(p, "Kiện toàn");
    expect(a.responsible).toEqual(["Văn phòng - Thống kê xã"]);
    expect(sched(a)).toEqual(["once@15/4/2025"]);
    expect(a.quote).toContain("Thời gian thực hiện: trước ngày 15/4/2025.");
    const b = find(p, "Rà soát phương án");
    expect(b.responsible).toEqual(["Công chức Địa chính - Xây dựng"]);
    expect(sched(b)).toEqual(["once"]);
    expect(p.obligations.filter((o) => /^-?\s*(?:Thời gian|Đơn vị) thực hiện/u.test(o.quote))).toEqual([]);
  });
});

describe("subjects and dates in other places", () => {
  const p = plan(
    "III. TỔ CHỨC THỰC HIỆN\n" +
      "1. Hồ sơ đề nghị Chủ tịch UBND tỉnh khen thưởng, các cơ quan, đơn vị gửi về Phòng Nội vụ trong tháng 12.\n" +
      "2. Sơ kết 6 tháng vào tháng 7/2025 và tổng kết năm vào tháng 12/2025, Công an xã chủ trì tổ chức.\n" +
      "3. Các Sở, ban, ngành báo cáo kết quả về Sở Nội vụ trước ngày 15/6 (báo cáo 6 tháng) và trước ngày 15/11 (báo cáo năm).\n",
  );
  it("takes the subject after a topic, not the person a request is addressed to", () => {
    const o = find(p, "Hồ sơ đề nghị");
    expect(o.responsible).toEqual(["các cơ quan, đơn vị"]);
    expect(o.recipient).toBe("Phòng Nội vụ");
    expect(sched(o)).toEqual(["once"]);
  });
  it("gives a subject named at the end of a sentence to its earlier tasks", () => {
    expect(find(p, "Sơ kết 6 tháng").responsible).toEqual(["Công an xã"]);
    expect(sched(find(p, "Sơ kết 6 tháng"))).toEqual(["half_year"]);
    expect(sched(find(p, "tổng kết năm"))).toEqual(["yearly"]);
  });
  it("gives each bracketed report its date", () => {
    expect(sched(find(p, "(báo cáo 6 tháng)"))).toEqual(["half_year@15/6", "yearly@15/11"]);
  });
});

describe("a unit after 'là'", () => {
  it("is a predicate, not a second subject", () => {
    const p = plan("III. TỔ CHỨC THỰC HIỆN\n1. Phòng Văn hóa và Thông tin là cơ quan thường trực Ban Chỉ đạo chuyển đổi số huyện, tham mưu UBND huyện theo dõi, báo cáo hằng quý.\n");
    expect(find(p, "cơ quan thường trực").responsible).toEqual(["Phòng Văn hóa và Thông tin"]);
  });
});

describe("a notice's closing words and a decision's scope", () => {
  const p = plan(
    "Điều 1. Quyết định này quy định quy trình thông báo trước khi dừng bán hàng.\n" +
      "Điều 2. Trong thời hạn 02 ngày làm việc kể từ ngày có kết quả, Văn phòng phải gửi thông báo đến cử tri.\n" +
      "Điều 3. Thời gian giải quyết thủ tục hành chính như sau:\na) Cấp Giấy chứng nhận đăng ký hộ kinh doanh không quá 03 ngày làm việc;\n" +
      "Văn phòng Chính phủ thông báo để Bộ Tư pháp và các cơ quan liên quan biết, thực hiện./.\n",
  );
  it("are not tasks, while a time-limited duty beside them is", () => {
    expect(find(p, "gửi thông báo đến cử tri").schedule.map((s) => s.period)).toEqual(["ad_hoc"]);
    // A verb that is a noun elsewhere ("cấp xã") opens a list item's task.
    expect(find(p, "Cấp Giấy chứng nhận đăng ký hộ kinh doanh").schedule.map((s) => s.period)).toEqual(["ad_hoc"]);
    expect(p.obligations.some((o) => /biết, thực hiện|Quyết định này quy định/u.test(o.quote))).toBe(false);
  });
});

