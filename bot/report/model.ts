// The draft report in the outline of an administrative report (Nghị định 30/2020/NĐ-CP): the
// office's header, the subject, I. results per task of the current plans under the plans' own
// section titles (each office unit's latest status, percent and note), II. problems (entries marked
// vướng mắc), III. the tasks due in the next period, IV. proposals (placeholders), a summary of
// units × status, "Nơi nhận" (the plans' recipient for this report) and the signature block.
// What the data does not give is the placeholder PLACEHOLDER, never invented.
import type { Period, ScheduleItem } from "../../knowledge/types";
import { datedOccurrences } from "../nudges/due-dates";
import type { DbQuery } from "../storage/db";
import { nextPeriod, periodLabel, periodRange, reportKind } from "../../knowledge/time";
import type { Status } from "../updates/status";
import { byName, cellKey, loadProgress, type ProgressSnapshot, type ProgressTask } from "./progress";

export const PLACEHOLDER = "[...]";

/** The office that issues the report, from configuration (OFFICE_*); null where not configured. */
export interface OfficeSettings {
  /** The body above the issuer ("UBND HUYỆN ..."), printed above its name; often none. */
  parent: string | null;
  name: string | null;
  /** The issuer's abbreviation in the number: "UBND" gives "Số: .../BC-UBND". */
  symbol: string | null;
  place: string | null;
  /** The signing authority's lines: ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]. */
  signAs: string[];
  signer: string | null;
}

export const NO_OFFICE: OfficeSettings = { parent: null, name: null, symbol: null, place: null, signAs: [], signer: null };

export interface ReportRow {
  unitId: number;
  unitName: string;
  /** null: the unit has no entry for the period ("chưa cập nhật"). */
  status: Status | null;
  percent: number | null;
  note: string;
  reporterName: string | null;
  doneOn: string | null;
  updatedAt: Date | null;
  overdue: boolean;
}

export interface ReportObligation {
  obligationId: string;
  /** The task in full. */
  task: string;
  responsible: string[];
  /** The last day of its deadline in the period, when the plan (or the office) gives one. */
  due: string | null;
  rows: ReportRow[];
}

export interface ReportHeading {
  sectionId: string;
  /** "II. TỔ CHỨC THỰC HIỆN", "1. Chế độ báo cáo": the plan's number and title, in full. */
  text: string;
  level: number;
}

export interface ReportSection {
  /** The section and its parents, top level first. */
  headings: ReportHeading[];
  /** The same as one line ("II. TỔ CHỨC THỰC HIỆN › 1. Chế độ báo cáo"), for CSV. */
  title: string;
  obligations: ReportObligation[];
}

export interface ReportPlan {
  planId: string;
  title: string;
  /** "Kế hoạch ... số 12/KH-UBND ngày 2/2023 của Ủy ban nhân dân thị xã" as far as the plan says. */
  reference: string;
  sections: ReportSection[];
  /** Entries on this plan that match none of its tasks. */
  others: (ReportRow & { task?: string })[];
}

export interface ReportProblem {
  unitName: string;
  task: string;
  note: string;
}

export interface ReportNextTask {
  task: string;
  /** The last day in the next period, or null when the plan states the period without a date. */
  due: string | null;
  units: string[];
}

export interface ReportSummaryRow {
  unitName: string;
  tasks: number;
  done: number;
  doing: number;
  blocked: number;
  notStarted: number;
  notUpdated: number;
  overdue: number;
}

export interface ReportModel {
  period: string;
  periodLabel: string;
  /** The day the draft is made (YYYY-MM-DD): its year goes on the date line. */
  today: string;
  unitName: string | null;
  office: OfficeSettings;
  /** "Kết quả thực hiện công tác dân vận chính quyền 6 tháng đầu năm 2027". */
  subject: string;
  /** The plans' recipients of this kind of report ("Ủy ban nhân dân thị xã (qua phòng Nội vụ)"). */
  recipients: string[];
  plans: ReportPlan[];
  problems: ReportProblem[];
  nextPeriodLabel: string;
  nextTasks: ReportNextTask[];
  summary: ReportSummaryRow[];
  /** Entries of the period counted in the report. */
  entryCount: number;
}

/** Which undated recurring tasks fall due in a period: its own kind, and the year's at its end. */
function kindsEndingIn(period: string): Period[] {
  const kind = reportKind(period);
  const r = periodRange(period);
  const endsYear = !!r && r[1].slice(5) === "12-31";
  const kinds: Period[] = [kind];
  if (kind !== "monthly" && kind !== "yearly") kinds.push("monthly");
  if (kind === "half_year" || kind === "nine_months") kinds.push("quarterly");
  if (endsYear && kind !== "yearly") kinds.push("yearly");
  return kinds;
}

