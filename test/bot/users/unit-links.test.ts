// Collective names in a plan make real units responsible: links are made at ingest and when a
// unit is created, and the core's updates, "chưa cập nhật" and the nudges follow them.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultHandlers } from "../../../bot/core/handlers";
import { createCore } from "../../../bot/core/router";
import { loadNudgeState } from "../../../bot/nudges/nudge-state";
import { planEscalations, planNudges } from "../../../bot/nudges/planner";
import { ingestPlan } from "../../../bot/plans/library";
import type { EngineDb } from "../../../bot/storage/engine";
import { openDb } from "../../../bot/storage/open-db";
import { createInvite } from "../../../bot/users/invites";
import { linkCoveredUnits, refreshUnitCoverage } from "../../../bot/users/unit-links";
import { ensureUnit, findUnits, listUnits } from "../../../bot/users/units";
import type { Obligation, Plan } from "../../../knowledge/types";
import { FakeAnswerer, msgFrom, silentLog, testPlan } from "../fixtures";
import { textOf } from "../core/harness";
import { at, rules } from "../nudges/fixtures";

const NOW = new Date("2026-03-15T03:00:00Z");
const SEC = "II. TỔ CHỨC THỰC HIỆN › 1. Chế độ báo cáo";

function ob(id: string, responsible: string[], task: string, schedule: Obligation["schedule"]): Obligation {
  return { id, sectionId: "s4", section: SEC, responsible, task, recipient: null, schedule, quote: task, span: { start: 0, end: 0 } };
}

const WARDS = ob("o-ward0001", ["Ủy ban nhân dân các phường, xã"], "tổ chức đối thoại với nhân dân", [{ period: "yearly", due: { day: 15, month: 12, before: false, text: "ngày 15/12" } }]);
const OFFICES = ob("o-offi0001", ["các phòng, ban, đơn vị thuộc Ủy ban nhân dân thị xã"], "báo cáo kết quả thực hiện quy chế dân chủ", [
  { period: "half_year", due: { day: 10, month: 6, before: true, text: "trước ngày 10/6" } },
]);
const NOIVU = ob("o-noiv0001", ["Phòng Nội vụ"], "tổng hợp báo cáo năm gửi Ủy ban nhân dân thị xã", [{ period: "yearly", due: { day: 25, month: 11, before: true, text: "trước ngày 25/11" } }]);

function plan(extra: Obligation[] = [], sha = "v1"): Plan {
  return testPlan({ sha256: sha, obligations: [WARDS, OFFICES, NOIVU, ...extra] });
}

async function linked(db: EngineDb, unitName: string): Promise<string[]> {
  const rows = await db.query<{ obligation_id: string }>(
    "SELECT ou.obligation_id FROM obligation_units ou JOIN units u ON u.id = ou.unit_id WHERE u.name = $1 ORDER BY ou.obligation_id",
    [unitName],
  );
  return rows.map((r) => r.obligation_id);
}

let db: EngineDb;
beforeEach(async () => {
  db = await openDb({ dataDir: "memory" });
});
afterEach(async () => {
  await db.close();
});

