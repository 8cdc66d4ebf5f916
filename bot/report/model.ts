// The draft report: per plan, per section (the plan's own titles), per obligation, each
// responsible unit's latest status, percent and note for the period. Entries that match no
// obligation are listed under "Nội dung khác".
import type { DbQuery } from "../storage/db";
import type { Status } from "../updates/status";
import { periodLabel, periodsWithin } from "../updates/period";

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
  /** For "Nội dung khác": what the entry was about. */
  task?: string;
}

export interface ReportObligation {
  obligationId: string;
  task: string;
  responsible: string[];
  rows: ReportRow[];
}

export interface ReportSection {
  title: string;
  obligations: ReportObligation[];
}

export interface ReportPlan {
  planId: string;
  title: string;
  sections: ReportSection[];
  others: ReportRow[];
}

export interface ReportModel {
  period: string;
  periodLabel: string;
  unitName: string | null;
  plans: ReportPlan[];
  /** Entries of the period counted in the report. */
  entryCount: number;
}

interface EntryRow {
  planId: string | null;
  obligationId: string | null;
  unitId: number;
  unitName: string;
  status: Status;
  percent: number | null;
  note: string;
  reporterName: string;
  doneOn: string | null;
  updatedAt: Date;
}

/**
 * Builds the report. Plans: `planId`, else the plans with entries in the period (all plans when
 * none has any). `unitId` narrows it to one unit's obligations and entries.
 */
export async function buildReport(q: DbQuery, o: { period: string; planId?: string | null; unitId?: number | null }): Promise<ReportModel> {
  const periods = periodsWithin(o.period);
  if (!periods.length) throw new Error(`"${o.period}" is not a period: use 2026, 2026-H1, 2026-Q2, 2026-9M or 2026-09.`);
  const unitId = o.unitId ?? null;
  // Latest live entry per (plan, obligation, unit) in the period.
  const entries = await q.query<EntryRow>(
    `SELECT DISTINCT ON (e.plan_id, e.obligation_id, e.unit_id)
        e.plan_id AS "planId", e.obligation_id AS "obligationId", e.unit_id AS "unitId", n.name AS "unitName", e.status, e.percent, e.note,
        u.name AS "reporterName", e.done_on AS "doneOn", e.updated_at AS "updatedAt"
     FROM report_entries e JOIN units n ON n.id = e.unit_id JOIN users u ON u.id = e.reporter_id
     WHERE e.withdrawn_at IS NULL AND e.period = ANY($1::text[]) AND ($2::int IS NULL OR e.unit_id = $2)
     ORDER BY e.plan_id, e.obligation_id, e.unit_id, e.updated_at DESC, e.id DESC`,
    [periods, unitId],
  );
  const allPlans = await q.query<{ id: string; title: string }>("SELECT id, title FROM plans ORDER BY id");
  let planIds: string[];
  if (o.planId) planIds = [o.planId];
  else {
    const withEntries = new Set(entries.map((e) => e.planId).filter((p): p is string => p !== null));
    planIds = withEntries.size ? allPlans.map((p) => p.id).filter((id) => withEntries.has(id)) : allPlans.map((p) => p.id);
  }
  const titles = new Map(allPlans.map((p) => [p.id, p.title]));
  const [unit] = unitId !== null ? await q.query<{ name: string }>("SELECT name FROM units WHERE id = $1", [unitId]) : [];

  const plans: ReportPlan[] = [];
  for (const planId of planIds) {
    const obligations = await q.query<{ id: string; section: string; task: string; responsible: string[] }>(
      "SELECT id, section, task, responsible FROM obligations WHERE plan_id = $1 ORDER BY ord",
      [planId],
    );
    const links = await q.query<{ obligationId: string; unitId: number; unitName: string }>(
      `SELECT ou.obligation_id AS "obligationId", ou.unit_id AS "unitId", n.name AS "unitName"
       FROM obligation_units ou JOIN units n ON n.id = ou.unit_id WHERE ou.plan_id = $1 ORDER BY n.name`,
      [planId],
    );
    const planEntries = entries.filter((e) => e.planId === planId);
    const sections = new Map<string, ReportSection>();
    for (const ob of obligations) {
      const rows: ReportRow[] = [];
      const seen = new Set<number>();
      for (const e of planEntries.filter((x) => x.obligationId === ob.id)) {
        rows.push(toRow(e));
        seen.add(e.unitId);
      }
      for (const l of links.filter((x) => x.obligationId === ob.id)) {
        if (seen.has(l.unitId) || (unitId !== null && l.unitId !== unitId)) continue;
        rows.push({ unitId: l.unitId, unitName: l.unitName, status: null, percent: null, note: "", reporterName: null, doneOn: null, updatedAt: null });
      }
      if (unitId !== null && rows.length === 0) continue;
      rows.sort((a, b) => a.unitName.localeCompare(b.unitName, "vi"));
      const title = ob.section || "(Phần mở đầu)";
      const s = sections.get(title) ?? { title, obligations: [] };
      s.obligations.push({ obligationId: ob.id, task: ob.task, responsible: ob.responsible, rows });
      sections.set(title, s);
    }
    const others = planEntries.filter((e) => e.obligationId === null || !obligations.some((ob) => ob.id === e.obligationId)).map(toRow);
    plans.push({ planId, title: titles.get(planId) ?? planId, sections: [...sections.values()], others });
  }
  // Entries under no plan at all (a user with no plan who matched nothing).
  const loose = entries.filter((e) => e.planId === null).map(toRow);
  if (loose.length) plans.push({ planId: "", title: "Cập nhật không thuộc kế hoạch nào", sections: [], others: loose });
  return { period: o.period, periodLabel: periodLabel(o.period), unitName: unit?.name ?? null, plans, entryCount: entries.length };
}

function toRow(e: EntryRow): ReportRow {
  return {
    unitId: e.unitId,
    unitName: e.unitName,
    status: e.status,
    percent: e.percent,
    note: e.note,
    reporterName: e.reporterName,
    doneOn: e.doneOn,
    updatedAt: e.updatedAt,
  };
}
