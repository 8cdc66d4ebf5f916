// Reads what the planner needs from the database, in a handful of queries (no per-user queries):
// obligations with their responsible units, the people who can be nudged, mutes, snoozes, done
// entries, office-set dates and the keys already in the nudge log.
import { addDays } from "../../knowledge/occurrences";
import type { ScheduleItem } from "../../knowledge/types";
import type { DbQuery } from "../storage/db";
import type { Role } from "../turn";
import { doneKey, muteKey, snoozeKey, type NudgeObligation, type NudgeState, type NudgeUser } from "./planner";

/** The status of a report entry that ends an occurrence's nudges. */
export const DONE_STATUS = "hoàn thành";

interface ObligationRow {
  plan_id: string;
  id: string;
  task: string;
  schedule: ScheduleItem[];
  title: string;
  validity: { from: number; to: number } | null;
}

/** Office-set dates per obligation: `${planId}|${obligationId}` -> schedule items. */
export async function loadOfficeSchedules(db: DbQuery, planId?: string): Promise<Map<string, ScheduleItem[]>> {
  const rows = await db.query<{ plan_id: string; obligation_id: string; period: ScheduleItem["period"]; due: ScheduleItem["due"] }>(
    `SELECT plan_id, obligation_id, period, due FROM office_deadlines ${planId ? "WHERE plan_id = $1" : ""}`,
    planId ? [planId] : [],
  );
  const m = new Map<string, ScheduleItem[]>();
  for (const r of rows) {
    const k = `${r.plan_id}|${r.obligation_id}`;
    const list = m.get(k) ?? [];
    list.push({ period: r.period, due: r.due });
    m.set(k, list);
  }
  return m;
}

/** Obligations that some unit is responsible for, with their units and office-set dates. */
export async function loadNudgeObligations(db: DbQuery, unitId?: number): Promise<NudgeObligation[]> {
  const [rows, links, office] = await Promise.all([
    db.query<ObligationRow>(
      `SELECT o.plan_id, o.id, o.task, o.schedule, p.title, p.meta->'period' AS validity
         FROM obligations o JOIN plans p ON p.id = o.plan_id
        WHERE EXISTS (SELECT 1 FROM obligation_units ou WHERE ou.plan_id = o.plan_id AND ou.obligation_id = o.id ${unitId !== undefined ? "AND ou.unit_id = $1" : ""})
        ORDER BY o.plan_id, o.ord, o.id`,
      unitId !== undefined ? [unitId] : [],
    ),
    db.query<{ plan_id: string; obligation_id: string; unit_id: number }>("SELECT plan_id, obligation_id, unit_id FROM obligation_units ORDER BY unit_id"),
    loadOfficeSchedules(db),
  ]);
  const units = new Map<string, number[]>();
  for (const l of links) {
    const k = `${l.plan_id}|${l.obligation_id}`;
    const list = units.get(k);
    if (list) list.push(l.unit_id);
    else units.set(k, [l.unit_id]);
  }
  return rows.map((r) => ({
    planId: r.plan_id,
    planTitle: r.title,
    obligationId: r.id,
    task: r.task,
    schedule: r.schedule,
    officeSchedule: office.get(`${r.plan_id}|${r.id}`) ?? [],
    validity: r.validity && typeof r.validity.from === "number" ? r.validity : null,
    unitIds: units.get(`${r.plan_id}|${r.id}`) ?? [],
  }));
}

/** Done entries ("hoàn thành", not withdrawn) of recent periods, as doneKey()s. */
export async function loadDone(db: DbQuery, sinceYear: number, unitId?: number): Promise<Set<string>> {
  const rows = await db.query<{ unit_id: number; plan_id: string; obligation_id: string; period: string }>(
    `SELECT DISTINCT unit_id, plan_id, obligation_id, period FROM report_entries
      WHERE status = $1 AND withdrawn_at IS NULL AND obligation_id IS NOT NULL AND plan_id IS NOT NULL AND period >= $2
      ${unitId !== undefined ? "AND unit_id = $3" : ""}`,
    unitId !== undefined ? [DONE_STATUS, String(sinceYear), unitId] : [DONE_STATUS, String(sinceYear)],
  );
  return new Set(rows.map((r) => doneKey(r.unit_id, r.plan_id, r.obligation_id, r.period)));
}

/** Each unit's latest entry (not withdrawn) per obligation and period of recent periods, by doneKey(). */
export async function loadLatest(db: DbQuery, sinceYear: number): Promise<Map<string, { status: string; percent: number | null }>> {
  const rows = await db.query<{ unit_id: number; plan_id: string; obligation_id: string; period: string; status: string; percent: number | null }>(
    `SELECT DISTINCT ON (unit_id, plan_id, obligation_id, period) unit_id, plan_id, obligation_id, period, status, percent FROM report_entries
      WHERE withdrawn_at IS NULL AND obligation_id IS NOT NULL AND plan_id IS NOT NULL AND period >= $1
      ORDER BY unit_id, plan_id, obligation_id, period, updated_at DESC, id DESC`,
    [String(sinceYear)],
  );
  return new Map(rows.map((r) => [doneKey(r.unit_id, r.plan_id, r.obligation_id, r.period), { status: r.status, percent: r.percent }]));
}

/** Everything planNudges/planEscalations need on `today` (a window of ~3 months around it). */
export async function loadNudgeState(db: DbQuery, today: string): Promise<NudgeState> {
  const since = addDays(today, -120);
  const [obligations, users, units, mutes, snoozes, done, logged, latest] = await Promise.all([
    loadNudgeObligations(db),
    db.query<{ id: number; unit_id: number | null; role: Role; plan_id: string | null }>(
      `SELECT u.id, u.unit_id, u.role, u.plan_id FROM users u
        WHERE NOT u.nudges_muted AND EXISTS (SELECT 1 FROM addresses a WHERE a.user_id = u.id AND NOT a.dead)`,
    ),
    db.query<{ id: number; name: string; collective: boolean }>("SELECT id, name, collective FROM units"),
    db.query<{ user_id: number; plan_id: string; obligation_id: string }>("SELECT user_id, plan_id, obligation_id FROM nudge_mutes"),
    db.query<{ user_id: number; plan_id: string; obligation_id: string; occurrence: string; until: string }>(
      "SELECT user_id, plan_id, obligation_id, occurrence, until FROM nudge_snoozes WHERE until >= $1",
      [since],
    ),
    loadDone(db, Number(today.slice(0, 4)) - 1),
    db.query<{ key: string }>("SELECT key FROM nudge_log WHERE occurrence >= $1", [since]),
    loadLatest(db, Number(today.slice(0, 4)) - 1),
  ]);
  return {
    obligations,
    users: users.map((u): NudgeUser => ({ id: u.id, unitId: u.unit_id, role: u.role, planId: u.plan_id })),
    unitNames: new Map(units.map((u) => [u.id, u.name])),
    mutes: new Set(mutes.map((m) => muteKey(m.user_id, m.plan_id, m.obligation_id))),
    snoozes: new Map(snoozes.map((s) => [snoozeKey(s.user_id, s.plan_id, s.obligation_id, s.occurrence), s.until])),
    done,
    logged: new Set(logged.map((l) => l.key)),
    collectiveUnits: new Set(units.filter((u) => u.collective).map((u) => u.id)),
    latest,
  };
}