describe("links from collective names", () => {
  it("at ingest: units that exist are linked; collective units are kept and marked", async () => {
    await ensureUnit(db, "Phòng Tư pháp", "admin");
    await ensureUnit(db, "UBND xã Thuận Lộc", "admin");
    await ingestPlan(db, plan(), NOW);
    expect(await linked(db, "Phòng Tư pháp")).toEqual(["o-offi0001"]);
    expect(await linked(db, "UBND xã Thuận Lộc")).toEqual(["o-ward0001"]);
    // The plan's own names stay units with their links, marked collective when they are.
    expect(await linked(db, "Ủy ban nhân dân các phường, xã")).toEqual(["o-ward0001"]);
    const units = await listUnits(db);
    expect(units.filter((u) => u.collective).map((u) => u.name).sort()).toEqual(["các phòng, ban, đơn vị thuộc Ủy ban nhân dân thị xã", "Ủy ban nhân dân các phường, xã"].sort());
    // Real units are listed first.
    expect(units.findIndex((u) => u.collective)).toBe(units.filter((u) => !u.collective).length);
    // The plan names Phòng Nội vụ; it is also one of the "phòng, ban, đơn vị".
    expect(await linked(db, "Phòng Nội vụ")).toEqual(["o-noiv0001", "o-offi0001"]);
  });

  it("a unit created later (admin) is linked at once, to every plan; a plan unit new at ingest reaches the other plans", async () => {
    await ingestPlan(db, plan(), NOW);
    await ensureUnit(db, "UBND phường Bắc Hồng", "admin");
    expect(await linked(db, "UBND phường Bắc Hồng")).toEqual(["o-ward0001"]);
    // Another plan naming a new office: that office is one of the first plan's "phòng, ban, đơn vị".
    const other = testPlan({ id: "khac-2026", sha256: "k1", obligations: [ob("o-vhtt0001", ["Phòng Văn hóa - Thông tin"], "tuyên truyền", [{ period: "ad_hoc", due: null }])] });
    await ingestPlan(db, other, NOW);
    expect(await linked(db, "Phòng Văn hóa - Thông tin")).toEqual(["o-offi0001", "o-vhtt0001"]);
  });

  it("a changed plan is re-linked; refreshUnitCoverage restores links and marks of an older store", async () => {
    await ensureUnit(db, "Phòng Tư pháp", "admin");
    await ingestPlan(db, plan(), NOW);
    const extra = ob("o-offi0002", ["Thủ trưởng các phòng, ban, đơn vị cấp thị xã"], "rà soát thủ tục hành chính", [{ period: "quarterly", due: null }]);
    expect(await ingestPlan(db, plan([extra], "v2"), NOW)).toBe("replaced");
    expect(await linked(db, "Phòng Tư pháp")).toEqual(["o-offi0001", "o-offi0002"]);

    // As a store written before migration 004 would be: no marks, only exact links.
    await db.query("UPDATE units SET collective = false");
    await db.query("DELETE FROM obligation_units ou USING units u WHERE u.id = ou.unit_id AND u.name = 'Phòng Tư pháp'");
    expect(await linked(db, "Phòng Tư pháp")).toEqual([]);
    expect(await refreshUnitCoverage(db)).toBe(2);
    expect(await linked(db, "Phòng Tư pháp")).toEqual(["o-offi0001", "o-offi0002"]);
    expect((await listUnits(db)).filter((u) => u.collective)).toHaveLength(3);
    expect(await linkCoveredUnits(db)).toBe(0);
  });

  it("links more obligations and units than one statement takes (slices), each once", async () => {
    // 100 tasks of the wards × 110 wards and the collective name itself: 11,100 links, over one slice of 10,000.
    const tasks = Array.from({ length: 100 }, (_, i) => ({ ...WARDS, id: `o-w${String(i).padStart(7, "0")}` }));
    await ingestPlan(db, testPlan({ sha256: "many", obligations: tasks }), NOW);
    for (let i = 0; i < 110; i++) await ensureUnit(db, `UBND phường Số ${i + 1}`, "admin");
    await db.query("DELETE FROM obligation_units");
    expect(await linkCoveredUnits(db)).toBe(100 * 111);
    const [n] = await db.query<{ n: number; pairs: number }>("SELECT count(*)::int AS n, count(DISTINCT (obligation_id, unit_id))::int AS pairs FROM obligation_units");
    expect(n).toEqual({ n: 11_100, pairs: 11_100 });
    expect(await linkCoveredUnits(db)).toBe(0);
  });

  it("findUnits prefers real units to collective names containing the words", async () => {
    await ingestPlan(db, plan(), NOW);
    await ensureUnit(db, "Ủy ban nhân dân phường Bắc Hồng", "admin");
    expect((await findUnits(db, "phường")).map((u) => u.name)).toEqual(["Ủy ban nhân dân phường Bắc Hồng"]);
  });
});