/** The topic of a plan from its title: "Kế hoạch thực hiện công tác Dân vận chính quyền năm 2023" -> "công tác dân vận chính quyền". */
export function planTopic(title: string): string | null {
  const t = title.replace(/\s+/g, " ").trim();
  const cut = (s: string) => s.replace(/\s+(?:năm|giai đoạn|thời kỳ|đến năm|từ năm)\s+\d{4}.*$/iu, "").replace(/[\s,.;:]+$/, "").trim();
  const m = /(công tác\s+.+)$/iu.exec(t);
  if (m) return cut(m[1]).toLocaleLowerCase("vi");
  const rest = cut(t.replace(/^(?:kế hoạch|chương trình(?: phối hợp)?|đề án)\s+(?:(?:phối hợp\s+)?thực hiện|triển khai(?: thực hiện)?|tổ chức)?\s*/iu, ""));
  if (!rest || rest === t) return null;
  return `thực hiện ${rest.charAt(0).toLocaleLowerCase("vi")}${rest.slice(1)}`;
}

function reference(p: ProgressSnapshot["plans"][number]): string {
  const m = p.meta;
  return [p.title, m.number ? `số ${m.number}` : "", m.date ? `ngày ${m.date}` : "", m.issuer ? `của ${m.issuer}` : ""].filter(Boolean).join(" ");
}

interface SectionRow {
  planId: string;
  id: string;
  number: string;
  title: string;
  level: number;
  parentId: string | null;
}

function headingText(s: SectionRow): string {
  if (!s.number) return s.title;
  if (s.number === "-" || s.number === "+") return `${s.number} ${s.title}`;
  return `${s.number}${/[.)]$/.test(s.number) ? "" : /^[a-zđ]$/.test(s.number) ? ")" : "."} ${s.title}`;
}

export interface BuildReportOptions {
  period: string;
  /** Calendar date YYYY-MM-DD of the draft (overdue marks, the year on the date line). */
  today: string;
  planId?: string | null;
  unitId?: number | null;
  office?: OfficeSettings;
}

