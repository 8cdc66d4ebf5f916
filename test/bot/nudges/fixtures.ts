// Plan data for the nudge tests: the Hồng Lĩnh 2023 plan's reporting obligation (section IV.4,
// "Định kỳ 6 tháng (trước ngày 10/6), hàng năm (trước ngày 25/11)"), as extraction gives it.
import type { ScheduleItem } from "../../../knowledge/types";
import { loadCalendar } from "../../../bot/nudges/calendar";
import type { NudgeObligation, NudgeRules, NudgeState, NudgeUser } from "../../../bot/nudges/planner";

export const HONGLINH_TITLE = "Kế hoạch thực hiện công tác Dân vận chính quyền năm 2023";

export const REPORT_SCHEDULE: ScheduleItem[] = [
  { period: "half_year", due: { day: 10, month: 6, before: true, text: "trước ngày 10/6" } },
  { period: "yearly", due: { day: 25, month: 11, before: true, text: "trước ngày 25/11" } },
];

/** "Phòng Nội vụ: ... Định kỳ 6 tháng, năm ... tổng hợp, báo cáo": periods without a date. */
export const UNDATED_SCHEDULE: ScheduleItem[] = [
  { period: "half_year", due: null },
  { period: "yearly", due: null },
];

export const UNITS = { noiVu: 1, bacHong: 2, thuanLoc: 3, vanHoa: 4 } as const;
export const UNIT_NAMES = new Map<number, string>([
  [1, "Phòng Nội vụ"],
  [2, "UBND phường Bắc Hồng"],
  [3, "UBND xã Thuận Lộc"],
  [4, "Phòng Văn hóa - Thông tin"],
]);

export function reportObligation(over: Partial<NudgeObligation> = {}): NudgeObligation {
  return {
    planId: "honglinh-2023",
    planTitle: HONGLINH_TITLE,
    obligationId: "o12",
    task: "Tổng hợp báo cáo tình hình, kết quả thực hiện công tác dân vận chính quyền",
    schedule: REPORT_SCHEDULE,
    officeSchedule: [],
    validity: { from: 2023, to: 2023 },
    unitIds: [UNITS.bacHong, UNITS.thuanLoc],
    ...over,
  };
}

export const USERS: NudgeUser[] = [
  { id: 10, unitId: UNITS.bacHong, role: "member", planId: "honglinh-2023" },
  { id: 11, unitId: UNITS.thuanLoc, role: "member", planId: null },
  { id: 12, unitId: UNITS.vanHoa, role: "member", planId: null },
  { id: 13, unitId: UNITS.noiVu, role: "coordinator", planId: "honglinh-2023" },
  { id: 14, unitId: null, role: "member", planId: null },
];

export function state(over: Partial<NudgeState> = {}): NudgeState {
  return {
    obligations: [reportObligation()],
    users: USERS,
    unitNames: UNIT_NAMES,
    mutes: new Set(),
    snoozes: new Map(),
    done: new Set(),
    logged: new Set(),
    ...over,
  };
}

export const calendar = loadCalendar();

export function rules(over: Partial<NudgeRules> = {}): NudgeRules {
  return { calendar, hour: 8, offsets: [7, 3, 1, 0, -1], catchUpDays: 7, escalationDays: 30, ...over };
}

/** 08:00 (or `hour`) in Asia/Ho_Chi_Minh on a date. */
export function at(date: string, hour = 8, minute = 0): Date {
  return new Date(`${date}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00+07:00`);
}
