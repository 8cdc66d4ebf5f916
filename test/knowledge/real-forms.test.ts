// Reading real documents (issue 9): each form below is quoted from published documents of other
// offices (thuvienphapluat.vn pastes of Hà Nội, TP.HCM, Nghệ An, Bắc Ninh, Thủ tướng Chính phủ).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { planFromText } from "../../knowledge/load-plan";
import { normalise } from "../../knowledge/normalise";
import { sourceQuote } from "../../knowledge/obligations/format";
import { formatDue } from "../../knowledge/occurrences";
import type { Obligation, Plan } from "../../knowledge/types";

const CV4240 = readFileSync("test/fixtures/real/cv4240-hcm-2025.txt", "utf8");
const sched = (o: Obligation) => o.schedule.map((s) => `${s.period}${s.due ? `@${formatDue(s.due)}` : ""}`);
const quoting = (p: Plan, words: string) => {
  const o = p.obligations.find((x) => x.quote.includes(words));
  if (!o) throw new Error(`no obligation quotes "${words}": ${p.obligations.map((x) => x.quote.slice(0, 60)).join(" | ")}`);
  return o;
};

// Header of Quyết định 86/2025/QĐ-UBND (Bắc Ninh) as thuvienphapluat pastes it: "|" lines of the
// two-column table, a rule line, bold marks glued to words, the number on its own line.
const QD86_HEAD = `# source: https://thuvienphapluat.vn/van-ban/Bo-may-hanh-chinh/Quyet-dinh-86-2025-QD-UBND-cong-tac-thi-dua-khen-thuong-Bac-Ninh-682835.aspx
|
**ỦY BAN NHÂN
DÂN **
TỈNH BẮC NINH
--------
|
**CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số:
86/2025/QĐ-UBND
|
*Bắc Ninh, ngày
03 tháng 12 năm 2025*
|


**QUYẾT ĐỊNH**

BAN HÀNH QUY ĐỊNH VỀ CÔNG TÁC THI ĐUA, KHEN THƯỞNG
TỈNH BẮC NINH

*Căn cứ Luật Thi đua, khen
thưởng số 06/2022/QH15;*

**Điều 1.** Ban hành kèm theo Quyết định này Quy định về công tác thi đua, khen thưởng tỉnh Bắc Ninh.

**Điều 2.** Các cơ quan, đơn vị, địa phương gửi hồ sơ đề nghị khen thưởng đến Sở Nội vụ (qua Phòng Thi
đua, khen thưởng) trước ngày 10/12 hằng năm.
`;

describe("metadata from the body, never page furniture", () => {
  const qd = planFromText("qd86", QD86_HEAD);
  it("reads kind, number on its own line, issuer, place and date, and the title over two upper-case lines", () => {
    expect(qd.meta).toMatchObject({
      kind: "Quyết định",
      number: "86/2025/QĐ-UBND",
      issuer: "Ủy ban nhân dân tỉnh Bắc Ninh",
      place: "Bắc Ninh",
      date: "3/12/2025",
      title: "Quyết định ban hành Quy định về công tác thi đua, khen thưởng tỉnh Bắc Ninh",
    });
    expect(qd.meta.title).not.toMatch(/source|http|\|/u);
  });
  it("drops table borders and rules: no '|' or '-----' paragraph is left", () => {
    const n = normalise(QD86_HEAD, { markdown: true });
    const paragraphs = n.paragraphs.map((p) => n.text.slice(p.start, p.end));
    expect(paragraphs.filter((t) => /^[|\-\s*]+$/u.test(t))).toEqual([]);
    expect(paragraphs).toContain("Độc lập - Tự do - Hạnh phúc");
  });

  const cv = planFromText("cv4240", CV4240);
  it("reads a Công văn: V/v subject, Kính gửi and Nơi nhận lists", () => {
    expect(cv.meta.kind).toBe("Công văn");
    expect(cv.meta.number).toBe("4240/UBND-VX");
    expect(cv.meta.subject).toBe("khẩn trương hoàn thành cập nhật, đồng bộ cơ sở dữ liệu cán bộ, công chức, viên chức");
    expect(cv.meta.title).toBe("Công văn số 4240/UBND-VX về việc khẩn trương hoàn thành cập nhật, đồng bộ cơ sở dữ liệu cán bộ, công chức, viên chức");
    expect(cv.meta.issuer).toBe("Ủy ban nhân dân thành phố Hồ Chí Minh");
    expect(cv.meta.addressees).toEqual([
      "Các cơ quan chuyên môn, cơ quan hành chính khác thuộc Ủy ban nhân dân Thành phố",
      "Các đơn vị sự nghiệp công lập trực thuộc Ủy ban nhân dân Thành phố",
      "Ủy ban nhân dân các xã, phường và đặc khu",
    ]);
    expect(cv.meta.recipients).toContain("Sở Nội vụ");
    expect(cv.meta.recipients?.some((r) => /^Lưu/u.test(r))).toBe(false);
  });
  it("gives the items under a list intro ('1. Giao người đứng đầu các cơ quan ...') their doers and keeps the stated date", () => {
    const o = quoting(cv, "Tiếp tục triển khai việc cập nhật");
    expect(o.responsible[0]).toMatch(/^Người đứng đầu các cơ quan chuyên môn/u);
    expect(sched(o)).toEqual(["once@6/12/2025"]);
    // The printed quote is the source's, with the item's marker and the line breaks as in the file.
    expect(sourceQuote(cv, o, CV4240).startsWith("- Tiếp tục triển khai việc cập\nnhật")).toBe(true);
  });
  it("does not take the preamble's account of what was done before as a duty", () => {
    expect(cv.obligations.some((o) => o.quote.includes("đã ban hành Công văn số 3280"))).toBe(false);
  });
});

