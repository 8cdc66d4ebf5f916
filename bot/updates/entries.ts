// Report entries: one progress update of a unit on an obligation for a period. Every write runs in
// one transaction with its audit row, so a failure leaves nothing half-written; the same source
// message (channel, message id) stores one entry however often it is delivered.
import { audit } from "../audit";
import type { Db, DbQuery } from "../storage/db";
import type { Status } from "./status";

/** What a stored entry holds of its own; the rest is joined in or set by the database. */
interface EntryFields {
  unitId: number;
  reporterId: number;
  planId: string | null;
  obligationId: string | null;
  period: string;
  status: Status;
  percent: number | null;
  note: string;
  channel: string;
  sourceMessageId: string;
}

export interface EntryInput extends EntryFields {
  doneOn?: string | null;
  now: Date;
}

export interface ReportEntry extends EntryFields {
  id: number;
  unitName: string;
  reporterName: string;
  /** The obligation's task, when the entry has one. */
  task: string | null;
  doneOn: string | null;
  createdAt: Date;
  updatedAt: Date;
  withdrawnAt: Date | null;
}

export const ENTRY_SELECT = `SELECT e.id, e.unit_id AS "unitId", n.name AS "unitName", e.reporter_id AS "reporterId", u.name AS "reporterName",
    e.plan_id AS "planId", e.obligation_id AS "obligationId", o.task, e.period, e.status, e.percent, e.note, e.channel,
    e.source_message_id AS "sourceMessageId", e.done_on AS "doneOn", e.created_at AS "createdAt", e.updated_at AS "updatedAt",
    e.withdrawn_at AS "withdrawnAt"
  FROM report_entries e
  JOIN units n ON n.id = e.unit_id
  JOIN users u ON u.id = e.reporter_id
  LEFT JOIN obligations o ON o.plan_id = e.plan_id AND o.id = e.obligation_id`;

export async function getEntry(q: DbQuery, id: number): Promise<ReportEntry | null> {
  const [e] = await q.query<ReportEntry>(`${ENTRY_SELECT} WHERE e.id = $1`, [id]);
  return e ?? null;
}

/** The fields an audit row keeps of an entry. */
function snapshot(e: ReportEntry) {
  return { unitId: e.unitId, obligationId: e.obligationId, planId: e.planId, period: e.period, status: e.status, percent: e.percent, note: e.note, doneOn: e.doneOn };
}

/**
 * Stores a progress entry (committed before this returns). `created` is false when this source
 * message was already stored: the earlier entry is returned and nothing changes.
 */
export async function recordEntry(db: Db, e: EntryInput): Promise<{ entry: ReportEntry; created: boolean }> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ id: number }>(
      `INSERT INTO report_entries (unit_id, reporter_id, plan_id, obligation_id, period, status, percent, note, channel, source_message_id, done_on, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
       ON CONFLICT (channel, source_message_id) DO NOTHING RETURNING id`,
      [e.unitId, e.reporterId, e.planId, e.obligationId, e.period, e.status, e.percent, e.note, e.channel, e.sourceMessageId, e.doneOn ?? null, e.now],
    );
    if (rows.length === 0) {
      const [old] = await tx.query<ReportEntry>(`${ENTRY_SELECT} WHERE e.channel = $1 AND e.source_message_id = $2`, [e.channel, e.sourceMessageId]);
      return { entry: old, created: false };
    }
    const entry = await getEntry(tx, rows[0].id);
    if (!entry) throw new Error("The entry just inserted cannot be read back.");
    await audit(tx, { at: e.now, actorUserId: e.reporterId, action: "entry.create", entity: "report_entry", entityId: String(entry.id), after: snapshot(entry) });
    return { entry, created: true };
  });
}

/** The reporter's latest entry that is not withdrawn. */
export async function lastEntryOf(q: DbQuery, reporterId: number): Promise<ReportEntry | null> {
  const [e] = await q.query<ReportEntry>(`${ENTRY_SELECT} WHERE e.reporter_id = $1 AND e.withdrawn_at IS NULL ORDER BY e.created_at DESC, e.id DESC LIMIT 1`, [reporterId]);
  return e ?? null;
}

export interface EntryChanges {
  status?: Status;
  percent?: number | null;
  note?: string;
  period?: string;
  doneOn?: string;
  obligationId?: string | null;
  planId?: string | null;
}

/** Edits the reporter's latest entry; null when there is none. */
export async function editLastEntry(
  db: Db,
  reporterId: number,
  changes: EntryChanges,
  now: Date,
): Promise<{ before: ReportEntry; after: ReportEntry } | null> {
  return db.transaction(async (tx) => {
    const before = await lastEntryOf(tx, reporterId);
    if (!before) return null;
    await tx.query("SELECT id FROM report_entries WHERE id = $1 FOR UPDATE", [before.id]);
    const next = { ...before, ...changes };
    await tx.query(
      "UPDATE report_entries SET status = $2, percent = $3, note = $4, period = $5, done_on = $6, obligation_id = $7, plan_id = $8, updated_at = $9 WHERE id = $1",
      [before.id, next.status, next.percent, next.note, next.period, next.doneOn, next.obligationId, next.planId, now],
    );
    const after = await getEntry(tx, before.id);
    if (!after) throw new Error("The entry just edited cannot be read back.");
    await audit(tx, { at: now, actorUserId: reporterId, action: "entry.edit", entity: "report_entry", entityId: String(before.id), before: snapshot(before), after: snapshot(after) });
    return { before, after };
  });
}

/** Withdraws the reporter's latest entry (kept, marked withdrawn, in the audit log); null when none. */
export async function withdrawLastEntry(db: Db, reporterId: number, now: Date): Promise<ReportEntry | null> {
  return db.transaction(async (tx) => {
    const e = await lastEntryOf(tx, reporterId);
    if (!e) return null;
    await tx.query("UPDATE report_entries SET withdrawn_at = $2, updated_at = $2 WHERE id = $1", [e.id, now]);
    await audit(tx, { at: now, actorUserId: reporterId, action: "entry.withdraw", entity: "report_entry", entityId: String(e.id), before: snapshot(e) });
    return e;
  });
}

export interface EntryFilter {
  reporterId?: number;
  unitId?: number;
  /** Entries whose period lies within one of these keys. */
  periods?: string[];
  planId?: string | null;
  limit?: number;
}

/** Live entries, newest first. */
export async function listEntries(q: DbQuery, f: EntryFilter): Promise<ReportEntry[]> {
  const where = ["e.withdrawn_at IS NULL"];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace("?", `$${params.length}`));
  };
  if (f.reporterId !== undefined) add("e.reporter_id = ?", f.reporterId);
  if (f.unitId !== undefined) add("e.unit_id = ?", f.unitId);
  if (f.periods) add("e.period = ANY(?::text[])", f.periods);
  if (f.planId) add("(e.plan_id = ? OR e.plan_id IS NULL)", f.planId);
  params.push(f.limit ?? 1000);
  return q.query<ReportEntry>(`${ENTRY_SELECT} WHERE ${where.join(" AND ")} ORDER BY e.updated_at DESC, e.id DESC LIMIT $${params.length}`, params);
}
