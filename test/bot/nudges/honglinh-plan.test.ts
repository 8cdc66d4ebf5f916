// The real Hồng Lĩnh 2023 plan, loaded and ingested as the app does: its 6-month (trước ngày 10/6)
// and annual (trước ngày 25/11) reports produce nudges on the right working days of 2023.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../bot/config";
import { ingestPlan } from "../../../bot/plans/library";
import { NudgeScheduler } from "../../../bot/nudges/scheduler";
import type { EngineDb } from "../../../bot/storage/engine";
import { unitKey } from "../../../bot/users/units";
import { loadPlanFile } from "../../../knowledge/load-plan";
import { addDays } from "../../../knowledge/occurrences";
import type { Plan } from "../../../knowledge/types";
import { at, calendar } from "./fixtures";
import { openMemory, RecordingSender, userOf } from "./db";

let db: EngineDb;
let plan: Plan;

beforeAll(async () => {
  db = await openMemory();
  plan = await loadPlanFile("test/fixtures/plans/shared/honglinh-2023.txt");
  await ingestPlan(db, plan, at("2023-02-15"));
});
afterAll(async () => {
  await db.close();
});

describe("Hồng Lĩnh 2023 plan", () => {
  it("nudges the units responsible for the reports on the right working days, none on days off", async () => {
    const report = plan.obligations.find((o) => o.schedule.some((s) => s.due?.text === "trước ngày 10/6"));
    expect(report, "the plan's report obligation (trước ngày 10/6)").toBeDefined();
    expect(report!.schedule.find((s) => s.period === "yearly")?.due?.text).toBe("trước ngày 25/11");
    // One registered user per responsible unit, and one in a unit the report does not concern.
    const units = await db.query<{ id: number; name_key: string }>(
      "SELECT u.id, u.name_key FROM units u JOIN obligation_units ou ON ou.unit_id = u.id WHERE ou.plan_id = $1 AND ou.obligation_id = $2 ORDER BY u.id",
      [plan.id, report!.id],
    );
    expect(units.length).toBeGreaterThan(0);
    const other = await db.query<{ id: number }>("INSERT INTO units (name, name_key) VALUES ('Phòng Tài chính - Kế hoạch', $1) RETURNING id", [unitKey("Phòng Tài chính - Kế hoạch")]);
    const unitIds = [...units.map((u) => u.id), other[0].id];
    for (const [i, unitId] of unitIds.entries()) {
      await db.query("INSERT INTO users (id, name, unit_id, role) VALUES ($1, $2, $3, 'member')", [100 + i, `Cán bộ ${i}`, unitId]);
      await db.query("INSERT INTO addresses (channel, conversation_key, channel_user_id, user_id, data) VALUES ('zalo', $1, $2, $3, '{}'::jsonb)", [`c-${100 + i}`, `z${100 + i}`, 100 + i]);
    }
    const zalo = new RecordingSender("zalo");
    const s = new NudgeScheduler({ db, senders: [zalo], config: loadConfig({}), calendar, delivery: { workerId: "hl" } });
    const days = new Map<number, string[]>();
    for (let d = "2023-01-01"; d <= "2024-01-15"; d = addDays(d, 1)) {
      const before = zalo.delivered.length;
      await s.tick(at(d, 8, 0));
      for (const x of zalo.delivered.slice(before)) days.set(userOf(x), [...(days.get(userOf(x)) ?? []), d]);
    }
    const expected = ["2023-06-02", "2023-06-06", "2023-06-08", "2023-06-09", "2023-06-12", "2023-11-17", "2023-11-21", "2023-11-23", "2023-11-24", "2023-11-27"];
    for (const [i] of units.entries()) expect(days.get(100 + i), `user of unit ${units[i].name_key}`).toEqual(expected);
    expect(days.get(100 + units.length)).toBeUndefined();
    for (const x of zalo.delivered) {
      const t = x.messages[0].kind === "text" ? x.messages[0].text : "";
      expect(t).toContain("Kế hoạch thực hiện công tác Dân vận chính quyền năm 2023");
    }
    for (const list of days.values()) for (const d of list) expect(calendar.isWorkingDay(d)).toBe(true);
  });
});
