// npm run nudges as a person runs it: the dry run over a seeded store, and its usage errors.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../bot/storage/open-db";
import { seedHonglinh } from "../bot/nudges/db";

const run = promisify(execFile);
let dir: string;
const cli = (...args: string[]) =>
  run("npx", ["tsx", "scripts/nudges.ts", ...args], { encoding: "utf8", env: { ...process.env, DATA_DIR: dir, DATABASE_URL: "", HOLIDAYS_FILE: "" } });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "nudges-cli-"));
  const db = await openDb({ dataDir: join(dir, "db") });
  await seedHonglinh(db);
  await db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run nudges", () => {
  it("--dry-run lists what would go out and to whom, day by day, and sends nothing", async () => {
    const { stdout } = await cli("--now", "2023-06-01T08:00", "--dry-run", "--days", "12");
    expect(stdout).toContain("Dry run: nothing is sent.");
    expect(stdout).toContain("Thứ Năm, 1/6/2023 08:00: nothing due");
    expect(stdout).toContain("Thứ Bảy, 3/6/2023: day off (Thứ Bảy), nothing goes out");
    expect(stdout).toMatch(/Thứ Sáu, 2\/6\/2023: 2 message\(s\)\n {2}nudge {3}-> Nguyễn Văn An \(UBND phường Bắc Hồng\) via zalo: .*last day Thứ Sáu, 9\/6\/2023 \(7 day\(s\) before\)/);
    expect(stdout).toMatch(/Thứ Hai, 12\/6\/2023: 3 message\(s\)[\s\S]*summary -> Phạm Thị Dung \(Phòng Nội vụ\) via teams/);
    expect(stdout).toContain("11 message(s) in all.");
    const db = await openDb({ dataDir: join(dir, "db") });
    try {
      expect(await db.query("SELECT 1 FROM nudge_log")).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it("without --dry-run or with a bad --now it explains the fix and exits 2", async () => {
    const noDry = await cli("--now", "2023-06-01T08:00").then(() => null, (e: { code: number; stderr: string }) => e);
    expect(noDry?.code).toBe(2);
    expect(noDry?.stderr).toContain("Add --dry-run");
    const bad = await cli("--now", "1/6/2023", "--dry-run").then(() => null, (e: { code: number; stderr: string }) => e);
    expect(bad?.code).toBe(2);
    expect(bad?.stderr).toContain("--now must be a local date-time like 2023-06-01T08:00");
  });
});
