// createApp as the server and CLIs use it: ingest PLANS_DIR into DATA_DIR, answer with the real
// engine, and after a restart find the same plans unchanged and the stored entries still there.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../bot/app";
import { loadConfig } from "../../bot/config";
import { createInvite } from "../../bot/users/invites";
import { ensureUnit } from "../../bot/users/units";
import { silentLog } from "./fixtures";
import { textOf } from "./core/harness";

const dir = mkdtempSync(join(tmpdir(), "tlkh-app-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Three fixed plans (test/fixtures/plans/own keeps growing with extraction fixtures).
const plansDir = join(dir, "plans");
mkdirSync(plansDir);
for (const f of ["krongbuk-cchc-2025.md", "laocai-cds-2025-web.txt", "nhonbinh-pbgdpl-2024.txt"]) copyFileSync(join("test/fixtures/plans/own", f), join(plansDir, f));
const config = loadConfig({ DATA_DIR: join(dir, "data"), PLANS_DIR: plansDir, LOG_LEVEL: "silent" });
const now = new Date("2026-03-15T03:00:00Z");

describe("createApp", () => {
  it("ingests the plans folder, answers questions, and keeps everything across a restart", async () => {
    const app = await createApp(config, { log: silentLog, clock: () => now });
    expect(app.ingested.map((r) => r.status)).toEqual(["ingested", "ingested", "ingested"]);
    expect(app.plans.map((p) => p.id).sort()).toEqual(["krongbuk-cchc-2025", "laocai-cds-2025-web", "nhonbinh-pbgdpl-2024"]);
    const answer = await app.handle({ channel: "web", messageId: "q1", channelUserId: "w1", isGroup: false, text: "khi nào nộp báo cáo?", receivedAt: now });
    expect(answer[0].kind).toBe("text");
    expect(textOf(answer)).not.toMatch(/Xin lỗi, hệ thống/);

    const unit = await ensureUnit(app.db, "Phòng Nội vụ", "admin");
    const inv = await createInvite(app.db, { unitId: unit.id, role: "member", now });
    await app.handle({ channel: "web", messageId: "r1", channelUserId: "w1", isGroup: false, text: `đăng ký ${inv.code}`, receivedAt: now });
    // Phòng Nội vụ is named by the plan and covered by its "các cơ quan, đơn vị": several tasks fit, the bot asks.
    const asked = await app.handle({ channel: "web", messageId: "u1", channelUserId: "w1", isGroup: false, text: "cập nhật cải cách hành chính: đang làm 30%", receivedAt: now });
    expect(textOf(asked)).toMatch(/nhiệm vụ nào/);
    const stored = await app.handle({ channel: "web", messageId: "u2", channelUserId: "w1", isGroup: false, text: "1", receivedAt: now });
    expect(textOf(stored)).toMatch(/Đã ghi nhận/);
    await app.close();

    const again = await createApp(config, { log: silentLog, clock: () => now });
    try {
      expect(again.ingested.map((r) => r.status)).toEqual(["unchanged", "unchanged", "unchanged"]);
      expect(textOf(await again.handle({ channel: "web", messageId: "l1", channelUserId: "w1", isGroup: false, text: "tiến độ", receivedAt: now }))).toMatch(/30%/);
    } finally {
      await again.close();
    }
  });
});
