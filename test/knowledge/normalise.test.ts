// Normalisation: PDF artifacts, Markdown marks, footnotes, tone placement, and offsets back into
// the original text.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { normalise, NOTES_TITLE, originalOffset } from "../../knowledge/normalise";
import { normaliseTones } from "../../knowledge/vietnamese";

const honglinh = readFileSync("test/fixtures/plans/shared/honglinh-2023.txt", "utf8");
const tayninh = readFileSync("test/fixtures/plans/shared/tayninh-thanhpho-2023.md", "utf8");

/** Every run maps text back to the same characters of the original. */
function expectOffsetsHold(raw: string, text: string, runs: [number, number][]): void {
  let checked = 0;
  for (let i = 0; i < runs.length; i++) {
    const [t, o] = runs[i];
    const end = i + 1 < runs.length ? runs[i + 1][0] : text.length;
    const piece = text.slice(t, end);
    if (piece.length > 3 && piece !== NOTES_TITLE) {
      // Joins map a space onto the line break it replaced; tones are placed one way.
      const ws = (x: string) => normaliseTones(x).replace(/\s/gu, " ");
      expect(ws(raw.normalize("NFC").slice(o, o + piece.length))).toBe(ws(piece));
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(10);
}

describe("PDF text (honglinh-2023.txt)", () => {
  const n = normalise(honglinh);
  const lines = n.text.split("\n");

  it("drops page numbers alone on a line", () => {
    expect(lines.some((l) => /^\s*\d{1,3}\s*$/u.test(l))).toBe(false);
  });
  it("rejoins lines broken mid-sentence and words hyphenated at the line end", () => {
    expect(n.text).toContain("Quyết định số 4079/QĐ-UBND ngày 09/11/2021");
    expect(n.text).toContain("Chỉ thị 18-CT/TTg của Thủ tướng");
    expect(n.text).toContain("nhiệm kỳ 2020 - 2025 và các văn bản");
    expect(n.text).toContain("Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ về về tiếp tục tăng cường");
  });
  it("keeps paragraph boundaries at section markers", () => {
    expect(lines).toContain("IV. TỔ CHỨC THỰC HIỆN");
    expect(lines.some((l) => l.startsWith("4. Chế độ thông tin báo cáo: Định kỳ 6 tháng (trước ngày 10/6), hàng năm (trước ngày 25/11) hoặc đột xuất"))).toBe(true);
  });
  it("has no blank lines, one tone placement, and offsets back to the original", () => {
    expect(lines.every((l) => l.trim().length > 0)).toBe(true);
    expect(n.text).not.toMatch(/[Uu]ỷ/u);
    expectOffsetsHold(honglinh, n.text, n.offsetRuns);
    const at = n.text.indexOf("4079/QĐ-UBND");
    expect(honglinh.slice(originalOffset(n.offsetRuns, at), originalOffset(n.offsetRuns, at) + 8)).toBe("4079/QĐ-");
  });
});

describe("a bold run broken over two lines (QĐ 71/2025 Hà Nội, page text of thuvienphapluat)", () => {
  const lines = ["Dương Đức Tuấn", "", "**QUY", "CHẾ**", "", "**Điều", "1. Phạm vi điều chỉnh**", "", "Quy chế này quy định về danh hiệu."];
  const paras = normalise(lines.join("\n"), { markdown: true }).text.split("\n");
  it("is one paragraph: the attached document's type line and an article's heading", () => {
    expect(paras).toContain("QUY CHẾ");
    expect(paras).toContain("Điều 1. Phạm vi điều chỉnh");
  });
});

describe("Markdown (tayninh-thanhpho-2023.md)", () => {
  const n = normalise(tayninh, { markdown: true });
  it("strips bold, headings and footnote marks but keeps the text", () => {
    expect(n.text).not.toMatch(/\*\*|<sup>|^#/mu);
    expect(n.text).toContain("Thực hiện tốt Quy chế công tác dân vận của hệ thống chính trị; nâng cao");
  });
  it("moves footnote bodies out of the running text into a notes block at the end", () => {
    const notes = n.text.indexOf(`\n${NOTES_TITLE}\n`);
    expect(notes).toBeGreaterThan(0);
    const body = n.text.slice(0, notes);
    expect(body).not.toContain("Quyết định 217-QĐ/TW, Quyết định 218-QĐ/TW của Bộ Chính trị về Ban hành");
    expect(n.text.slice(notes)).toContain("5 Quyết định 217-QĐ/TW");
    // The sentence the footnote interrupted is whole again.
    expect(body).toContain("Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị (khóa XI)");
  });
  it("marks Markdown headings", () => {
    const headings = n.paragraphs.filter((p) => p.heading).map((p) => n.text.slice(p.start, p.end));
    expect(headings).toContain("III. TỔ CHỨC THỰC HIỆN");
    expect(headings).toContain("1. UBND Thành phố");
  });
  it("keeps offsets back to the original", () => expectOffsetsHold(tayninh, n.text, n.offsetRuns));
});

describe("small cases", () => {
  it("composes decomposed (NFD) text and maps offsets through the change", () => {
    const raw = "Kế hoạch số 1. Phòng Nội vụ báo cáo.".normalize("NFD");
    const n = normalise(raw);
    expect(n.text).toBe("Kế hoạch số 1. Phòng Nội vụ báo cáo.");
    const at = n.text.indexOf("Phòng");
    expect(raw.slice(originalOffset(n.offsetRuns, at)).normalize("NFC").startsWith("Phòng")).toBe(true);
  });
  it("splits two-column header lines and keeps a blank document number blank", () => {
    const n = normalise("ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố:          /KH-UBND\n");
    expect(n.text.split("\n")).toEqual(["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số:", "/KH-UBND"]);
  });
  it("keeps each table row one paragraph, drops the separator row and splits a layout table into columns", () => {
    const raw =
      "| ỦY BAN NHÂN DÂN HUYỆN AN PHÚ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n| Số: 12/KH-UBND | Độc lập - Tự do - Hạnh phúc |\n\n" +
      "| TT | Nội dung | Đơn vị chủ trì |\n|:--|---|--:|\n| 1 | Rà soát thủ tục | Phòng Tư pháp |\n| 2 | Kiểm tra | Thanh tra huyện |\n";
    const n = normalise(raw, { markdown: true });
    expect(n.text.split("\n")).toEqual([
      "ỦY BAN NHÂN DÂN HUYỆN AN PHÚ",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Số: 12/KH-UBND",
      "Độc lập - Tự do - Hạnh phúc",
      "TT | Nội dung | Đơn vị chủ trì",
      "1 | Rà soát thủ tục | Phòng Tư pháp",
      "2 | Kiểm tra | Thanh tra huyện",
    ]);
    const at = n.text.indexOf("Thanh tra huyện");
    expect(raw.slice(originalOffset(n.offsetRuns, at)).startsWith("Thanh tra huyện")).toBe(true);
  });
  it("reads '<br>' in a layout table's cell as a line break, and as a space in a data row", () => {
    const raw = "| UBND THỊ XÃ NINH HÒA<br>**ỦY BAN NHÂN DÂN PHƯỜNG NINH HIỆP** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** |\n|---|---|\n\n| TT | Nội dung | Đơn vị |\n|---|---|---|\n| 1 | Rà soát<br>thủ tục | Phòng Tư pháp |\n\n|  | **TM. ỦY BAN NHÂN DÂN**<br>**CHỦ TỊCH**<br><br>**Huỳnh Thị Thu Trang** |\n";
    expect(normalise(raw, { markdown: true }).text.split("\n")).toEqual([
      "UBND THỊ XÃ NINH HÒA",
      "ỦY BAN NHÂN DÂN PHƯỜNG NINH HIỆP",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "TT | Nội dung | Đơn vị",
      "1 | Rà soát thủ tục | Phòng Tư pháp",
      "TM. ỦY BAN NHÂN DÂN",
      "CHỦ TỊCH",
      "Huỳnh Thị Thu Trang",
    ]);
  });
  it("marks the cells of a table pasted from Word with tabs, and leaves a single tab alone", () => {
    const raw = "1.\tPhòng Tư pháp: rà soát thủ tục.\nTT\tNhiệm vụ\tĐơn vị thực hiện\tThời hạn\n1\tRà soát thủ tục\tPhòng Tư pháp\tTháng 5/2025\n";
    const n = normalise(raw);
    expect(n.text.split("\n")).toEqual(["1. Phòng Tư pháp: rà soát thủ tục.", "TT|Nhiệm vụ|Đơn vị thực hiện|Thời hạn", "1|Rà soát thủ tục|Phòng Tư pháp|Tháng 5/2025"]);
    expect(n.text.length - n.text.indexOf("Tháng 5/2025")).toBe(raw.length - 1 - raw.indexOf("Tháng 5/2025"));
  });
  it("splits a long pasted line at its list markers only when they continue a list", () => {
    const line =
      "II. NHIỆM VỤ 1. Phòng Nội vụ: theo dõi việc thực hiện kế hoạch và tổng hợp kết quả báo cáo. 2. Phòng Tư pháp: rà soát thủ tục hành chính. " +
      "Ghi chú: số liệu tính đến ngày 15/6. 5. Các xã báo cáo hằng tháng về Phòng Nội vụ trước ngày 20 của tháng để tổng hợp chung.";
    expect(normalise(line).text.split("\n")).toEqual([
      "II. NHIỆM VỤ",
      "1. Phòng Nội vụ: theo dõi việc thực hiện kế hoạch và tổng hợp kết quả báo cáo.",
      "2. Phòng Tư pháp: rà soát thủ tục hành chính. Ghi chú: số liệu tính đến ngày 15/6. 5. Các xã báo cáo hằng tháng về Phòng Nội vụ trước ngày 20 của tháng để tổng hợp chung.",
    ]);
  });
  it("joins a paragraph's short first line to the next in a hard-wrapped page with blank lines between paragraphs", () => {
    // thuvienphapluat copies of PDFs: lines of some 80 characters, a blank line between paragraphs,
    // and a paragraph's first line short (the PDF's indent) even where the next starts with a capital.
    const wrapped = "Đây là một dòng văn bản khá dài được ngắt theo bề rộng trang của bản PDF gốc";
    const body = Array.from({ length: 8 }, () => `${wrapped}\n${wrapped}\n${wrapped}.`).join("\n\n");
    const text = `${body}\n\n2. Thời gian nộp hồ sơ:\n\nỦy ban Mặt trận Tổ quốc\nViệt Nam thành phố Hà Nội; các sở, ban, ngành; Ủy ban nhân dân các xã, phường;\nthành phố gửi hồ sơ về Ủy ban nhân dân thành phố qua Sở Nội vụ thành phố Hà Nội\ntrước ngày 31 tháng 3 hằng năm.\n\n${body}`;
    const lines = normalise(text).text.split("\n");
    expect(lines).toContain("2. Thời gian nộp hồ sơ:");
    expect(lines).toContain(
      "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hà Nội; các sở, ban, ngành; Ủy ban nhân dân các xã, phường; thành phố gửi hồ sơ về Ủy ban nhân dân thành phố qua Sở Nội vụ thành phố Hà Nội trước ngày 31 tháng 3 hằng năm.",
    );
  });
  it("collapses odd spacing from web pages", () => {
    expect(normalise("Phòng\u00a0Nội vụ\t  báo   cáo.").text).toBe("Phòng Nội vụ báo cáo.");
  });
});
