// The obligation scorer counts the way ../shared/eval/score_obligations.py does, and the commands
// print their figures with the score last.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ObligationRecord } from "../../knowledge/obligations/format";
import { furnitureTitle } from "../../scripts/eval/furniture";
import { fold, scoreObligations } from "../../scripts/eval/obligation-score";

const run = promisify(execFile);
const record = (quote: string, due: string | null, plan = "p"): ObligationRecord => ({ plan, section: "", responsible: ["Sở Nội vụ"], task: "", recipient: null, schedule: [{ period: "yearly", due }], quote });

describe("scoring like score_obligations.py", () => {
  it("folds diacritics, dates and punctuation", () => {
    expect(fold("trước ngày 05 tháng 12\nnăm 2025")).toBe("truoc5/12/2025");
    expect(fold("**Đến 10/06**")).toBe("**den10/6**");
  });
  it("finds a gold obligation by the start of its quote and checks its due date", () => {
    const gold = [
      { plan: "p", quote: "gửi hồ sơ đề nghị khen thưởng đến Sở Nội vụ (qua Phòng Thi\nđua, khen thưởng) trước ngày 10/12 hằng năm.", due: "10/12" },
      { plan: "p", quote: "Hằng năm hoặc đột xuất báo cáo kết quả thực hiện về Bộ Công an", due: null },
      { plan: "p", quote: "trước ngày 30/11/2025", due: "30/11" },
    ];
    const got = [record("Các cơ quan gửi hồ sơ đề nghị khen thưởng đến Sở Nội vụ (qua Phòng Thi đua, khen thưởng) trước ngày 10/12 hằng năm.", "10/12"), record("xong trước ngày 30/11/2025 nhé các đơn vị", "1/12")];
    expect(scoreObligations(gold, got).map((r) => r.fault)).toEqual([null, "not found", "due 30/11"]);
  });
});

describe("npm run eval:obligations and corpus:summary", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "evalobl-"));
    cpSync("test/fixtures/real/cv4240-hcm-2025.txt", join(dir, "docs", "cv4240.txt"), { recursive: true });
    writeFileSync(
      join(dir, "gold.jsonl"),
      `${JSON.stringify({ plan: "cv4240", quote: "- Tiếp tục triển khai việc cập\nnhật cơ sở dữ liệu", due: "06/12" })}\n${JSON.stringify({ plan: "cv4240", quote: "không có trong văn bản này", due: null })}\n`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints per-document figures, causes and the score last", async () => {
    const { stdout } = await run("npx", ["tsx", "scripts/eval-obligations.ts", "--plans", join(dir, "docs"), "--gold", join(dir, "gold.jsonl")], { encoding: "utf8" });
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^cv4240: \d+ extracted, \d+% with a unit, \d+% with a due rule$/u);
    expect(stdout).toContain("NOT FOUND cv4240: không có trong văn bản này");
    expect(lines[lines.length - 1]).toBe("score: 1/2");
  });

  it("summarises a corpus: titles, numbers, issuers, obligations and the ingest rate", async () => {
    const { stdout } = await run("npx", ["tsx", "scripts/corpus-summary.ts", join(dir, "docs")], { encoding: "utf8" });
    expect(stdout).toContain("documents: 1, loaded 1, failed 0");
    expect(stdout).toMatch(/title: 1\/1 {2}number: 1\/1 {2}issuer: 1\/1 {2}kind: 1\/1/u);
    expect(stdout).toContain("titles that look like page furniture: 0");
    expect(stdout).toMatch(/load \+ extract: [\d.]+ documents\/s/u);
  });

  it("tells page furniture from a title", () => {
    expect(furnitureTitle("# source: https://thuvienphapluat.vn/van-ban/x.aspx")).toBe(true);
    expect(furnitureTitle("Thứ Năm, 18/07/2024")).toBe(true);
    expect(furnitureTitle("|")).toBe(true);
    expect(furnitureTitle("Kế hoạch triển khai thực hiện Chỉ thị số 32/CT-TTg")).toBe(false);
  });
});
