// Reading plan files of every format, and refusing what is not a plan with the file named.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPlanFile } from "../../../knowledge/load/read-file";
import { loadPlanFile } from "../../../knowledge/load-plan";
import { PlanLoadError } from "../../../knowledge/types";
import { makeDocx, makeEncryptedPdf, makePdf, noise } from "./make-files";

let dir: string;
const file = (name: string, data: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};

const PLAN_LINES = [
  "ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ",
  "KẾ HOẠCH",
  "Công tác thi đua, khen thưởng năm 2025",
  "I. MỤC ĐÍCH, YÊU CẦU",
  "1. Đánh giá đúng kết quả thực hiện nhiệm vụ của các cơ quan, đơn vị trên địa bàn huyện.",
  "II. TỔ CHỨC THỰC HIỆN",
  "1. Phòng Nội vụ: chủ trì, tổng hợp báo cáo định kỳ 6 tháng (trước ngày 10/6) và hằng năm",
  "(trước ngày 25/11) gửi Ủy ban nhân dân huyện.",
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "plans-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function expectLoadError(path: string, reason: RegExp): Promise<void> {
  const err = await loadPlanFile(path).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PlanLoadError);
  expect((err as PlanLoadError).file).toBe(path);
  expect((err as Error).message).toContain(path);
  expect((err as Error).message).toMatch(reason);
}

describe("text files", () => {
  it("reads UTF-8 with and without a BOM and UTF-16 with a BOM", async () => {
    const text = "Kế hoạch báo cáo định kỳ 6 tháng";
    expect((await readPlanFile(file("a.txt", text))).raw).toBe(text);
    expect((await readPlanFile(file("b.txt", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])))).raw).toBe(text);
    expect((await readPlanFile(file("c.txt", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])))).raw).toBe(text);
    const be = Buffer.from(text, "utf16le").swap16();
    expect((await readPlanFile(file("d.txt", Buffer.concat([Buffer.from([0xfe, 0xff]), be])))).raw).toBe(text);
  });

  it("marks .md files as Markdown", async () => {
    expect((await readPlanFile(file("e.md", "# Kế hoạch"))).format).toBe("markdown");
  });
});

describe("Word and PDF files made at test time", () => {
  it("loads a .docx with its headings and obligations", async () => {
    const docx = await makeDocx([
      "ỦY BAN NHÂN DÂN XÃ AN HÒA",
      "KẾ HOẠCH",
      "Phòng, chống thiên tai năm 2025",
      "# I. MỤC ĐÍCH, YÊU CẦU",
      "Chủ động phòng ngừa, ứng phó kịp thời với thiên tai.",
      "# II. TỔ CHỨC THỰC HIỆN",
      "1. Ban Chỉ huy phòng, chống thiên tai xã: tổng hợp báo cáo hằng quý về Ủy ban nhân dân huyện trước ngày 20 của tháng cuối quý.",
    ]);
    const plan = await loadPlanFile(file("anhoa-pctt-2025.docx", docx));
    expect(plan.id).toBe("anhoa-pctt-2025");
    expect(plan.meta.title).toBe("Kế hoạch phòng, chống thiên tai năm 2025");
    expect(plan.meta.issuer).toBe("Ủy ban nhân dân xã An Hòa");
    expect(plan.sections.map((s) => s.path)).toContain("II. TỔ CHỨC THỰC HIỆN › 1. Ban Chỉ huy phòng, chống thiên tai xã");
    const o = plan.obligations.find((x) => x.quote.includes("hằng quý"));
    expect(o?.schedule).toEqual([{ period: "quarterly", due: { day: 20, monthInPeriod: "last", before: true, text: "trước ngày 20 của tháng cuối quý" } }]);
    expect(o?.recipient).toBe("Ủy ban nhân dân huyện");
  });

  it("loads a two-page .pdf: page numbers dropped, lines rejoined, deadlines found", async () => {
    const bytes = await makePdf(PLAN_LINES, 6);
    const plan = await loadPlanFile(file("tanphu-tdkt-2025.pdf", bytes));
    expect(plan.text).not.toMatch(/^\s*[12]\s*$/mu);
    const tail = "và hằng năm (trước ngày 25/11) gửi Ủy ban nhân dân huyện.";
    expect(plan.text).toContain(tail);
    expect(plan.meta.issuer).toBe("Ủy ban nhân dân huyện Tân Phú");
    const o = plan.obligations.find((x) => x.quote.includes("định kỳ 6 tháng"));
    expect(o?.responsible).toEqual(["Phòng Nội vụ"]);
    expect(o?.recipient).toBe("Ủy ban nhân dân huyện");
    expect(o?.schedule.map((s) => [s.period, s.due && `${s.due.day}/${s.due.month}`])).toEqual([
      ["half_year", "10/6"],
      ["yearly", "25/11"],
    ]);
  });
});

describe("files that are not plans", () => {
  it("an empty file", async () => expectLoadError(file("empty.txt", ""), /empty/u));
  it("a binary file", async () => expectLoadError(file("binary.txt", noise(4096)), /binary|not UTF-8/u));
  it("text that is not a Vietnamese plan", async () => expectLoadError(file("english.txt", "Lorem ipsum dolor sit amet. ".repeat(20)), /no Vietnamese plan text/u));
  it("a corrupt .docx", async () => expectLoadError(file("corrupt.docx", Buffer.concat([Buffer.from("PK\u0003\u0004"), noise(2000)])), /damaged|not a \.docx/u));
  it("a .docx that is not a ZIP at all", async () => expectLoadError(file("fake.docx", "Kế hoạch"), /not a Word \.docx file/u));
  it("a corrupt .pdf", async () => expectLoadError(file("corrupt.pdf", Buffer.concat([Buffer.from("%PDF-1.7\n"), noise(3000)])), /PDF/u));
  it("a .pdf without a PDF header", async () => expectLoadError(file("fake.pdf", "hello"), /not a PDF/u));
  it("a password-protected .pdf", async () => expectLoadError(file("locked.pdf", makeEncryptedPdf()), /password/u));
  it("an unsupported file type", async () => expectLoadError(file("plan.xlsx", "x"), /unsupported file type/u));
  it("a missing file", async () => expectLoadError(join(dir, "missing.txt"), /cannot read/u));

  it("50 MB of noise fails fast on the size cap", async () => {
    const p = file("noise.pdf", noise(50 * 1024 * 1024));
    const t0 = process.hrtime.bigint();
    await expectLoadError(p, /too large/u);
    // Generous bound: the cap is checked from the file size, without reading the content.
    expect(Number(process.hrtime.bigint() - t0) / 1e6).toBeLessThan(2000);
  });
});
