// Plan structure: metadata, the section tree with readable paths, and sentences.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { planFromText } from "../../knowledge/load-plan";
import { splitSentences } from "../../knowledge/structure";
import { nameCase } from "../../knowledge/document/casing";

const load = (name: string) => planFromText(name.replace(/\.\w+$/u, ""), readFileSync(`test/fixtures/plans/shared/${name}`, "utf8"), name);
const honglinh = load("honglinh-2023.txt");
const soctrang = load("soctrang-2022-2026.md");
const tayninh = load("tayninh-thanhpho-2023.md");
const tiencanh = load("tiencanh-2024.md");

describe("metadata", () => {
  it("reads the header block of a PDF text", () => {
    expect(honglinh.meta).toMatchObject({
      number: null, // "Số: /KH-UBND" is blank
      title: "Kế hoạch thực hiện công tác Dân vận chính quyền năm 2023",
      issuer: "Ủy ban nhân dân thị xã Hồng Lĩnh",
      place: "Hồng Lĩnh",
      date: "2/2023",
      period: { from: 2023, to: 2023 },
      signers: ["Nguyễn Huy Hùng"],
      kind: "Kế hoạch",
      addressees: [],
      attached: null,
    });
    expect(honglinh.meta.recipients?.slice(0, 2)).toEqual(["Sở Nội vụ (báo cáo)", "Thường trực: Thị ủy, HĐND thị xã"]);
  });
  it("reads a PDF's centred title cut after its first word, with a number and over 300 characters", () => {
    // KH 980/2025 Nghệ An, TT 130/2025 Bộ Quốc phòng, QĐ 2581/2025 Thủ tướng: the title was "Kế hoạch thực", "Thông tư sửa", "Quyết định".
    const head = "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\n\nSố: 980/KH-UBND\n\nNghệ An, ngày 18 tháng 11 năm 2025\n\n";
    const title = (lines: string) => planFromText("t", `${head}**KẾ HOẠCH**\n${lines}\nThực hiện Quyết định số 1899/QĐ-TTg, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\nI. MỤC ĐÍCH, YÊU CẦU\n1. Các sở báo cáo hằng năm.\n`, "t.md").meta.title;
    expect(title("THỰC\nHIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG NGÀY 04/9/2025 CỦA THỦ TƯỚNG CHÍNH PHỦ BAN HÀNH\nKẾ HOẠCH TRIỂN KHAI THI HÀNH NGHỊ ĐỊNH QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU CỦA LUẬT\nPHÒNG THỦ DÂN SỰ")).toMatch(/^Kế hoạch thực hiện Quyết định số 1899\/QĐ-TTG .* phòng thủ dân sự$/iu);
    const long = "PHÊ DUYỆT ĐIỀU CHỈNH QUY HOẠCH THĂM DÒ, KHAI THÁC, CHẾ BIẾN SỬ DỤNG KHOÁNG SẢN TẠI CÁC KHU VỰC MỎ ĐỒNG TẢ PHỜI, TỈNH LÀO CAI VÀ MỎ BÔXIT THỌ SƠN, TỈNH ĐỒNG NAI TRONG QUY HOẠCH THĂM DÒ, KHAI THÁC, CHẾ BIẾN VÀ SỬ DỤNG CÁC LOẠI KHOÁNG SẢN THỜI KỲ 2021 - 2030, TẦM NHÌN ĐẾN NĂM 2050 VÀ CÁC NỘI DUNG CÓ LIÊN QUAN";
    expect(long.length).toBeGreaterThan(300);
    expect(title(long)).toMatch(/^Kế hoạch phê duyệt điều chỉnh .* có liên quan$/u);
  });
  it("reads an upper-case 'V/V' subject over its lines (Công điện 232/CĐ-TTg)", () => {
    const p = planFromText("c", "THỦ TƯỚNG CHÍNH PHỦ\n\nSố: 232/CĐ-TTg\n\nHà Nội, ngày 27 tháng 11 năm 2025\n\nV/V KHẨN TRƯƠNG THỐNG\nKÊ, RÀ SOÁT, TỔNG HỢP BÁO CÁO THIỆT HẠI VỀ NHÀ Ở DO MƯA LŨ\n\nCác tỉnh báo cáo về Văn phòng Chính phủ trước ngày 30/11/2025.\n", "c.md");
    expect(p.meta.title).toMatch(/về việc khẩn trương thống kê, rà soát, tổng hợp báo cáo thiệt hại về nhà ở do mưa lũ$/u);
  });
  it("reads a programme between two bodies over a stage of years", () => {
    expect(soctrang.meta.title).toBe("Chương trình phối hợp giữa Ban Dân vận Tỉnh ủy và Ban cán sự đảng Ủy ban nhân dân tỉnh về công tác dân vận giai đoạn 2022 - 2026");
    expect(soctrang.meta.issuer).toBe("Ban Dân vận Tỉnh ủy và Ban cán sự đảng Ủy ban nhân dân tỉnh");
    expect(soctrang.meta.period).toEqual({ from: 2022, to: 2026 });
    expect(soctrang.meta.date).toBe("29/12/2022");
    expect(soctrang.meta.place).toBe("Sóc Trăng");
    expect(soctrang.meta.signers).toEqual(["Dương Pà Kha", "Trần Văn Lâu"]);
  });
  it("finds the issuer in the text when there is no header", () => {
    expect(tiencanh.meta.issuer).toBe("Ủy ban nhân dân xã Tiên Cảnh");
    expect(tiencanh.meta.title).toBe("Kế hoạch triển khai công tác dân vận chính quyền năm 2024");
    expect(tayninh.meta.issuer).toBe("Ban Dân vận Thành ủy và Ủy ban nhân dân Thành phố");
    expect(tayninh.meta.signers).toEqual(["Nguyễn Trung Hiếu", "Nguyễn Ngọc Thành"]);
  });
  it("reads two bodies in the header as joint issuers", () => {
    const p = planFromText("ctr", readFileSync("test/fixtures/plans/own/ctr-hoinongdan-nghean-2025.md", "utf8"), "ctr.md");
    expect(p.meta.issuer).toBe("Hội Nông dân tỉnh Nghệ An và Ủy ban nhân dân tỉnh Nghệ An");
    expect(p.meta.period).toEqual({ from: 2025, to: 2030 });
    // A superior body above the issuer at another level is not a second issuer.
    const child = planFromText("c", "ỦY BAN NHÂN DÂN THỊ XÃ NINH HÒA\nỦY BAN NHÂN DÂN PHƯỜNG NINH HIỆP\nSố: 07/KH-UBND\nKẾ HOẠCH\nCông tác dân vận năm 2025\nI. NHIỆM VỤ\n1. Công chức Văn phòng - Thống kê báo cáo hằng quý về Phòng Nội vụ.\n");
    expect(child.meta.issuer).toBe("Ủy ban nhân dân phường Ninh Hiệp");
  });
  it("cases upper-case names the Vietnamese way", () => {
    expect(nameCase("UỶ BAN NHÂN DÂN THỊ XÃ HỒNG LĨNH".normalize("NFC"))).toBe("Uỷ ban nhân dân thị xã Hồng Lĩnh".normalize("NFC"));
    expect(nameCase("BAN DÂN VẬN TỈNH ỦY")).toBe("Ban Dân vận Tỉnh ủy");
    expect(nameCase("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG")).toBe("Sở Tài nguyên và Môi trường");
  });
});

