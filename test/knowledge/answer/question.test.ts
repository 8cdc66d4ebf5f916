import { describe, expect, it } from "vitest";
import { asksOf, KIND_OF } from "../../../knowledge/answer/ask";
import { canonicalise, detectLanguage, understand } from "../../../knowledge/answer/question";

describe("question understanding", () => {
  it.each([
    ["Khi nào phải nộp báo cáo 6 tháng?", "deadline"],
    ["gửi trước ngày mấy vậy anh", "deadline"],
    ["hạn chót nộp bc năm", "deadline"],
    ["When is the annual report due?", "deadline"],
    ["Báo cáo gửi về đâu?", "recipient"],
    ["nop bao cao cho ai", "recipient"],
    ["To whom is the report sent?", "recipient"],
    ["Ai chịu trách nhiệm tổng hợp báo cáo?", "responsible"],
    ["don vi nao chu tri", "responsible"],
    ["who compiles the 6-month report", "responsible"],
    ["Bao lâu thì tổng kết một lần?", "recurrence"],
    ["how often is the review conference held", "recurrence"],
    ["Chỉ số cải cách hành chính phải đạt bao nhiêu điểm?", "content"],
    ["Chương trình được ký ngày nào?", "content"],
    ["gặp khó khăn vướng mắc thì báo cáo ai", "recipient"],
    ["Ban Thanh tra nhân dân báo cáo với ai?", "recipient"],
    ["Ai báo cáo kết quả?", "responsible"],
    ["Hạn gửi bản đăng ký thi đua là ngày nào?", "deadline"],
    ["bao cao dinh ky nop khi nao", "deadline"],
    ["Kế hoạch ký ngày nào?", "content"],
  ])("%s -> %s", (q, kind) => {
    expect(KIND_OF[asksOf(understand(q))[0]]).toBe(kind);
  });

  it("tells English from Vietnamese typed without diacritics", () => {
    expect(detectLanguage("when is the 6-month report due")).toBe("en");
    expect(detectLanguage("khi nao nop bao cao 6 thang")).toBe("vi");
    expect(detectLanguage("to chuc hoi nghi the nao")).toBe("vi");
  });

  it("maps English and colloquial forms onto plan words", () => {
    expect(canonicalise("When is the 6-month report due?", "en")).toContain("6 tháng");
    expect(canonicalise("annual report", "en")).toBe("hàng năm báo cáo");
    expect(canonicalise("bc nửa năm nộp khi nào", "vi")).toContain("6 tháng");
  });

  it("finds the periods a question names", () => {
    expect(understand("báo cáo 6 tháng").periods).toEqual(["half_year"]);
    expect(understand("bao cao nam").periods).toEqual(["yearly"]);
    expect(understand("báo cáo quý").periods).toEqual(["quarterly"]);
    expect(understand("tổng kết 05 năm").periods).toEqual(["multi_year"]);
    expect(understand("cho em hỏi bc năm cchc gửi trước ngày mấy").periods).toEqual(["yearly"]);
    expect(understand("nộp báo cáo tháng khi nào").periods).toEqual(["monthly"]);
    expect(understand("báo cáo 9 tháng").periods).toEqual(["nine_months"]);
    expect(understand("quy chế dân chủ").periods).toEqual([]);
    // A date's "tháng 01 năm 2026" is not "hằng năm"; "quý" typed with its mark is a quarter.
    expect(understand("Thời hạn ban hành: trước ngày 01 tháng 01 năm 2026").periods).toEqual([]);
    expect(understand("Báo cáo đấu thầu quý của các xã nộp trước ngày nào?").periods).toEqual(["quarterly"]);
  });

  it("keeps content terms and drops question words, judging stop words by their marks", () => {
    const q = understand("Hội nghị sơ kết tổ chức khi nào vậy anh?");
    expect(q.terms).toEqual(expect.arrayContaining(["hoi", "nghi", "so", "ket"]));
    expect(q.terms).not.toContain("anh");
    expect(q.terms).not.toContain("nao");
    expect(understand("cho em hỏi căn cứ quyết định nào").terms).toEqual(expect.arrayContaining(["can", "cu", "quyet", "dinh"]));
  });

  it("keeps the numbers of a question", () => {
    expect(understand("Văn bản số 16-CTr/BDVTU có hiệu lực từ ngày nào?").numbers).toContain("16");
  });

  it("drops overlapping question phrases whole ('thời hạn' and 'hạn nộp' in 'thời hạn nộp')", () => {
    expect(understand("thời hạn nộp báo cáo quý").terms).toEqual(["bao", "cao", "quy"]);
  });

  it("'mấy lần mỗi năm' counts per year: the year is not a word of the task", () => {
    expect(understand("Các thôn họp mấy lần mỗi năm?").terms).toEqual(["thon", "hop"]);
  });
});