export async function buildReport(q: DbQuery, o: BuildReportOptions): Promise<ReportModel> {
  const s = await loadProgress(q, { period: o.period, today: o.today, planId: o.planId, unitId: o.unitId });
  const unitId = o.unitId ?? null;
  const [unit] = unitId !== null ? await q.query<{ name: string }>("SELECT name FROM units WHERE id = $1", [unitId]) : [];
  const sections = await q.query<SectionRow>(
    `SELECT plan_id AS "planId", id, number, title, level, parent_id AS "parentId" FROM sections WHERE plan_id = ANY($1::text[])`,
    [s.plans.map((p) => p.id)],
  );
  const sectionOf = new Map(sections.map((x) => [`${x.planId}|${x.id}`, x]));
  const chain = (planId: string, id: string): ReportHeading[] => {
    const out: ReportHeading[] = [];
    for (let cur = sectionOf.get(`${planId}|${id}`); cur; cur = cur.parentId ? sectionOf.get(`${planId}|${cur.parentId}`) : undefined) {
      out.unshift({ sectionId: cur.id, text: headingText(cur), level: cur.level });
      if (out.length > 8) break;
    }
    return out;
  };
  const unitName = new Map(s.units.map((u) => [u.id, u.name]));
  const rowsOf = (t: ProgressTask): ReportRow[] =>
    s.units
      .map((u) => s.cells.get(cellKey(u.id, t.planId, t.obligationId)))
      .filter((c) => c !== undefined)
      .map((c) => ({
        unitId: c.unitId,
        unitName: unitName.get(c.unitId) ?? "",
        status: c.status,
        percent: c.percent,
        note: c.note,
        reporterName: c.reporterName,
        doneOn: c.doneOn,
        updatedAt: c.updatedAt,
        overdue: c.overdue,
      }));

  const plans: ReportPlan[] = s.plans.map((p) => {
    const bySection = new Map<string, ReportSection>();
    for (const t of s.tasks.filter((x) => x.planId === p.id)) {
      const rows = rowsOf(t);
      if (unitId !== null && rows.length === 0) continue;
      let sec = bySection.get(t.sectionId);
      if (!sec) {
        const headings = chain(p.id, t.sectionId);
        sec = { headings, title: headings.map((h) => h.text).join(" › ") || "(Phần mở đầu)", obligations: [] };
        bySection.set(t.sectionId, sec);
      }
      sec.obligations.push({ obligationId: t.obligationId, task: t.task, responsible: t.responsible, due: t.due, rows });
    }
    const others = s.loose
      .filter((e) => e.planId === p.id)
      .map((e) => ({ unitId: e.unitId, unitName: e.unitName, status: e.status, percent: e.percent, note: e.note, reporterName: e.reporterName, doneOn: e.doneOn, updatedAt: e.updatedAt, overdue: false }));
    return { planId: p.id, title: p.title, reference: reference(p), sections: [...bySection.values()], others };
  });
  const loose = s.loose.filter((e) => e.planId === null);
  if (loose.length) {
    plans.push({
      planId: "",
      title: "Cập nhật không thuộc kế hoạch nào",
      reference: "",
      sections: [],
      others: loose.map((e) => ({ unitId: e.unitId, unitName: e.unitName, status: e.status, percent: e.percent, note: e.note, reporterName: e.reporterName, doneOn: e.doneOn, updatedAt: e.updatedAt, overdue: false })),
    });
  }

  const taskOf = new Map(s.tasks.map((t) => [`${t.planId}|${t.obligationId}`, t]));
  const problems: ReportProblem[] = [];
  for (const c of s.cells.values()) {
    if (c.status !== "vướng mắc") continue;
    problems.push({ unitName: unitName.get(c.unitId) ?? "", task: taskOf.get(`${c.planId}|${c.obligationId}`)?.task ?? "", note: c.note });
  }
  for (const e of s.loose) if (e.status === "vướng mắc") problems.push({ unitName: e.unitName, task: "", note: e.note });
  problems.sort((a, b) => byName(a.unitName, b.unitName));

  // III: the tasks of the current plans that fall due in the next period.
  const next = nextPeriod(o.period);
  const nextRange = periodRange(next);
  const kinds = kindsEndingIn(next);
  const validity = new Map(s.plans.map((p) => [p.id, p.meta.period]));
  const nextTasks: ReportNextTask[] = [];
  if (nextRange) {
    for (const t of s.tasks) {
      const v = validity.get(t.planId) ?? null;
      const ny = Number(next.slice(0, 4));
      if (v && (ny < v.from || ny > v.to)) continue;
      const dated = datedOccurrences(t.schedule, t.officeItems, nextRange[0], nextRange[1], v);
      const undated = t.schedule.some((i: ScheduleItem) => !i.due && kinds.includes(i.period));
      if (!dated.length && !undated) continue;
      const units = s.units.filter((u) => s.cells.get(cellKey(u.id, t.planId, t.obligationId))?.responsible).map((u) => u.name);
      nextTasks.push({ task: t.task, due: dated[0]?.lastDay ?? null, units: units.length ? units : t.responsible });
    }
  }

  // The summary: each unit's tasks by status.
  const summary: ReportSummaryRow[] = s.units.map((u) => {
    const row: ReportSummaryRow = { unitName: u.name, tasks: 0, done: 0, doing: 0, blocked: 0, notStarted: 0, notUpdated: 0, overdue: 0 };
    for (const t of s.tasks) {
      const c = s.cells.get(cellKey(u.id, t.planId, t.obligationId));
      if (!c) continue;
      row.tasks++;
      if (c.overdue) row.overdue++;
      if (c.status === "hoàn thành") row.done++;
      else if (c.status === "đang thực hiện") row.doing++;
      else if (c.status === "vướng mắc") row.blocked++;
      else if (c.status === "chưa bắt đầu") row.notStarted++;
      else row.notUpdated++;
    }
    return row;
  });

  // The recipients of this kind of report, as the plans write them.
  const kind = reportKind(o.period);
  const recipients = [...new Set(s.tasks.filter((t) => t.recipient && t.schedule.some((i) => i.period === kind)).map((t) => (t.recipient ?? "").trim()))];

  // The subject: the topic of the plan with the most entries (the first plan on a tie).
  const entriesPer = new Map<string, number>();
  for (const c of s.cells.values()) if (c.status) entriesPer.set(c.planId, (entriesPer.get(c.planId) ?? 0) + 1);
  const main = [...s.plans].sort((a, b) => (entriesPer.get(b.id) ?? 0) - (entriesPer.get(a.id) ?? 0))[0];
  const topic = main ? planTopic(main.title) : null;

  return {
    period: o.period,
    periodLabel: s.periodLabel,
    today: o.today,
    unitName: unit?.name ?? null,
    office: o.office ?? NO_OFFICE,
    subject: `Kết quả thực hiện ${topic ?? PLACEHOLDER} ${s.periodLabel}`,
    recipients,
    plans,
    problems,
    nextPeriodLabel: periodLabel(next),
    nextTasks,
    summary,
    entryCount: s.entryCount,
  };
}