describe("obligations in the forms of real documents", () => {
  it("keeps a relative deadline as a rule with no date (Quy chế 98/2025, Nghệ An)", () => {
    const text =
      "Điều 15. Tổng hợp báo cáo kết quả giải quyết kiến nghị cử tri\n\n1. Chậm nhất là 30 ngày, trước ngày khai mạc kỳ họp\nthường lệ của HĐND tỉnh, các sở, ban, ngành có Báo cáo tổng hợp, đánh giá kết\nquả giải quyết kiến nghị cử tri thuộc thẩm quyền, báo cáo Chủ tịch UBND tỉnh.\n\n2. Chậm nhất trong 20 ngày làm việc, kể từ ngày nhận\nđược kiến nghị, các cơ quan, đơn vị phải có trách nhiệm tiếp nhận, giải quyết\nvà trả lời cử tri có kiến nghị.\n";
    const p = planFromText("qc98", text);
    const report = quoting(p, "Chậm nhất là 30 ngày");
    expect(sched(report)).toEqual(["ad_hoc"]);
    expect(sourceQuote(p, report, text).startsWith("1. Chậm nhất là 30 ngày, trước ngày khai mạc kỳ họp\nthường lệ")).toBe(true);
    expect(sched(quoting(p, "Chậm nhất trong 20 ngày làm việc"))).toEqual(["ad_hoc"]);
  });

  it("reads dated closing words ('Trên đây là ..., đề nghị ... báo cáo ... trước Thứ Tư ngày 03/12/2025', CV 174 Ban Chỉ đạo)", () => {
    const p = planFromText(
      "cv174",
      "1. Về phân cấp, phân quyền\n\nCác Bộ rà soát, ban hành văn bản hướng dẫn.\n\nTrên đây là một số nội dung trọng tâm cần thực hiện ngay, Ban Chỉ đạo của Chính phủ đề nghị các đồng chí Bộ trưởng, Thủ trưởng cơ quan ngang Bộ quan tâm chỉ đạo thực hiện, kịp thời tháo gỡ khó khăn, vướng mắc cho địa phương và báo cáo kết quả thực hiện về Ban Chỉ đạo của Chính phủ *(qua\nBộ Nội vụ)* trước Thứ Tư ngày 03/12/2025 và tại các báo cáo định kỳ hằng tuần.\n",
    );
    const o = quoting(p, "Trên đây là");
    expect(sched(o)).toContain("once@3/12/2025");
  });

  it("lets a deadline sentence complete the task before it ('Thời hạn hoàn thành chậm nhất ngày 25/12/2025', CV 174)", () => {
    const p = planFromText(
      "cv174b",
      "1. Về phân cấp, phân quyền\n\n1.1. Đối với 355 nhiệm vụ cần ban hành văn bản để hướng dẫn thực hiện, các Bộ, cơ quan ngang Bộ khẩn trương rà soát, ban hành các văn bản hướng dẫn, bảo đảm việc phân cấp, phân quyền được thực hiện thông suốt, hiệu quả, khả thi. *Thời hạn\nhoàn thành chậm nhất ngày 25/12/2025.*\n",
    );
    const o = quoting(p, "Thời hạn hoàn thành");
    expect(o.quote).toContain("Đối với 355 nhiệm vụ");
    expect(sched(o)).toEqual(["once@25/12/2025"]);
  });

  it("reads the duties of a letter's preamble (Công văn 6397/UBND-KT, Hà Nội: no numbered heading before them)", () => {
    const p = planFromText(
      "cv6397",
      "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nSố: 6397/UBND-KT\n\nV/v tăng cường quản lý công tác đấu thầu\n\nKính gửi:\n- Các sở, ban, ngành thuộc Thành phố;\n- Ủy ban nhân dân các xã, phường.\n\nĐề nghị các sở, ban, ngành gửi báo cáo kết quả thực hiện về Sở Tài chính trước ngày 15/12/2025.\n",
    );
    const o = quoting(p, "Đề nghị các sở, ban, ngành gửi báo cáo");
    expect(o.responsible).toEqual(["các sở, ban, ngành"]);
    expect(o.recipient).toBe("Sở Tài chính");
    expect(sched(o)).toEqual(["once@15/12/2025"]);
    expect(p.meta.addressees).toEqual(["Các sở, ban, ngành thuộc Thành phố", "Ủy ban nhân dân các xã, phường"]);
  });

  it("rebuilds a table pasted one cell per line into rows with their lead unit and date (Kế hoạch 980/KH-UBND, Nghệ An)", () => {
    const p = planFromText("kh980", readFileSync("test/fixtures/real/kh980-nghean-2025-phu-luc.txt", "utf8"));
    expect(p.text).toContain("TT | Nội dung thực hiện | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm dự kiến");
    const first = quoting(p, "Tổ chức lại Ban Chỉ huy Phòng thủ dân sự");
    expect(first.responsible.join("; ")).toContain("Bộ CHQS tỉnh");
    expect(sched(first)).toEqual(["once@30/11/2025"]);
    const second = quoting(p, "Ban hành Quy chế Phối hợp tìm kiếm, cứu nạn trên");
    expect(second.responsible).toEqual(["Sở Xây dựng"]);
    // A group row ("II | TRIỂN KHAI ĐỒNG BỘ ...") is a heading, not a task.
    expect(p.obligations.some((o) => /^(?:I|II|III)\s*\|/u.test(o.quote))).toBe(false);
  });

  it("does not take 'Trường hợp' (in case) for a school as the responsible unit (Chỉ thị 010/CT-UBND)", () => {
    const p = planFromText("ct010", "1. Phối hợp thẩm định\n\nTrường hợp các cơ quan phối hợp thẩm định có ý kiến khác nhau, cơ quan chủ trì có trách nhiệm phối hợp với các cơ quan xem xét, làm rõ nội dung.\n");
    for (const o of p.obligations) expect(o.responsible).not.toContain("Trường");
  });
});

describe("a page's info box is not a task (thuvienphapluat pages of UBND Lào Cai and UBND Đồng Nai)", () => {
  it("drops 'Label: value' lines with dates, keeps the duty beside them", () => {
    const plan = planFromText(
      "infobox",
      [
        "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
        "Số: 2020/QĐ-UBND",
        "QUYẾT ĐỊNH",
        "VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH",
        "Điều 1. Sở Khoa học và Công nghệ có trách nhiệm cập nhật thủ tục hành chính trên Cơ sở dữ liệu quốc gia trước ngày 30/11/2025.",
        "Ban hành: 24/11/2025 Hiệu lực: Đã biết Tình trạng: Đã biết Cập nhật: 25/11/2025",
        "Ban hành: 01/11/2025",
        "Cập nhật: 17/06/2025",
      ].join("\n\n"),
    );
    expect(plan.obligations.map((o) => o.responsible[0])).toEqual(["Sở Khoa học và Công nghệ"]);
  });
});
