// The board's data and the chat summary over the scripted half-year, with `today` passed in:
// statuses per cell, overdue marks, the next 30 days, and members kept to their own unit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boardFor, decodeCell, encodeCell } from "../../../bot/report/board";
import type { EngineDb } from "../../../bot/storage/engine";
import { openDb } from "../../../bot/storage/open-db";
import { findUserByIdentity } from "../../../bot/users/users";
import { sendUpdates, setUpOffice, type Office } from "./half-year";

const NOW = new Date("2027-06-05T03:00:00Z");
let db: EngineDb;
let office: Office;

beforeAll(async () => {
  db = await openDb({ dataDir: "memory" });
  office = await setUpOffice(db, NOW);
  await sendUpdates(office, NOW);
});
afterAll(() => db.close());

const user = async (name: string) => findUserByIdentity(db, "console", name);

describe("the board's data", () => {
  it("gives a coordinator units × tasks of the current plans with the latest status", async () => {
    const r = await boardFor(db, await user("lan"), {}, "2027-06-05");
    if (!r.ok) throw new Error(r.error);
    const d = r.data;
    expect(d.period).toBe("2027-H1");
    expect(d.plans.map((p) => p.id)).toEqual(["ctr-tinh-2025-2028", "thixa-2027"]);
    expect(d.rows.map((x) => x.name)).toEqual(["Phòng Nội vụ", "Phòng Tư pháp", "Phòng Văn hóa - Thông tin"]);
    const col = (words: string) => d.tasks.findIndex((t) => t.task.includes(words));
    // Cells are one integer each, the status as its index in d.statuses.
    const cell = (unit: string, words: string) => {
      const c = decodeCell(d.rows.find((x) => x.name === unit)?.cells[col(words)] ?? 0);
      return c && [c.status === null ? null : d.statuses[c.status], c.percent, c.overdue ? 1 : 0, c.responsible ? 1 : 0];
    };
    expect(cell("Phòng Nội vụ", "tổng hợp báo cáo 6 tháng")).toEqual(["đang thực hiện", 80, 0, 1]);
    expect(cell("Phòng Nội vụ", "quy chế dân chủ")).toEqual(["chưa bắt đầu", 0, 0, 1]);
    expect(cell("Phòng Văn hóa - Thông tin", "Dân vận khéo")).toEqual(["hoàn thành", 100, 0, 1]);
    expect(cell("Phòng Tư pháp", "phổ biến pháp luật")).toEqual(["vướng mắc", 30, 0, 1]);
    expect(cell("Phòng Tư pháp", "Dân vận khéo")).toBeNull();
    expect(d.counts).toEqual({ "hoàn thành": 1, "đang thực hiện": 1, "vướng mắc": 1, "chưa cập nhật": 0 });
    expect(d.upcoming[0]).toMatchObject({ lastDay: "2027-06-09", daysLeft: 4 });
    expect(d.tasks[d.upcoming[0].task].task).toContain("tổng hợp báo cáo 6 tháng");
    // Its units: the rows responsible for that column.
    expect(d.rows.filter((x) => decodeCell(x.cells[d.upcoming[0].task])?.responsible).map((x) => x.name)).toEqual(["Phòng Nội vụ"]);
    expect(d.rows[0].lastUpdate).toBe("5/6/2027");
  });

  it("marks a task overdue once its deadline in the period has passed unfinished", async () => {
    const r = await boardFor(db, await user("lan"), {}, "2027-06-15");
    if (!r.ok) throw new Error(r.error);
    const i = r.data.tasks.findIndex((t) => t.task.includes("tổng hợp báo cáo 6 tháng"));
    expect(r.data.tasks[i].dueText).toBe("9/6/2027");
    expect(decodeCell(r.data.rows.find((x) => x.name === "Phòng Nội vụ")?.cells[i] ?? 0)?.overdue).toBe(true);
  });

  it("filters by unit and keeps members to their own unit", async () => {
    const minh = await user("minh");
    const own = await boardFor(db, minh, {}, "2027-06-05");
    if (!own.ok) throw new Error(own.error);
    expect(own.data.rows.map((x) => x.name)).toEqual(["Phòng Văn hóa - Thông tin"]);
    expect(own.data.tasks.every((t) => !t.task.includes("phổ biến pháp luật"))).toBe(true);
    const other = await boardFor(db, minh, { unitId: (await user("hoa"))?.unitId ?? -1 }, "2027-06-05");
    expect(other).toMatchObject({ ok: false, status: 403 });
    expect(await boardFor(db, null, {}, "2027-06-05")).toMatchObject({ ok: false, status: 401 });
    const one = await boardFor(db, await user("lan"), { unitId: (await user("hoa"))?.unitId ?? -1 }, "2027-06-05");
    expect(one.ok && one.data.rows.map((x) => x.name)).toEqual(["Phòng Tư pháp"]);
    expect(one.ok && one.data.unitOptions).toHaveLength(3);
  });
});

describe("a board cell as one integer", () => {
  it("keeps every status, percent and flag, and 0 for not the unit's task", () => {
    expect(decodeCell(0)).toBeNull();
    for (const status of [null, 0, 1, 2, 3])
      for (const percent of [null, 0, 57, 100])
        for (const overdue of [false, true])
          for (const responsible of [false, true]) {
            if (status === null && !responsible) continue; // a cell without an entry is a task of the unit
            const c = encodeCell(status, percent, overdue, responsible);
            expect(c).not.toBe(0);
            expect(decodeCell(c)).toEqual({ status, percent, overdue, responsible });
          }
  });
});

describe("tổng hợp tiến độ", () => {
  it("gives the coordinator the counts, the overdue tasks by name and the board link", async () => {
    const later = new Date("2027-06-15T03:00:00Z");
    const text = await office.say("lan", "tổng hợp tiến độ", later);
    expect(text).toContain("Tổng hợp tiến độ 6 tháng đầu năm 2027 (đến 15/6/2027), 3 đơn vị:");
    expect(text).toMatch(/Hoàn thành: 1\n• Đang thực hiện: 1\n• Vướng mắc: 1\n• Chưa cập nhật: 0/);
    expect(text).toMatch(/Quá hạn \(1\):\n• Phòng Nội vụ: tổng hợp báo cáo 6 tháng và báo cáo năm gửi Ủy ban nhân dân thị xã \(hạn 9\/6\/2027\)/);
    expect(text).toContain("Xem bảng tiến độ: http://localhost:3978/board");
  });

  it("refuses a member", async () => {
    expect(await office.say("minh", "tong hop tien do")).toMatch(/chỉ cán bộ tổng hợp/);
  });
});
