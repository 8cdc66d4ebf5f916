// The rule that tells which real units a plan's collective name covers.
import { describe, expect, it } from "vitest";
import { covers, parseCollective, unitMatchKey } from "../../../bot/users/unit-coverage";

const covered = (collective: string, units: string[]) => units.filter((u) => covers(collective, u));

describe("collective names", () => {
  it("are told from names of one unit", () => {
    for (const n of ["Ủy ban nhân dân các phường, xã", "các sở, ban, ngành", "UBND các huyện, thị xã, thành phố", "Các phòng ban, đơn vị", "Thủ trưởng các phòng, ban, đơn vị cấp thị xã"]) {
      expect(parseCollective(n), n).not.toBeNull();
    }
    for (const n of ["Phòng Nội vụ", "Ban Dân vận Tỉnh ủy", "UBND phường Bắc Hồng", "Ban Chỉ đạo các chương trình mục tiêu quốc gia", "Ủy ban Mặt trận Tổ quốc"]) {
      expect(parseCollective(n), n).toBeNull();
    }
  });

  it("expand abbreviations and ignore case, diacritics and punctuation", () => {
    expect(unitMatchKey("UBND P. Bắc Hồng")).toBe("uy ban nhan dan p bac hong");
    expect(unitMatchKey("Uỷ ban nhân dân xã Thuận Lộc")).toBe(unitMatchKey("UBND xa thuan loc"));
  });
});

describe("covers", () => {
  const UNITS = [
    "UBND phường Bắc Hồng",
    "Ủy ban nhân dân xã Thuận Lộc",
    "UBND thị trấn Tân Châu",
    "Phòng Tư pháp",
    "Văn phòng HĐND và UBND thị xã",
    "Sở Nội vụ",
    "UBND huyện Châu Thành",
    "Ủy ban nhân dân thị xã Hồng Lĩnh",
    "Ban Dân vận Huyện ủy Tân Biên",
    "Ban Dân vận Tỉnh ủy",
    "UBND phường",
    "Trung tâm Văn hóa - Thể thao",
  ];

  it("UBND các phường, xã: the communes' and wards' UBND, any of the three kinds, with a proper name", () => {
    expect(covered("Ủy ban nhân dân các phường, xã", UNITS)).toEqual(["UBND phường Bắc Hồng", "Ủy ban nhân dân xã Thuận Lộc", "UBND thị trấn Tân Châu"]);
    expect(covered("Chủ tịch UBND các xã", UNITS)).toEqual(["UBND phường Bắc Hồng", "Ủy ban nhân dân xã Thuận Lộc", "UBND thị trấn Tân Châu"]);
    expect(covered("các phường, xã", UNITS)).toEqual(["UBND phường Bắc Hồng", "Ủy ban nhân dân xã Thuận Lộc", "UBND thị trấn Tân Châu"]);
  });

  it("các phòng, ban, đơn vị thuộc UBND: the government's offices, not the party's bodies nor the communes", () => {
    const offices = ["Phòng Tư pháp", "Văn phòng HĐND và UBND thị xã", "Trung tâm Văn hóa - Thể thao"];
    expect(covered("các phòng, ban, đơn vị thuộc Ủy ban nhân dân thị xã", UNITS)).toEqual(offices);
    expect(covered("Thủ trưởng các phòng, ban, đơn vị cấp thị xã", UNITS)).toEqual(offices);
    expect(covered("Các phòng ban, đơn vị", UNITS)).toEqual(offices);
  });

  it("các sở, ban, ngành and UBND các huyện, thị xã, thành phố", () => {
    expect(covered("các sở, ban, ngành", UNITS)).toEqual(["Sở Nội vụ"]);
    expect(covered("UBND các huyện, thị xã, thành phố", UNITS)).toEqual(["UBND huyện Châu Thành", "Ủy ban nhân dân thị xã Hồng Lĩnh"]);
  });

  it("Ban Dân vận các huyện ủy, thị ủy, thành ủy: the districts' party bodies of that name", () => {
    expect(covered("Ban Dân vận các huyện ủy, thị ủy, thành ủy", UNITS)).toEqual(["Ban Dân vận Huyện ủy Tân Biên"]);
  });

  it("a unit named before the collective is covered too ('UBND thị xã, các phường, xã')", () => {
    expect(covered("Ủy ban nhân dân thị xã, các phường, xã", [...UNITS, "UBND thị xã"])).toEqual([
      "UBND phường Bắc Hồng",
      "Ủy ban nhân dân xã Thuận Lộc",
      "UBND thị trấn Tân Châu",
      "Ủy ban nhân dân thị xã Hồng Lĩnh",
      "UBND thị xã",
    ]);
  });

  it("public service units are not the offices", () => {
    expect(covered("Các đơn vị sự nghiệp trực thuộc Sở", UNITS)).toEqual(["Trung tâm Văn hóa - Thể thao"]);
  });

  it("an exact name (abbreviations expanded) always covers; a collective is covered only by its own name", () => {
    expect(covered("Phòng Tư pháp", UNITS)).toEqual(["Phòng Tư pháp"]);
    expect(covers("Ủy ban nhân dân huyện Châu Thành", "UBND huyện Châu Thành")).toBe(true);
    expect(covers("Ủy ban nhân dân các phường, xã", "UBND các phường, xã")).toBe(true);
    expect(covers("UBND các huyện, thị xã, thành phố", "Ủy ban nhân dân các phường, xã")).toBe(false);
    expect(covers("Phòng Nội vụ", "Phòng Tư pháp")).toBe(false);
  });
});
