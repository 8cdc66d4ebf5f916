import { describe, expect, it } from "vitest";
import { addDays } from "../../../knowledge/occurrences";
import { doneKey, muteKey, nudgeEvents, planEscalations, planNudges, snoozeKey, type NudgeState, type PlannedMessage } from "../../../bot/nudges/planner";
import { at, calendar, reportObligation, rules, state, UNITS } from "./fixtures";

/** Runs the planner each day of a period at 08:00 and 16:00, logging what it plans (as a scheduler would). */
function simulate(s: NudgeState, from: string, to: string, r = rules(), each?: (date: string, s: NudgeState) => void): PlannedMessage[] {
  const sent: PlannedMessage[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    each?.(d, s);
    for (const h of [7, 8, 16]) {
      for (const m of [...planNudges(s, at(d, h), r), ...planEscalations(s, at(d, h), r)]) {
        expect(s.logged.has(m.key)).toBe(false);
        s.logged.add(m.key);
        sent.push({ ...m, sendDate: d });
      }
    }
  }
  return sent;
}

const datesOf = (list: PlannedMessage[], userId: number) => list.filter((m) => m.userId === userId && m.kind === "nudge").map((m) => `${m.sendDate}/${m.offsetDays}`);

describe("nudge planner over 2023 (Hồng Lĩnh report: trước 10/6 and trước 25/11)", () => {
  const year = simulate(state(), "2023-01-01", "2024-01-31");

  it("nudges at 7, 3, 1, 0 days before the last day and 1 day after, moved to working days", () => {
    // Last days: Fri 9/6 and Fri 24/11; the day after each is a Saturday, so the overdue nudge goes on Monday.
    expect(datesOf(year, 10)).toEqual([
      "2023-06-02/7", "2023-06-06/3", "2023-06-08/1", "2023-06-09/0", "2023-06-12/-1",
      "2023-11-17/7", "2023-11-21/3", "2023-11-23/1", "2023-11-24/0", "2023-11-27/-1",
    ]);
  });

  it("nothing goes out on a weekend or holiday, nor before 08:00", () => {
    for (const m of year) expect(calendar.dayOff(m.sendDate), m.key).toBeNull();
    for (const d of ["2023-06-02", "2023-11-17"]) {
      expect(planNudges(state(), at(d, 7, 59), rules())).toEqual([]);
    }
  });

  it("the right people: the responsible units' users only (not Văn hóa, not a user without unit)", () => {
    const users = new Set(year.filter((m) => m.kind === "nudge").map((m) => m.userId));
    expect([...users].sort()).toEqual([10, 11]);
  });

  it("the plan's validity bounds the dates: no 2024 nudges from a 2023 plan", () => {
    expect(year.filter((m) => m.occurrence >= "2024-01-01")).toEqual([]);
  });

  it("a nudge due on a holiday goes out on the working day before it", () => {
    // "trước ngày 5/5": last day Thu 4/5/2023; 3 days before (1/5) and 1 day before (3/5) are days
    // off (29/4-3/5), so both go on Fri 28/4, as one nudge.
    const s = state({ obligations: [reportObligation({ schedule: [{ period: "yearly", due: { day: 5, month: 5, before: true, text: "trước ngày 5/5" } }] })] });
    expect(datesOf(simulate(s, "2023-04-01", "2023-05-31"), 10)).toEqual(["2023-04-27/7", "2023-04-28/1", "2023-05-04/0", "2023-05-05/-1"]);
    expect(nudgeEvents("2023-09-05", [7, 3, 1, 0, -1], calendar).map((e) => e.sendDate)).toEqual([
      "2023-08-29", "2023-08-31", "2023-09-05", "2023-09-06",
    ]);
  });

  it("a monthly obligation over the year never lands on a day off, incl. Tết 2023", () => {
    const s = state({ obligations: [reportObligation({ schedule: [{ period: "monthly", due: { day: 25, before: false, text: "ngày 25 hằng tháng" } }] })] });
    const list = simulate(s, "2023-01-01", "2023-12-31");
    for (const m of list) expect(calendar.isWorkingDay(m.sendDate)).toBe(true);
    // January's last day (Wed 25/1) is in Tết: 7 days before is Wed 18/1, the rest fall in 20-26/1
    // and move to Thu 19/1 (one nudge); the overdue one waits for Fri 27/1.
    expect(datesOf(list, 10).filter((d) => d.startsWith("2023-01"))).toEqual(["2023-01-18/7", "2023-01-19/0", "2023-01-27/-1"]);
  });

  it("escalation: the coordinator gets one summary per working day listing units that have not reported", () => {
    const esc = year.filter((m) => m.kind === "escalation");
    expect(new Set(esc.map((m) => m.userId))).toEqual(new Set([13]));
    expect(esc[0].sendDate).toBe("2023-06-12");
    expect(new Set(esc.map((m) => m.sendDate)).size).toBe(esc.length);
    for (const m of esc) expect(calendar.isWorkingDay(m.sendDate)).toBe(true);
    const first = esc[0].payload;
    expect(first.kind === "escalation" && first.items[0].units.map((u) => u.name)).toEqual(["UBND phường Bắc Hồng", "UBND xã Thuận Lộc"]);
    // 30 days after 9/6 at most, then again from 27/11 for the annual report.
    expect(esc.filter((m) => m.sendDate > "2023-07-09" && m.sendDate < "2023-11-25")).toEqual([]);
    expect(esc.some((m) => m.sendDate === "2023-11-27")).toBe(true);
  });
});