describe("sections", () => {
  it("builds the tree with readable paths", () => {
    const paths = honglinh.sections.map((s) => s.path);
    expect(paths).toContain("IV. TỔ CHỨC THỰC HIỆN › 4. Chế độ thông tin báo cáo");
    expect(paths).toContain("I. MỤC ĐÍCH, YÊU CẦU › 2. Yêu cầu");
    const s11 = soctrang.sections.find((s) => s.number === "1.1")!;
    const parent = soctrang.sections.find((s) => s.id === s11.parentId)!;
    expect(parent.title).toBe("Ban Dân vận Tỉnh ủy có trách nhiệm");
    expect(s11.level).toBe(parent.level + 1);
    expect(soctrang.sections.find((s) => s.id === parent.parentId)?.title).toBe("TỔ CHỨC THỰC HIỆN");
  });
  it("reads markers inside Markdown headings and keeps '-' items under their section", () => {
    expect(tiencanh.sections.map((s) => s.path)).toContain("III. TỔ CHỨC THỰC HIỆN › 2. Tư pháp xã");
    const dash = tayninh.sections.find((s) => s.number === "-" && s.title.startsWith("Giao Phòng Nội vụ"))!;
    expect(dash.path).toBe("III. TỔ CHỨC THỰC HIỆN › 1. UBND Thành phố");
  });
  it("puts the distribution list and notes in their own top-level sections", () => {
    const top = tayninh.sections.filter((s) => s.parentId === null).map((s) => s.title);
    expect(top).toEqual(expect.arrayContaining(["Nơi nhận", "Chú thích"]));
  });
  it("sections cover the text in order", () => {
    for (const plan of [honglinh, soctrang, tayninh, tiencanh]) {
      for (let i = 1; i < plan.sections.length; i++) expect(plan.sections[i].start).toBeGreaterThanOrEqual(plan.sections[i - 1].start);
      for (const s of plan.sections) expect(s.end).toBeGreaterThan(s.start);
    }
  });
});

