// Nothing lost: 50 people updating at once through the core, the same message delivered twice,
// the numbered choice surviving a restart (it lives in the database), and data after a restart.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "../../../bot/storage/open-db";
import { msgFrom } from "../fixtures";
import { harness, textOf } from "./harness";

const dir = mkdtempSync(join(tmpdir(), "tlkh-core-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("durability", () => {
  it("stores every one of 50 concurrent updates, once each, and keeps them and a pending choice across a restart", async () => {
    const h = await harness(new Date("2026-03-15T03:00:00Z"), await openDb({ dataDir: dir }));
    const people = Array.from({ length: 50 }, (_, i) => `p${i}`);
    for (const p of people) await h.register(p, "Phòng Tư pháp", "member");
    const msgs = people.map((p, i) => msgFrom(p, `cập nhật phổ biến pháp luật: đang thực hiện ${i + 1}%`, h.now));
    const replies = await Promise.all(msgs.map((m) => h.handle(m)));
    expect(replies.every((r) => /Đã ghi nhận/.test(textOf(r)))).toBe(true);
    // Every message delivered a second time, concurrently: still one entry each.
    const again = await Promise.all(msgs.map((m) => h.handle(m)));
    expect(again.every((r) => /đã được ghi nhận trước đó/.test(textOf(r)))).toBe(true);
    const rows = await h.db.query<{ percent: number; obligation_id: string }>("SELECT percent, obligation_id FROM report_entries ORDER BY percent");
    expect(rows.map((r) => r.percent)).toEqual(people.map((_, i) => i + 1));
    expect(new Set(rows.map((r) => r.obligation_id))).toEqual(new Set(["o4"]));

    await h.register("lan", "Phòng Nội vụ", "coordinator");
    expect(await h.say("lan", "cập nhật báo cáo 6 tháng: đang làm")).toMatch(/nhiệm vụ nào/);
    await h.db.close();

    const h2 = await harness(h.now, await openDb({ dataDir: dir }));
    expect(await h2.say("lan", "2")).toMatch(/Đã ghi nhận[\s\S]*quy chế dân chủ/);
    expect((await h2.db.query<{ n: number }>("SELECT count(*)::int AS n FROM report_entries"))[0].n).toBe(51);
    expect(await h2.say("p7", "tiến độ")).toMatch(/8%/);
    await h2.db.close();
  });
});