describe("done, mute, snooze, catch-up", () => {
  it("a done entry stops the unit's nudges for that occurrence and drops the unit from the summary", () => {
    const s = state();
    const list = simulate(s, "2023-06-01", "2023-06-14", rules(), (d, st) => {
      if (d === "2023-06-07") st.done.add(doneKey(UNITS.thuanLoc, "honglinh-2023", "o12", "2023-H1"));
    });
    expect(datesOf(list, 11)).toEqual(["2023-06-02/7", "2023-06-06/3"]);
    expect(datesOf(list, 10)).toHaveLength(5);
    const esc = list.find((m) => m.kind === "escalation")!.payload;
    expect(esc.kind === "escalation" && esc.items[0].units.map((u) => u.id)).toEqual([UNITS.bacHong]);
  });

  it("'tắt nhắc việc này' (a per-obligation mute) stops that user's nudges only", () => {
    const s = state({ mutes: new Set([muteKey(10, "honglinh-2023", "o12")]) });
    const list = simulate(s, "2023-06-01", "2023-06-14");
    expect(datesOf(list, 10)).toEqual([]);
    expect(datesOf(list, 11)).toHaveLength(5);
  });

  it("a snooze holds the nudges back until its day, then sends one, then the series goes on", () => {
    const s = state();
    // On Fri 2/6 (the 7-day nudge) user 10 says "nhắc lại sau 5 ngày": back on Wed 7/6, skipping 6/6.
    const list = simulate(s, "2023-06-01", "2023-06-14", rules(), (d, st) => {
      if (d === "2023-06-03") st.snoozes.set(snoozeKey(10, "honglinh-2023", "o12", "2023-06-09"), "2023-06-07");
    });
    expect(datesOf(list, 10)).toEqual(["2023-06-02/7", "2023-06-07/2", "2023-06-08/1", "2023-06-09/0", "2023-06-12/-1"]);
    const back = list.find((m) => m.userId === 10 && m.sendDate === "2023-06-07")!;
    expect(back.key).toMatch(/:s2023-06-07$/);
    expect(back.payload.kind === "nudge" && back.payload.afterSnooze).toBe(true);
    expect(datesOf(list, 11)).toEqual(["2023-06-02/7", "2023-06-06/3", "2023-06-08/1", "2023-06-09/0", "2023-06-12/-1"]);
  });

  it("a snooze ending on a weekend comes back on the next working day", () => {
    const s = state({ snoozes: new Map([[snoozeKey(10, "honglinh-2023", "o12", "2023-06-09"), "2023-06-04"]]) });
    const list = simulate(s, "2023-06-02", "2023-06-05");
    expect(datesOf(list, 10)).toEqual(["2023-06-05/4"]);
  });

  it("after a downtime only the latest missed nudge of an occurrence goes out, once", () => {
    const s = state();
    const first = planNudges(s, at("2023-06-09", 10), rules()).filter((m) => m.userId === 10);
    expect(first.map((m) => m.offsetDays)).toEqual([0]);
    // Down from 1/6 to 16/6 (Fri): the overdue nudge of Mon 12/6 is 4 days old, still sent once.
    const late = planNudges(state(), at("2023-06-16", 9), rules()).filter((m) => m.userId === 10 && m.kind === "nudge");
    expect(late.map((m) => m.offsetDays)).toEqual([-1]);
    // Down until 26/6: more than 7 days late, nothing (the coordinator's summary covers it).
    expect(planNudges(state(), at("2023-06-26", 9), rules())).toEqual([]);
  });

  it("an office-set date for an undated period produces nudges marked as set by the office", () => {
    const s = state({
      obligations: [
        reportObligation({
          obligationId: "o11",
          schedule: [{ period: "half_year", due: null }],
          officeSchedule: [{ period: "half_year", due: { day: 15, month: 6, before: false, text: "15/6" } }],
          unitIds: [UNITS.noiVu],
        }),
      ],
    });
    const list = planNudges(s, at("2023-06-15"), rules());
    expect(list.map((m) => [m.userId, m.occurrence, m.offsetDays])).toEqual([[13, "2023-06-15", 0]]);
    expect(list[0].payload.kind === "nudge" && list[0].payload.setByOffice).toBe(true);
    // Without the office's date: nothing, never an invented date.
    const bare = state({ obligations: [reportObligation({ schedule: [{ period: "half_year", due: null }], unitIds: [UNITS.noiVu] })] });
    expect(simulate(bare, "2023-01-01", "2023-12-31").filter((m) => m.kind === "nudge")).toEqual([]);
  });
});