describe("sentences", () => {
  it("splits at sentence ends but not inside dates, document numbers or abbreviations", () => {
    const s = "Báo cáo trước ngày 10/6. Thực hiện Chỉ thị số 03/CT-UBND ngày 24/01/2022, v.v. và các văn bản khác. TM. Ủy ban nhân dân.";
    const parts = splitSentences(s).map(([a, b]) => s.slice(a, b));
    expect(parts).toEqual(["Báo cáo trước ngày 10/6.", "Thực hiện Chỉ thị số 03/CT-UBND ngày 24/01/2022, v.v. và các văn bản khác.", "TM. Ủy ban nhân dân."]);
  });
  it("gives each sentence its section and offsets into the text", () => {
    for (const plan of [honglinh, tayninh]) {
      for (const s of plan.sentences) expect(plan.text.slice(s.start, s.end)).toBe(s.text);
    }
    const s = honglinh.sentences.find((x) => x.text.startsWith("Chế độ thông tin báo cáo"))!;
    expect(honglinh.sections.find((x) => x.id === s.sectionId)?.path).toBe("IV. TỔ CHỨC THỰC HIỆN › 4. Chế độ thông tin báo cáo");
  });
});

describe("closing words, decisions and web pastes", () => {
  it("puts the closing words after the last item in a section of their own", () => {
    const closing = honglinh.sections.find((s) => s.title.startsWith("Yêu cầu Thủ trưởng"))!;
    expect(closing.parentId).toBeNull();
    const s = honglinh.sentences.find((x) => x.text.startsWith("Trong quá trình triển khai thực hiện"))!;
    expect(s.sectionId).toBe(closing.id);
    expect(tiencanh.sections.find((x) => x.title.startsWith("Trên đây là"))?.parentId).toBeNull();
  });
  it("splits a web page's long lines at their list markers and reads a decision with the plan it issues", () => {
    const web = planFromText(
      "web",
      "Tin tức | Văn bản | Cập nhật: 14/3/2025\n" +
        "ỦY BAN NHÂN DÂN HUYỆN AN PHÚ Số: 15/QĐ-UBND An Phú, ngày 12 tháng 3 năm 2025 QUYẾT ĐỊNH Về việc ban hành Kế hoạch chuyển đổi số năm 2025\n" +
        "QUYẾT ĐỊNH: Điều 1. Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số năm 2025. Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Điều 3. Chánh Văn phòng HĐND và UBND huyện chịu trách nhiệm thi hành Quyết định này./. Nơi nhận: - Như Điều 3; - Lưu: VT.\n" +
        "KẾ HOẠCH Chuyển đổi số năm 2025\n" +
        "I. MỤC TIÊU 1. Tỷ lệ hồ sơ trực tuyến đạt 60% trên tổng số hồ sơ được tiếp nhận trong năm. 2. Hoàn thành kết nối dữ liệu dân cư với các hệ thống của huyện.\n" +
        "II. TỔ CHỨC THỰC HIỆN 1. Phòng Văn hóa và Thông tin chủ trì, báo cáo UBND huyện định kỳ hằng quý trước ngày 20 của tháng cuối quý. 2. UBND các xã báo cáo hằng tháng về Phòng Văn hóa và Thông tin trước ngày 25. Trong quá trình thực hiện, nếu có vướng mắc, các cơ quan phản ánh về Phòng Văn hóa và Thông tin./.\n",
    );
    const paths = web.sections.map((s) => s.path);
    expect(paths).toContain("Điều 3. Chánh Văn phòng HĐND và UBND huyện chịu trách nhiệm thi hành Quyết định này");
    expect(paths).toContain("II. TỔ CHỨC THỰC HIỆN › 2. UBND các xã báo cáo hằng tháng về Phòng Văn hóa và Thông tin trước ngày 25");
    // The plan after the decision's distribution list is back at the top level.
    expect(web.sections.find((s) => s.path === "II. TỔ CHỨC THỰC HIỆN")?.parentId).toBeNull();
    expect(web.meta).toMatchObject({ number: "15/QĐ-UBND", issuer: "Ủy ban nhân dân huyện An Phú", place: "An Phú", date: "12/3/2025" });
    const monthly = web.obligations.find((o) => o.quote.includes("hằng tháng"))!;
    expect(monthly.responsible).toEqual(["UBND các xã"]);
    expect(monthly.schedule.map((x) => x.period)).toEqual(["monthly"]);
    expect(web.obligations.find((o) => o.quote.includes("phản ánh"))?.section).toBe("Trong quá trình thực hiện");
  });
});

