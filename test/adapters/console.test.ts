// The terminal chat on the real core: lines in, replies out, a report file written to disk.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { runConsoleChat } from "../../adapters/console/console-chat";
import { harness } from "../bot/core/harness";

const dir = mkdtempSync(join(tmpdir(), "tlkh-console-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("console chat", () => {
  it("registers, updates, switches user and exports through the terminal", async () => {
    const h = await harness();
    const admin = await h.invite("Phòng Nội vụ", "coordinator");
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (d: Buffer) => (printed += d.toString("utf8")));
    const done = runConsoleChat({ core: h, input, output, user: "lan", filesDir: dir, clock: () => h.now });
    input.end(
      [`đăng ký ${admin}`, "cập nhật báo cáo 6 tháng: đã xong 80%", "1", "xuất báo cáo 6 tháng csv", "/user khach", "tiến độ", "/quit", "help"].join("\n") + "\n",
    );
    await done;
    expect(printed).toMatch(/Đăng ký thành công/);
    expect(printed).toMatch(/\[1\] \[2\] \[0\] \[hủy\]/);
    expect(printed).toMatch(/Đã ghi nhận[\s\S]*\[sửa\] \[hủy\]/);
    expect(printed).toMatch(/Đang nói với tư cách: khach[\s\S]*Bạn chưa đăng ký/);
    expect(printed).not.toMatch(/Trợ lý Kế hoạch có thể giúp bạn/); // "help" came after /quit
    const file = join(dir, "bao-cao-tien-do-2026-H1.csv");
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, "utf8")).toMatch(/Phòng Nội vụ,đang thực hiện,80/);
    expect(await h.db.query("SELECT 1 FROM addresses WHERE channel = 'console' AND conversation_key = 'console:lan'")).toHaveLength(1);
    await h.db.close();
  });
});