describe("through the core and the nudges", () => {
  it("an invite for a new ward unit: its member's update matches the collective task, chưa cập nhật and nudges include it", async () => {
    await ingestPlan(db, plan(), NOW);
    const core = createCore({ db, answerer: new FakeAnswerer(), log: silentLog, handlers: defaultHandlers() });
    const say = async (user: string, text: string) => textOf(await core.handle(msgFrom(user, text, NOW)));
    const adminUnit = await ensureUnit(db, "Văn phòng HĐND và UBND thị xã", "admin");
    expect(await say("admin", `đăng ký ${(await createInvite(db, { unitId: adminUnit.id, role: "admin", now: NOW })).code}`)).toContain("thành công");
    expect(await say("coord", `đăng ký ${(await createInvite(db, { unitId: adminUnit.id, role: "coordinator", now: NOW })).code}`)).toContain("thành công");

    expect(await say("admin", "tạo mã mời UBND phường Bắc Hồng thành viên")).toMatch(/đơn vị mới/);
    const invited = await say("admin", "tạo mã mời UBND phường Bắc Hồng thành viên đơn vị mới");
    const code = /Mã mời: ([A-Z0-9]{8})/.exec(invited)?.[1];
    expect(code, invited).toBeTruthy();
    expect(await linked(db, "UBND phường Bắc Hồng")).toEqual(["o-ward0001"]);
    expect(await say("ward", `đăng ký ${code}`)).toContain("UBND phường Bắc Hồng");

    const missing = await say("coord", "chưa cập nhật năm");
    expect(missing).toContain("UBND phường Bắc Hồng");
    // The collective name stands for the real units now linked to the task, so it is not listed too.
    expect(missing).not.toContain("Ủy ban nhân dân các phường, xã");

    expect(await say("ward", "cập nhật đối thoại với nhân dân: đang làm 50%")).toMatch(/Đã ghi nhận/);
    const [entry] = await db.query<{ obligation_id: string; unit: string }>(
      "SELECT e.obligation_id, u.name AS unit FROM report_entries e JOIN units u ON u.id = e.unit_id",
    );
    expect(entry).toEqual({ obligation_id: "o-ward0001", unit: "UBND phường Bắc Hồng" });
    expect(await say("coord", "chưa cập nhật năm")).not.toContain("UBND phường Bắc Hồng");

    // Nudges: the ward's member is reminded of the collective task a week before 15/12.
    const [ward] = await db.query<{ id: number }>("SELECT u.id FROM users u JOIN identities i ON i.user_id = u.id WHERE i.channel_user_id = 'ward'");
    await db.query("INSERT INTO addresses (channel, conversation_key, channel_user_id, user_id, data) VALUES ('zalo', 'ward', 'ward', $1, '{}'::jsonb)", [ward.id]);
    const when = at("2026-12-08");
    const planned = planNudges(await loadNudgeState(db, "2026-12-08"), when, rules());
    expect(planned.filter((p) => p.userId === ward.id).map((p) => [p.obligationId, p.offsetDays])).toEqual([["o-ward0001", 7]]);
  });

  it("the coordinator's overdue summary names real units with their latest status, not the collective name", async () => {
    await ensureUnit(db, "UBND phường Bắc Hồng", "admin");
    await ensureUnit(db, "UBND xã Thuận Lộc", "admin");
    await ingestPlan(db, plan(), NOW);
    const coordUnit = await ensureUnit(db, "Văn phòng HĐND và UBND thị xã", "admin");
    const [coord] = await db.query<{ id: number }>("INSERT INTO users (name, unit_id, role) VALUES ('Điều phối', $1, 'coordinator') RETURNING id", [coordUnit.id]);
    await db.query("INSERT INTO addresses (channel, conversation_key, channel_user_id, user_id, data) VALUES ('zalo', 'c', 'c', $1, '{}'::jsonb)", [coord.id]);
    const [bh] = await db.query<{ id: number }>("SELECT id FROM units WHERE name = 'UBND phường Bắc Hồng'");
    const [rep] = await db.query<{ id: number }>("INSERT INTO users (name, unit_id, role) VALUES ('Cán bộ', $1, 'member') RETURNING id", [bh.id]);
    await db.query(
      "INSERT INTO report_entries (unit_id, reporter_id, plan_id, obligation_id, period, status, percent, channel, source_message_id, updated_at) VALUES ($1, $2, 'thixa-2026', 'o-ward0001', '2026', 'đang thực hiện', 60, 'web', 'm1', $3)",
      [bh.id, rep.id, NOW],
    );
    const [summary] = planEscalations(await loadNudgeState(db, "2026-12-16"), at("2026-12-16"), rules());
    const item = summary.payload.kind === "escalation" ? summary.payload.items.find((i) => i.obligationId === "o-ward0001") : undefined;
    expect(item?.units.map((u) => [u.name, u.status ?? null, u.percent ?? null])).toEqual([
      ["UBND phường Bắc Hồng", "đang thực hiện", 60],
      ["UBND xã Thuận Lộc", null, null],
    ]);
  });
});
