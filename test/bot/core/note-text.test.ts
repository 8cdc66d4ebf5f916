// A note is free text: a "20-14" in it (a code, a range, a number) is not a mistyped date, and a NUL
// character (pasted from a file) is dropped; the update is stored, on both engines, through a turn.
// A date the text calls a date ("ngày 20-14") is still refused politely.
import { afterAll, describe, expect, it } from "vitest";
import type { EngineDb } from "../../../bot/storage/engine";
import { dropSchema, freshSchema, openMemory, openPg, PG_MISSING, PG_URL } from "../storage/engines";
import { harness } from "./harness";

const schema = freshSchema("notes");
afterAll(() => dropSchema(schema));

const engines: [string, () => Promise<EngineDb>][] = [
  ["PGlite", openMemory],
  ["PostgreSQL", () => {
    expect(PG_URL, PG_MISSING).toBeTruthy();
    return openPg(schema);
  }],
];

describe.each(engines)("note text on %s", (_name, open) => {
  it("stores a note with 20-14 and one with a NUL character, and refuses 'ngày 20-14'", async () => {
    const h = await harness(undefined, await open());
    try {
      await h.register("an", "Phòng Tư pháp", "member");
      const notes = async () =>
        (await h.db.query<{ note: string; percent: number | null; done_on: string | null }>("SELECT note, percent, done_on::text FROM report_entries ORDER BY id"));

      const first = await h.say("an", "cập nhật phổ biến pháp luật: đang thực hiện 50%, còn chờ số liệu 20-14");
      expect(first).toMatch(/Đã ghi nhận[\s\S]*Ghi chú: còn chờ số liệu 20-14/);
      expect(first).not.toMatch(/sự cố|lỗi hệ thống/i);

      const second = await h.say("an", "cập nhật phổ biến pháp luật: đã xong 80%, chờ phường Bắc\u0000 Hồng ký");
      expect(second).toMatch(/Đã ghi nhận[\s\S]*Ghi chú: chờ phường Bắc Hồng ký/);
      expect(second).not.toContain("\u0000");

      expect(await notes()).toEqual([
        { note: "còn chờ số liệu 20-14", percent: 50, done_on: null },
        { note: "chờ phường Bắc Hồng ký", percent: 80, done_on: null },
      ]);

      expect(await h.say("an", "cập nhật phổ biến pháp luật: đã xong, gửi ngày 20-14")).toMatch(/Ngày 20-14 không có thật \(tháng 14 không tồn tại\)/);
      expect(await h.say("an", "sửa: chờ số liệu 20-14")).toMatch(/Ghi chú: chờ số liệu 20-14/);
      expect((await notes()).map((r) => r.note)).toEqual(["còn chờ số liệu 20-14", "chờ số liệu 20-14"]);
    } finally {
      await h.db.close();
    }
  });
});
