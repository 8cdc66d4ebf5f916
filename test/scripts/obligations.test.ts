// The obligations command as a person runs it: JSON lines, the table, help, and a bad file.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const cli = (...args: string[]) => run("npx", ["tsx", "scripts/obligations.ts", ...args], { encoding: "utf8" });
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "obl-"));
  cpSync("test/fixtures/plans/shared/honglinh-2023.txt", join(dir, "honglinh-2023.txt"));
  writeFileSync(join(dir, "broken.pdf"), "not a pdf");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run obligations", () => {
  it("prints one JSON object per obligation, names the bad file on stderr", async () => {
    const { stdout, stderr } = await cli("--plans", dir);
    const rows = stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) expect(Object.keys(r)).toEqual(["plan", "section", "responsible", "task", "recipient", "schedule", "quote"]);
    const report = rows.find((r) => r.quote.includes("Định kỳ 6 tháng (trước ngày 10/6)"));
    expect(report.schedule).toEqual([
      { period: "half_year", due: "10/6" },
      { period: "yearly", due: "25/11" },
      { period: "ad_hoc", due: null },
    ]);
    expect(report.recipient).toBe("Ủy ban nhân dân thị xã (qua phòng Nội vụ)");
    expect(stderr).toContain(join(dir, "broken.pdf"));
  });

  it("prints a table for people", async () => {
    const { stdout } = await cli("--plans", join(dir, "honglinh-2023.txt"), "--table");
    expect(stdout).toContain("Kế hoạch thực hiện công tác Dân vận chính quyền năm 2023");
    expect(stdout).toMatch(/Đơn vị thực hiện\s+\|\s+Nội dung/u);
    expect(stdout).toContain("6 tháng (trước 10/6)");
    expect(stdout).toContain("hằng năm (trước 25/11)");
  });

  it("explains its use", async () => {
    expect((await cli("--help")).stdout).toContain("--plans <path>");
    await expect(cli()).rejects.toMatchObject({ code: 2 });
  });
});