describe("a Quyết định's title (real headers of two provinces and the Government)", () => {
  const head = (lines: string[]) => planFromText("t", lines.join("\n\n")).meta.title;
  it("ends before the enacting authority line, and takes proper nouns' casing from the body", () => {
    expect(
      head([
        "ỦY BAN NHÂN DÂN TỈNH SƠN LA",
        "Số: 2954/QĐ-UBND",
        "Sơn La, ngày 20 tháng 11 năm 2025",
        "QUYẾT ĐỊNH",
        "VỀ VIỆC BAN HÀNH KẾ HOẠCH XUẤT KHẨU SẢN PHẨM HÀNG HÓA TỈNH",
        "SƠN LA GIAI ĐOẠN 2026 - 2030",
        "ỦY BAN NHÂN DÂN TỈNH SƠN LA",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch xuất khẩu sản phẩm hàng hóa tỉnh Sơn La giai đoạn 2026 - 2030.",
      ]),
    ).toBe("Quyết định về việc ban hành Kế hoạch xuất khẩu sản phẩm hàng hóa tỉnh Sơn La giai đoạn 2026 - 2030");
    expect(
      head([
        "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
        "Số: 2020/QĐ-UBND",
        "Lào Cai, ngày 20 tháng 11 năm 2025",
        "QUYẾT ĐỊNH",
        "VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH THUỘC PHẠM VI CHỨC NĂNG QUẢN LÝ CỦA SỞ",
        "KHOA HỌC VÀ CÔNG NGHỆ TỈNH LÀO CAI",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Theo đề nghị của Giám đốc Sở Khoa học và Công nghệ tỉnh Lào Cai.",
      ]),
    ).toBe("Quyết định về việc công bố danh mục thủ tục hành chính thuộc phạm vi chức năng quản lý của Sở Khoa học và Công nghệ tỉnh Lào Cai");
    expect(
      head(["CHÍNH PHỦ", "Số: 393/NQ-CP", "Hà Nội, ngày 02 tháng 12 năm 2025", "NGHỊ QUYẾT", "VỀ DỰ ÁN LUẬT VIÊN CHỨC (SỬA ĐỔI)", "CHÍNH PHỦ", "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;", "Giao Bộ Nội vụ hoàn thiện dự án Luật Viên chức (sửa đổi)."]),
    ).toBe("Nghị quyết về dự án Luật Viên chức (sửa đổi)");
  });
});
